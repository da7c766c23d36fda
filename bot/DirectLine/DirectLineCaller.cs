using BriefingBot.Memory.DirectLine;

namespace BriefingBot.Bot.DirectLine;

/// <summary>Who is calling: a site with its secret (the conversations that site started), or a token (its one conversation).</summary>
public sealed record DirectLineCaller(string Site, DirectLineToken? Token)
{
    public bool HasSecret => Token is null;

    /// <summary>
    /// True when the caller may read and post to the conversation: it belongs to the caller's site (the secret, or the
    /// bot's own page, that started it) and, for a token, is the token's own conversation.
    /// </summary>
    public bool MayUse(StoredConversation conversation) =>
        string.Equals(conversation.Site, Site, StringComparison.Ordinal)
        && (Token is null || string.Equals(Token.ConversationId, conversation.Id, StringComparison.Ordinal));
}
