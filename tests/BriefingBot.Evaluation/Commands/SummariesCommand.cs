using System.Globalization;
using System.Text;
using BriefingBot.Evaluation.Data;
using BriefingBot.Evaluation.Reporting;
using BriefingBot.Memory;
using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Language;

namespace BriefingBot.Evaluation.Commands;

/// <summary>
/// Briefing key points against the reference summaries of the BBC set: each article is ingested into a fresh memory
/// (the real pipeline and model), its briefing built, and the key points scored with ROUGE-1/2/L F1 beside the lead
/// baseline (the article's first sentences, title excluded) at the same length, plus the reference-free source
/// divergence. Three lengths: 3 sentences, the reference's sentence count, and the default briefing's own length.
/// </summary>
internal sealed class SummariesCommand(Workspace workspace, CommandLine options)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var articles = SummaryArticle.Load(workspace, options.Queries);
        var briefingOptions = new BriefingOptions();
        if (options.LeadWeight is { } leadWeight)
        {
            briefingOptions.LeadWeight = leadWeight;
        }

        if (options.Diversity is { } diversity)
        {
            briefingOptions.Diversity = diversity;
        }

        var settings = Settings.Load(workspace);
        var folder = Path.Combine(workspace.Artifacts, "summaries");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        settings.DataFolder = folder;
        var rows = new Dictionary<(string System, string Length), List<SummaryScore>>();
        using (var embedders = new Embedders())
        using (var memory = await BriefingMemory.OpenAsync(settings, embedders.Get(settings.EmbeddingModel, settings.EmbeddingThreads), cancellationToken).ConfigureAwait(false))
        {
            var builder = new BriefingBuilder(memory, briefingOptions);
            foreach (var article in articles)
            {
                await ScoreAsync(memory, builder, article, rows, cancellationToken).ConfigureAwait(false);
            }
        }

        Directory.Delete(folder, recursive: true);
        var table = new MarkdownTable("System", "Length", "ROUGE-1", "ROUGE-2", "ROUGE-L", "JS divergence", "Words");
        foreach (var ((system, length), scores) in rows)
        {
            table.Add(system, length, Percent(scores.Average(s => s.Rouge1.F1)), Percent(scores.Average(s => s.Rouge2.F1)),
                Percent(scores.Average(s => s.RougeL.F1)), scores.Average(s => s.Divergence).ToString("F4", CultureInfo.InvariantCulture),
                scores.Average(s => s.Words).ToString("F1", CultureInfo.InvariantCulture));
        }

        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture,
                $"{articles.Count} articles of `bbc/dev.jsonl`, each ingested into a fresh memory with the configured model ({settings.EmbeddingModel}); key points of the briefing against the reference summary. ROUGE F1 ×100 (no stemming, summary-level ROUGE-L), macro-averaged over articles; JS divergence = Jensen–Shannon divergence (bits) between the content words of summary and article, lower is better. Lead = the article's first sentences, title excluded.")
            .AppendLine()
            .Append(table)
            .ToString();
        Console.WriteLine(body);
        if (options.WriteDocs)
        {
            DocsSection.Update(Path.Combine(workspace.Docs, "EVALUATION.md"), "summaries", "Summaries: BBC briefings against reference summaries", body, options.Arguments, "summaries");
        }

        return 0;
    }

    private static async Task ScoreAsync(
        BriefingMemory memory, BriefingBuilder builder, SummaryArticle article, Dictionary<(string, string), List<SummaryScore>> rows, CancellationToken cancellationToken)
    {
        var ingested = await memory.IngestAsync(
            new IngestRequest { DocumentId = article.Id.Replace('/', '-'), Title = article.Title, Text = article.Article }, cancellationToken).ConfigureAwait(false);
        var document = await memory.Store.GetDocumentAsync(ingested.DocumentId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{article.Id} was not stored: {ingested.Error ?? ingested.Outcome.ToString()}");
        var text = await memory.Store.GetDocumentTextAsync(document.Id, cancellationToken).ConfigureAwait(false) ?? "";
        var source = new BriefingSource(document, text);
        var lead = SentenceSplitter.Split(text).Select(s => s.Of(text)).Where(s => !s.Equals(document.Title, StringComparison.OrdinalIgnoreCase)).ToList();

        async Task<string> KeyPointsAsync(int? count) => string.Join(
            "\n", (await builder.BuildAsync([source], null, ReadOnlyMemory<float>.Empty, count, cancellationToken).ConfigureAwait(false)).KeyPoints.Select(p => p.Text));

        void Add(string system, string length, string summary)
        {
            if (!rows.TryGetValue((system, length), out var list))
            {
                rows[(system, length)] = list = [];
            }

            list.Add(SummaryScore.Of(summary, article.Summary, article.Article));
        }

        var briefing = await KeyPointsAsync(null).ConfigureAwait(false);
        Add("Key points", "3 sentences", await KeyPointsAsync(3).ConfigureAwait(false));
        Add("Lead-3", "3 sentences", string.Join("\n", lead.Take(3)));
        Add("Key points", "reference sentence count", await KeyPointsAsync(article.ReferenceSentences).ConfigureAwait(false));
        Add("Lead", "reference sentence count", string.Join("\n", lead.Take(article.ReferenceSentences)));
        Add("Key points", "default briefing (3–6)", briefing);
        Add("Lead", "same count as the default briefing", string.Join("\n", lead.Take(briefing.Split('\n').Length)));
    }

    private static string Percent(double value) => (value * 100).ToString("F2", CultureInfo.InvariantCulture);
}
