using BriefingBot.Evaluation.Metrics;
using BriefingBot.Memory.Ingestion;

namespace BriefingBot.Evaluation.Data;

/// <summary>
/// SQuAD 2.0 dev sample: the distinct context paragraphs as the corpus. Answerable: correct when a gold answer occurs
/// (as normalised words) in the answer; F1 and exact match are of the best cited quote against the best gold answer.
/// Unanswerable: the right behaviour is to abstain.
/// </summary>
internal static class SquadSet
{
    public static QaSet Load(Workspace workspace, int? limit)
    {
        var records = Jsonl.Read(workspace.Eval("squad2", "dev.jsonl")).ToList();
        var contextIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var context = record.String("context")!;
            if (!contextIds.ContainsKey(context))
            {
                contextIds[context] = $"squad-{contextIds.Count + 1:D3}";
            }
        }

        var questions = records.Subsample(limit).Select(e =>
        {
            var impossible = e.TryGetProperty("is_impossible", out var i) && i.GetBoolean();
            var answers = e.TryGetProperty("answers", out var a)
                ? a.EnumerateArray().Select(x => x.ValueKind == System.Text.Json.JsonValueKind.String ? x.GetString()! : x.String("text")!).Where(x => x.Length > 0).Distinct().ToList()
                : [];
            return new QaQuestion(e.String("id")!, e.String("question")!, !impossible, impossible ? "unanswerable" : "answerable",
                new HashSet<string>([contextIds[e.String("context")!]]),
                answer =>
                {
                    if (answers.Count == 0)
                    {
                        return new AnswerJudgement(false, 0);
                    }

                    var f1 = answer.Citations.Select(c => answers.Max(g => TextMatch.TokenF1(c.Quote, g))).DefaultIfEmpty(0).Max();
                    var exact = answer.Citations.Any(c => answers.Any(g => TextMatch.Normalize(c.Quote) == TextMatch.Normalize(g)));
                    var supported = answer.Citations.Count(c => answers.Any(g => TextMatch.Contains(c.Text, g)));
                    return new AnswerJudgement(answers.Any(g => TextMatch.Contains(answer.Text, g)), supported, f1, exact);
                });
        }).ToList();
        return new QaSet("squad2", "SQuAD 2.0 dev sample, distinct contexts as the corpus", () => Documents(contextIds), questions);
    }

    private static async IAsyncEnumerable<IngestRequest> Documents(Dictionary<string, string> contexts)
    {
        foreach (var (text, id) in contexts)
        {
            yield return new IngestRequest { DocumentId = id, Text = text };
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
