namespace BriefingBot.Memory.Briefings;

/// <summary>Where an entity is mentioned: a range of a document's normalised text.</summary>
public sealed record EntityMention(string DocumentId, int Start, int End);
