using BriefingBot.Memory.Ingestion;

namespace BriefingBot.Evaluation.Data;

/// <summary>seed-dev.jsonl against the original sample article: every fact group in the answer, a cited passage with a <c>cite</c> phrase.</summary>
internal static class SeedSet
{
    public static QaSet Load(Workspace workspace, int? limit)
    {
        var article = Path.Combine(workspace.Shared, "samples", "us-russia-talks.txt");
        var questions = Jsonl.Read(workspace.Eval("seed-dev.jsonl")).Subsample(limit).Select(e =>
        {
            var unanswerable = e.TryGetProperty("unanswerable", out var u) && u.GetBoolean();
            var facts = e.TryGetProperty("facts", out var f)
                ? f.EnumerateArray().Select(g => g.EnumerateArray().Select(p => p.GetString()!.ToLowerInvariant()).ToList()).ToList()
                : [];
            var cites = e.TryGetProperty("cite", out var c) ? c.EnumerateArray().Select(p => p.GetString()!.ToLowerInvariant()).ToList() : [];
            var support = facts.SelectMany(g => g).Concat(cites).ToList();
            return new QaQuestion(e.String("id")!, e.String("question")!, !unanswerable, unanswerable ? "unanswerable" : "answerable",
                new HashSet<string>([BriefingBot.Memory.Documents.DocumentId.FromPath("us-russia-talks.txt")]),
                answer =>
                {
                    var text = answer.Text.ToLowerInvariant();
                    var correct = facts.All(g => g.Any(text.Contains))
                        && answer.Citations.Any(citation => cites.Any(citation.Text.ToLowerInvariant().Contains));
                    var supported = answer.Citations.Count(citation => support.Any(citation.Text.ToLowerInvariant().Contains));
                    return new AnswerJudgement(correct, supported);
                });
        }).ToList();
        return new QaSet("seed", "seed-dev.jsonl over the original sample article", () => Documents(article), questions);
    }

    private static async IAsyncEnumerable<IngestRequest> Documents(string article)
    {
        yield return await IngestRequest.FromFileAsync(article).ConfigureAwait(false);
    }
}
