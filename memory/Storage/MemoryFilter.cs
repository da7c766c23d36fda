namespace BriefingBot.Memory.Storage;

/// <summary>
/// Restricts a search or listing. Every tag key must match (AND) with any of its values (OR), as in Kernel Memory's
/// filters; <see cref="DocumentIds"/>, when given, limits to those documents.
/// </summary>
public sealed record MemoryFilter
{
    public static MemoryFilter None { get; } = new();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Tags { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<string> DocumentIds { get; init; } = [];

    public bool IsEmpty => Tags.Count == 0 && DocumentIds.Count == 0;
}
