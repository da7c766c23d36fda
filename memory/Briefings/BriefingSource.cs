using BriefingBot.Memory.Documents;

namespace BriefingBot.Memory.Briefings;

/// <summary>A document being briefed: what the memory knows about it and its normalised text.</summary>
public sealed record BriefingSource(DocumentInfo Document, string Text);
