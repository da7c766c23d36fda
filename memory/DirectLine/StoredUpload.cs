namespace BriefingBot.Memory.DirectLine;

/// <summary>A file a user uploaded to a conversation.</summary>
public sealed record StoredUpload(string Id, string ConversationId, string Name, string ContentType, byte[] Content);
