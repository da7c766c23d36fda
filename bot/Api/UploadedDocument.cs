namespace BriefingBot.Bot.Api;

/// <summary>What became of one uploaded document ingested at once: its id, the outcome, its URL and the stored version (its ETag).</summary>
public sealed record UploadedDocument(string Id, string Outcome, int Chunks, int Tokens, string Url, string? Error = null, string? Version = null);
