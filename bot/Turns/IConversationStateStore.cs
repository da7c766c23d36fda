namespace BriefingBot.Bot.Turns;

/// <summary>What the bot remembers of each conversation, keyed by channel and conversation id.</summary>
public interface IConversationStateStore
{
    IReadOnlyList<ConversationExchange> History(string conversationKey);

    void Append(string conversationKey, ConversationExchange exchange);

    /// <summary>Forgets the conversation; true if there was anything to forget.</summary>
    bool Reset(string conversationKey);
}
