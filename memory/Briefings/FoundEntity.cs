using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings;

/// <summary>An entity of one document with the ranges where it is mentioned.</summary>
internal sealed record FoundEntity(string Name, EntityKind Kind, string? Role, IReadOnlyList<TextSpan> Mentions);
