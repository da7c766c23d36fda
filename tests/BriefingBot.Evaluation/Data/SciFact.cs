using BriefingBot.Memory.Ingestion;

namespace BriefingBot.Evaluation.Data;

/// <summary>BEIR SciFact: the corpus (three parts, in order), the train queries and their relevance judgements.</summary>
internal sealed record SciFact(IReadOnlyList<SciFactDocument> Documents, IReadOnlyList<SciFactQuery> Queries)
{
    public const string Name = "scifact";

    public static SciFact Load(Workspace workspace, int? queries = null)
    {
        var documents = Jsonl.Read(
                workspace.Eval("scifact", "corpus.part1.jsonl"),
                workspace.Eval("scifact", "corpus.part2.jsonl"),
                workspace.Eval("scifact", "corpus.part3.jsonl"))
            .Select(e => new SciFactDocument(e.String("_id")!, e.String("title") ?? "", e.String("text") ?? ""))
            .ToList();
        var relevant = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(workspace.Eval("scifact", "qrels", "train.tsv")).Skip(1))
        {
            var parts = line.Split('\t');
            if (parts.Length >= 3 && int.TryParse(parts[2], out var grade) && grade > 0)
            {
                if (!relevant.TryGetValue(parts[0], out var judged))
                {
                    relevant[parts[0]] = judged = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                judged[parts[1]] = grade;
            }
        }

        var list = Jsonl.Read(workspace.Eval("scifact", "queries-train.jsonl"))
            .Select(e => (Id: e.String("_id")!, Text: e.String("text")!))
            .Where(q => relevant.ContainsKey(q.Id))
            .Select(q => new SciFactQuery(q.Id, q.Text, relevant[q.Id]))
            .Subsample(queries)
            .ToList();
        return new SciFact(documents, list);
    }

    public async IAsyncEnumerable<IngestRequest> IngestRequests(int? limit = null)
    {
        foreach (var document in Documents.Take(limit ?? int.MaxValue))
        {
            yield return new IngestRequest { DocumentId = document.Id, Title = document.Title, Text = document.Text };
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
