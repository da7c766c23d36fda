namespace BriefingBot.Bot.Turns;

/// <summary>Answers a question asked in a conversation: text pieces as they are produced, then the complete answer.</summary>
public interface IAnswerSource
{
    /// <summary>
    /// Zero or more <see cref="AnswerUpdate.Delta"/> updates (appended in order they make the answer's text), then
    /// exactly one update carrying <see cref="AnswerUpdate.Completed"/>.
    /// </summary>
    IAsyncEnumerable<AnswerUpdate> AnswerAsync(AnswerQuery query, CancellationToken cancellationToken);
}
