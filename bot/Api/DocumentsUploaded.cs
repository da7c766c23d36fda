namespace BriefingBot.Bot.Api;

/// <summary>The 201 answer to an upload ingested at once.</summary>
public sealed record DocumentsUploaded(IReadOnlyList<UploadedDocument> Documents);
