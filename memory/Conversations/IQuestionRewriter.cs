namespace BriefingBot.Memory.Conversations;

/// <summary>Makes a follow-up question self-contained from the conversation's recent turns (oldest first).</summary>
public interface IQuestionRewriter
{
    Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> recent, CancellationToken cancellationToken = default);
}
