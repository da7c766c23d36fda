using BriefingBot.Memory.Ingestion;

namespace BriefingBot.Bot.Api;

/// <summary>One validated upload, ready to ingest (its id already settled), and the request part it came from.</summary>
public sealed record PendingUpload(IngestRequest Request, bool FromFile)
{
    /// <summary>The name validation errors use for it: <c>documents[i]</c> or <c>files[i]</c>.</summary>
    public string Field(int index) => $"{(FromFile ? "files" : "documents")}[{index}]";
}
