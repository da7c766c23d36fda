namespace BriefingBot.Bot.Api;

/// <summary>One document of a JSON upload: its text and metadata; the id is derived from the source or the text when omitted.</summary>
public sealed record DocumentUpload(
    string? Id,
    string? Title,
    string? Text,
    Dictionary<string, List<string>>? Tags,
    DateTimeOffset? Published,
    string? Source);
