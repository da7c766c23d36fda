using BriefingBot.Memory.Retrieval;

namespace BriefingBot.Memory.Generation;

/// <summary>A numbered fact given to the model: one retrieved passage, with how it is shown in the prompt.</summary>
public sealed record Fact(int N, SearchHit Hit, string Formatted);
