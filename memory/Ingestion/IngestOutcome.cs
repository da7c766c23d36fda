namespace BriefingBot.Memory.Ingestion;

public enum IngestOutcome
{
    /// <summary>A new document was stored.</summary>
    Created,

    /// <summary>New content replaced an earlier version under the same id.</summary>
    Replaced,

    /// <summary>The same content was already stored; nothing was done.</summary>
    Unchanged,

    /// <summary>The stored document is not the version the writer required (<c>If-Match</c>); nothing was stored.</summary>
    Conflict,

    /// <summary>The id belongs to a document outside the writer's scope; nothing was stored.</summary>
    Refused,

    /// <summary>The document could not be ingested; <see cref="IngestResult.Error"/> says why. Nothing of it was stored.</summary>
    Failed,
}
