namespace BriefingBot.Bot.DirectLine;

/// <summary>Who is calling: a site with its secret (any conversation of that site), or a token (its one conversation).</summary>
public sealed record DirectLineCaller(string Site, DirectLineToken? Token)
{
    public bool HasSecret => Token is null;

    /// <summary>True when the caller may read and post to the conversation.</summary>
    public bool MayUse(string conversationId) => Token is null || string.Equals(Token.ConversationId, conversationId, StringComparison.Ordinal);
}
