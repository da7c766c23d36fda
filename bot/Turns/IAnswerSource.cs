namespace BriefingBot.Bot.Turns;

/// <summary>Answers questions asked in a conversation, which it remembers until told to forget it.</summary>
public interface IAnswerSource
{
    /// <summary>
    /// Zero or more <see cref="AnswerUpdate.Delta"/> updates (appended in order they make the answer's text), then
    /// exactly one update carrying <see cref="AnswerUpdate.Completed"/>.
    /// </summary>
    IAsyncEnumerable<AnswerUpdate> AnswerAsync(AnswerQuery query, CancellationToken cancellationToken);

    /// <summary>Forgets the conversation; true if there was anything to forget.</summary>
    Task<bool> ForgetAsync(string conversationKey, CancellationToken cancellationToken);
}
