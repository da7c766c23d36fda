using System.Collections.Concurrent;

namespace BriefingBot.Bot.Turns;

/// <summary>
/// Conversation state held in the process: the last <see cref="MaxExchanges"/> exchanges of at most
/// <see cref="MaxConversations"/> conversations (the least recently active are dropped first).
/// </summary>
public sealed class InMemoryConversationStateStore(TimeProvider time) : IConversationStateStore
{
    public const int MaxExchanges = 20;
    public const int MaxConversations = 10_000;

    private readonly ConcurrentDictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);

    public IReadOnlyList<ConversationExchange> History(string conversationKey)
    {
        if (!_conversations.TryGetValue(conversationKey, out var conversation))
        {
            return [];
        }

        lock (conversation)
        {
            return [.. conversation.Exchanges];
        }
    }

    public void Append(string conversationKey, ConversationExchange exchange)
    {
        var conversation = _conversations.GetOrAdd(conversationKey, _ => new Conversation());
        lock (conversation)
        {
            conversation.Exchanges.Add(exchange);
            if (conversation.Exchanges.Count > MaxExchanges)
            {
                conversation.Exchanges.RemoveRange(0, conversation.Exchanges.Count - MaxExchanges);
            }

            conversation.LastActive = time.GetUtcNow();
        }

        if (_conversations.Count > MaxConversations)
        {
            foreach (var stale in _conversations.OrderBy(c => c.Value.LastActive).Take(_conversations.Count - MaxConversations).ToList())
            {
                _conversations.TryRemove(stale.Key, out _);
            }
        }
    }

    public bool Reset(string conversationKey) => _conversations.TryRemove(conversationKey, out _);

    private sealed class Conversation
    {
        public List<ConversationExchange> Exchanges { get; } = [];

        public DateTimeOffset LastActive { get; set; }
    }
}
