using BriefingBot.Evaluation.Metrics;
using BriefingBot.Memory.Ingestion;

namespace BriefingBot.Evaluation.Data;

/// <summary>
/// RealTime QA (CNN, 2022): every gold article is the corpus. Correct when the gold choice text occurs in the answer
/// or one of its cited quotes and a gold article is among the cited sources. A citation is supported when it comes
/// from a gold article.
/// </summary>
internal static class RealtimeQaSet
{
    public static QaSet Load(Workspace workspace, int? limit)
    {
        var records = Jsonl.Read(workspace.Eval("realtimeqa", "cnn-dev.jsonl")).ToList();
        var articles = new Dictionary<string, (string Id, string Text, string? Date)>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            foreach (var article in record.GetProperty("gold_articles").EnumerateArray())
            {
                var url = article.String("url")!;
                if (!articles.ContainsKey(url) && !string.IsNullOrWhiteSpace(article.String("text")))
                {
                    articles[url] = ($"realtimeqa-{articles.Count + 1:D3}", article.String("text")!, article.String("publish_date"));
                }
            }
        }

        var questions = records.Subsample(limit).Select(e =>
        {
            var gold = e.GetProperty("answer_text").EnumerateArray().Select(a => a.GetString()!.Trim('"', '“', '”', '\'', ' ')).ToList();
            var documents = e.GetProperty("gold_articles").EnumerateArray()
                .Select(a => a.String("url")!).Where(articles.ContainsKey).Select(u => articles[u].Id).ToHashSet();
            return new QaQuestion(e.String("question_id")!, e.String("question_sentence")!, true, "answerable", documents,
                answer =>
                {
                    var found = gold.Any(g => TextMatch.Contains(answer.Text, g) || answer.Citations.Any(c => TextMatch.Contains(c.Quote, g)));
                    var supported = answer.Citations.Count(c => documents.Contains(c.DocumentId));
                    return new AnswerJudgement(found && answer.Citations.Any(c => documents.Contains(c.DocumentId)), supported);
                });
        }).ToList();
        return new QaSet("realtimeqa", "RealTime QA CNN dev, gold articles as the corpus", () => Documents(articles), questions);
    }

    private static async IAsyncEnumerable<IngestRequest> Documents(Dictionary<string, (string Id, string Text, string? Date)> articles)
    {
        foreach (var (url, (id, text, date)) in articles)
        {
            yield return new IngestRequest
            {
                DocumentId = id,
                Source = url,
                Published = DateTimeOffset.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, out var published) ? published : null,
                Text = text,
            };
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
