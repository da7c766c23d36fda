using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Briefings;

/// <summary>What to brief on: the given documents, or the documents of the memory most relevant to a topic.</summary>
public sealed record BriefingRequest
{
    public IReadOnlyList<string> DocumentIds { get; init; } = [];

    public string? Topic { get; init; }

    /// <summary>Restricts the topic search (tags); ignored when document ids are given.</summary>
    public MemoryFilter Filter { get; init; } = MemoryFilter.None;

    public static BriefingRequest ForDocuments(params string[] documentIds) => new() { DocumentIds = documentIds };

    public static BriefingRequest ForTopic(string topic) => new() { Topic = topic };
}
