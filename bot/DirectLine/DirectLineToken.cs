namespace BriefingBot.Bot.DirectLine;

/// <summary>What a valid token grants: one conversation, for one user when the token names one, until it expires.</summary>
/// <param name="ConversationId">The only conversation the token may read and post to.</param>
/// <param name="UserId">The user the token was issued for; posts are made as this user. Null: the client chooses.</param>
/// <param name="Kind"><see cref="DirectLineTokens.ConversationKind"/> for REST calls, <see cref="DirectLineTokens.StreamKind"/> for the WebSocket stream only.</param>
/// <param name="Site">The secret (or the bot's own page) the token descends from.</param>
/// <param name="Expires">When the token stops working.</param>
public sealed record DirectLineToken(string ConversationId, string? UserId, string Kind, string Site, DateTimeOffset Expires);
