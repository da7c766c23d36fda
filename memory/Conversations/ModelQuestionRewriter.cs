using System.Text;
using BriefingBot.Memory.Generation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BriefingBot.Memory.Conversations;

/// <summary>
/// Follow-ups with a model: the <c>StandaloneQuestion</c> prompt rewrites the question from the recent turns. With no
/// earlier turn the question is used as asked; when the model fails or replies with something unusable, the
/// <see cref="HeuristicQuestionRewriter"/> is used instead (logged).
/// </summary>
public sealed class ModelQuestionRewriter(GenerativeModel model, ILogger<ModelQuestionRewriter>? logger = null) : IQuestionRewriter
{
    private const int AnswerCharacters = 600;

    private readonly ILogger _logger = logger ?? NullLogger<ModelQuestionRewriter>.Instance;

    public async Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> recent, CancellationToken cancellationToken = default)
    {
        if (recent.Count == 0)
        {
            return question;
        }

        string reply;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            deadline.CancelAfter(model.Options.AnswerTimeout);
            try
            {
                reply = await model.InvokeAsync(PromptNames.StandaloneQuestion, PromptArguments.StandaloneQuestion(History(recent), question), deadline.Token)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("Rewriting the follow-up failed ({Error}); using the heuristic instead", e.Message);
                return HeuristicQuestionRewriter.Rewrite(question, recent);
            }
        }

        var rewritten = Clean(reply);
        if (rewritten.Length == 0 || rewritten.Length > 4 * question.Length + 300)
        {
            _logger.LogWarning("The model's standalone question was unusable; using the heuristic instead");
            return HeuristicQuestionRewriter.Rewrite(question, recent);
        }

        return rewritten;
    }

    /// <summary>The recent turns as the prompt shows them, oldest first, answers without markers and shortened.</summary>
    public static string History(IReadOnlyList<ConversationTurn> recent)
    {
        var history = new StringBuilder();
        foreach (var turn in recent)
        {
            var answer = CitationMarkers.Strip(turn.Answer).ReplaceLineEndings(" ").Trim();
            if (answer.Length > AnswerCharacters)
            {
                answer = answer[..AnswerCharacters] + "…";
            }

            history.Append("User: ").AppendLine(turn.StandaloneQuestion.ReplaceLineEndings(" "));
            history.Append("Assistant: ").AppendLine(answer);
        }

        return history.ToString().TrimEnd();
    }

    private static string Clean(string reply)
    {
        var line = reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        foreach (var prefix in new[] { "Rewritten question:", "Standalone question:", "Question:" })
        {
            if (line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                line = line[prefix.Length..].Trim();
            }
        }

        return line.Trim('"', '“', '”', '\'', '`', ' ');
    }
}
