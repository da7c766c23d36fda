namespace BriefingBot.Memory.DirectLine;

/// <summary>A Direct Line conversation as kept.</summary>
public sealed record StoredConversation(string Id, string? UserId, string Site, DateTimeOffset Created, DateTimeOffset LastActive);
