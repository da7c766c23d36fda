using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// What a briefing job builds: the documents, or a topic searched within <see cref="Tags"/>. The tags are the filter
/// the job runs under, already restricted to what the caller may read when the job was accepted.
/// </summary>
public sealed record BriefingJobPayload
{
    public IReadOnlyList<string> DocumentIds { get; init; } = [];

    public string? Topic { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Tags { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public static BriefingJobPayload From(BriefingRequest request) => new()
    {
        DocumentIds = request.DocumentIds,
        Topic = request.Topic,
        Tags = request.Filter.Tags,
    };

    public BriefingRequest ToRequest() => new()
    {
        DocumentIds = DocumentIds,
        Topic = Topic,
        Filter = new MemoryFilter { Tags = Tags },
    };
}
