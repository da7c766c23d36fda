using System.Globalization;
using System.Runtime.CompilerServices;
using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.Retrieval;

namespace BriefingBot.Bot.Turns;

/// <summary>
/// Answers through the memory's <see cref="ConversationService"/>: follow-ups are made standalone from the stored
/// turns, the answer is extractive or generative as configured, and the turn is kept in the store (so a conversation
/// survives a restart). A model's answer streams as it is written; an extractive one, which arrives whole, is handed on
/// sentence by sentence for a streaming channel to show.
/// </summary>
public sealed class ConversationAnswerSource(ConversationService conversations, SearchOptions limits) : IAnswerSource
{
    public async IAsyncEnumerable<AnswerUpdate> AnswerAsync(AnswerQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (limits.QuestionProblem(query.Question) is not null)
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"That message is too long for me to search: please ask your question in at most {limits.MaxQuestionCharacters:N0} characters.");
            yield return AnswerUpdate.Done(new BotAnswer(Answer.NotFound(query.Question[..Math.Min(query.Question.Length, 200)], text, "Question too long", "none"), []));
            yield break;
        }

        var streamed = false;
        await foreach (var update in conversations.AskStreamingAsync(query.ConversationKey, query.Question, cancellationToken: cancellationToken))
        {
            if (update.Final is { } reply)
            {
                if (!streamed && !reply.Answer.NoResult)
                {
                    var sentences = AnswerSentences.Split(reply.Answer.Text);
                    for (var i = 0; i < sentences.Count; i++)
                    {
                        yield return AnswerUpdate.Piece(i == 0 ? sentences[i] : " " + sentences[i]);
                    }
                }

                var followUps = reply.Suggestions.Count > 0 ? reply.Suggestions : FollowUpPrompts.For(reply.Answer, reply.CanContinue);
                yield return AnswerUpdate.Done(new BotAnswer(reply.Answer, followUps));
                yield break;
            }

            if (update.Delta is { Length: > 0 } delta)
            {
                streamed = true;
                yield return AnswerUpdate.Piece(delta);
            }
        }
    }

    public async Task<bool> ForgetAsync(string conversationKey, CancellationToken cancellationToken) =>
        await conversations.ResetAsync(conversationKey, cancellationToken) > 0;
}
