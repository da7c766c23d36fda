using BriefingBot.Evaluation.Metrics;
using BriefingBot.Memory.Ingestion;

namespace BriefingBot.Evaluation.Data;

/// <summary>
/// MultiHop-RAG sample: one document per article holding its facts. Correct when the gold answer occurs (as normalised
/// words) in the answer; yes/no verdicts are not scorable for a quoted answer. <c>null_query</c> questions must abstain.
/// A citation is supported when its passage holds one of the evidence facts.
/// </summary>
internal static class MultihopSet
{
    private const string NullQuery = "null_query";

    public static QaSet Load(Workspace workspace, int? limit)
    {
        var articles = Jsonl.Read(workspace.Eval("multihop", "corpus-facts.jsonl")).ToList();
        var idOfUrl = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            idOfUrl.TryAdd(article.String("url")!, $"multihop-{idOfUrl.Count + 1:D3}");
        }

        var questions = Jsonl.Read(workspace.Eval("multihop", "questions-dev.jsonl")).Subsample(limit).Select(e =>
        {
            var type = e.String("question_type")!;
            var gold = e.String("answer")!;
            var evidence = e.GetProperty("evidence_list").EnumerateArray().ToList();
            var facts = evidence.Select(x => TextMatch.Normalize(x.String("fact") ?? "")).Where(f => f.Length > 0).ToList();
            var documents = evidence.Select(x => x.String("url")).Where(u => u is not null && idOfUrl.ContainsKey(u)).Select(u => idOfUrl[u!]).ToHashSet();
            var verdict = TextMatch.Normalize(gold) is "yes" or "no";
            return new QaQuestion(e.String("id")!, e.String("question")!, type != NullQuery, type, documents,
                answer => new AnswerJudgement(
                    !verdict && TextMatch.Contains(answer.Text, gold),
                    answer.Citations.Count(c => facts.Any(TextMatch.Normalize(c.Text).Contains)),
                    Scorable: !verdict));
        }).ToList();
        return new QaSet("multihop", "MultiHop-RAG sample, one document of facts per article", () => Documents(articles, idOfUrl), questions);
    }

    private static async IAsyncEnumerable<IngestRequest> Documents(List<System.Text.Json.JsonElement> articles, Dictionary<string, string> idOfUrl)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            var url = article.String("url")!;
            if (!seen.Add(url))
            {
                continue;
            }

            var facts = article.GetProperty("facts").EnumerateArray().Select(f => f.GetString()!).ToList();
            yield return new IngestRequest
            {
                DocumentId = idOfUrl[url],
                Title = article.String("title"),
                Source = url,
                Published = DateTimeOffset.TryParse(article.String("published_at"), System.Globalization.CultureInfo.InvariantCulture, out var published) ? published : null,
                Text = string.Join("\n\n", facts),
            };
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
