using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Generation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BriefingBot.Memory.Conversations;

/// <summary>
/// Three short questions the user is likely to ask next, written by the model (prompt <c>FollowUpSuggestions</c>)
/// from the passages the answer cited. Nothing is suggested for an answer without citations, for one that fell back to
/// extraction (the model has just failed), or when the model fails now.
/// </summary>
public sealed class FollowUpSuggester(GenerativeModel model, ILogger<FollowUpSuggester>? logger = null)
{
    public const int Count = 3;

    private readonly ILogger _logger = logger ?? NullLogger<FollowUpSuggester>.Instance;

    public async Task<IReadOnlyList<string>> SuggestAsync(Answer answer, CancellationToken cancellationToken = default)
    {
        if (answer.NoResult || answer.Citations.Count == 0 || answer.Mode != GeneratedAnswerComposer.Mode)
        {
            return [];
        }

        var facts = string.Join("\n\n", answer.Citations.DistinctBy(c => (c.DocumentId, c.Chunk)).Select((c, i) =>
            $"[{i + 1}] Title: {c.Title}{(c.Source is null ? "" : " | Source: " + c.Source)}{(c.Published is { } d ? " | Date: " + d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")}\n{c.Text.Trim()}"));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(model.Options.AnswerTimeout);
        try
        {
            var reply = await model.InvokeAsync(
                PromptNames.FollowUpSuggestions,
                PromptArguments.FollowUpSuggestions(facts, answer.Question, CitationMarkers.Strip(answer.Text)),
                deadline.Token).ConfigureAwait(false);
            return Parse(reply);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Suggesting follow-up questions failed ({Error})", e.Message);
            return [];
        }
    }

    /// <summary>The questions of a reply, one a line, without numbering or bullets; at most <see cref="Count"/>.</summary>
    public static IReadOnlyList<string> Parse(string reply) =>
        reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.TrimStart('-', '*', '•', ' ', '\t'))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"^\d+[.)]\s*", ""))
            .Select(l => l.Trim('"', '“', '”', ' '))
            .Where(l => l.Length > 3 && l.EndsWith('?'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(Count)
            .ToList();
}
