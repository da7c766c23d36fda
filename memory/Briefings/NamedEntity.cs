namespace BriefingBot.Memory.Briefings;

/// <summary>A person, organisation or place named in the sources, with every mention.</summary>
public sealed record NamedEntity
{
    /// <summary>The fullest form of the name found ("Vladimir Putin" for mentions of "Putin").</summary>
    public required string Name { get; init; }

    public required EntityKind Kind { get; init; }

    /// <summary>A person's role or title, when the text gives one.</summary>
    public string? Role { get; init; }

    public int Count => Mentions.Count;

    public required IReadOnlyList<EntityMention> Mentions { get; init; }
}
