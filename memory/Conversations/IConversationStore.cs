namespace BriefingBot.Memory.Conversations;

/// <summary>Where conversations' turns are kept (the memory's SQLite file by default), so they survive a restart.</summary>
public interface IConversationStore
{
    /// <summary>Appends a turn numbered after the last one and keeps only the newest <paramref name="maxTurns"/>.</summary>
    Task<ConversationTurn> AppendAsync(ConversationTurn turn, int maxTurns, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="count"/> turns, oldest first.</summary>
    Task<IReadOnlyList<ConversationTurn>> RecentAsync(string conversationId, int count, CancellationToken cancellationToken = default);

    /// <summary>Forgets the conversation; returns how many turns were deleted.</summary>
    Task<int> ResetAsync(string conversationId, CancellationToken cancellationToken = default);
}
