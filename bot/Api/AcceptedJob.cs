namespace BriefingBot.Bot.Api;

/// <summary>An upload accepted as a background ingestion job: the job's id and status URL, and the document it will store.</summary>
public sealed record AcceptedJob(string Id, string Status, string StatusUrl, string DocumentId, string? FileName);
