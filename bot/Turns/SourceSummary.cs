using BriefingBot.Memory.Documents;

namespace BriefingBot.Bot.Turns;

/// <summary>How many documents and passages there are, and the most recently updated documents.</summary>
public sealed record SourceSummary(int Documents, int Passages, IReadOnlyList<DocumentInfo> Latest);
