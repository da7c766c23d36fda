namespace BriefingBot.Memory.Storage;

/// <summary>
/// What a save requires of the document already stored under its id, checked inside the saving transaction so that no
/// other writer can come between the check and the write: the stored document must lie within <see cref="Scope"/>,
/// and, when <see cref="IfMatch"/> is given, be that version.
/// </summary>
public sealed record SaveCondition
{
    /// <summary>The version that means "any stored version" (a replacement, never a creation).</summary>
    public const string AnyVersion = "*";

    public static SaveCondition None { get; } = new();

    /// <summary>Tag key → allowed values: the part of the memory the writer may see. Empty: all of it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Scope { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The content hash (version) the writer read and means to replace, or <see cref="AnyVersion"/>; null: no requirement.</summary>
    public string? IfMatch { get; init; }

    /// <summary>Whether tags carry, for every key of <paramref name="scope"/>, one of its allowed values.</summary>
    public static bool InScope(IReadOnlyDictionary<string, IReadOnlyList<string>> scope, IReadOnlyDictionary<string, IReadOnlyList<string>> tags) =>
        scope.All(s => tags.TryGetValue(s.Key, out var values) && values.Any(v => s.Value.Contains(v, StringComparer.Ordinal)));

    /// <summary>The outcome of saving content with <paramref name="hash"/> over the stored version (null when there is none).</summary>
    public SaveOutcome Decide(string? storedHash, IReadOnlyDictionary<string, IReadOnlyList<string>>? storedTags, string hash)
    {
        if (storedHash is null)
        {
            return IfMatch is null ? SaveOutcome.Created : SaveOutcome.Conflict;
        }

        if (!InScope(Scope, storedTags ?? new Dictionary<string, IReadOnlyList<string>>()))
        {
            return SaveOutcome.OutOfScope;
        }

        if (IfMatch is not null && IfMatch != AnyVersion && !string.Equals(IfMatch, storedHash, StringComparison.Ordinal))
        {
            return SaveOutcome.Conflict;
        }

        return storedHash == hash ? SaveOutcome.Unchanged : SaveOutcome.Replaced;
    }
}
