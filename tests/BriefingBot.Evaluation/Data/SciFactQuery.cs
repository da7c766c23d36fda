namespace BriefingBot.Evaluation.Data;

/// <summary>A query with its judged documents (corpus id → relevance grade).</summary>
internal sealed record SciFactQuery(string Id, string Text, IReadOnlyDictionary<string, int> Relevant);
