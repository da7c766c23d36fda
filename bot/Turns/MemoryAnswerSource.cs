using System.Runtime.CompilerServices;
using BriefingBot.Memory;

namespace BriefingBot.Bot.Turns;

/// <summary>
/// Answers from the memory's <see cref="BriefingMemory.AskAsync"/>. The answer arrives whole, so its sentences are
/// handed on as they stand, one piece each, for a streaming channel to show as they come.
/// </summary>
public sealed class MemoryAnswerSource(BriefingMemory memory) : IAnswerSource
{
    public async IAsyncEnumerable<AnswerUpdate> AnswerAsync(AnswerQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var answer = await memory.AskAsync(query.Question, cancellationToken: cancellationToken);
        if (!answer.NoResult)
        {
            var sentences = AnswerSentences.Split(answer.Text);
            for (var i = 0; i < sentences.Count; i++)
            {
                yield return AnswerUpdate.Piece(i == 0 ? sentences[i] : " " + sentences[i]);
            }
        }

        yield return AnswerUpdate.Done(new BotAnswer(answer, FollowUpPrompts.For(answer)));
    }
}
