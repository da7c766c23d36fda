using System.Globalization;
using System.Text.Json;
using BriefingBot.Memory;
using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Briefings.Evaluation;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Language;

namespace BriefingBot.Bot.Cli;

/// <summary>
/// <c>brief-eval [--file dev.jsonl]</c> (not listed in the usage): ingests each article of a summaries file
/// (<c>id, title, article, summary, summary_sentences</c>) into a fresh temporary memory, builds its briefing and scores
/// the key points against the reference summary with ROUGE-1/2/L F1, beside the lead baseline (the article's first
/// sentences) at the same length, and the reference-free source divergence. Prints a Markdown table.
/// <c>--lead-weight</c> and <c>--diversity</c> override the selector's settings for comparison.
/// </summary>
internal static class BriefEvalVerb
{
    private const string DefaultFile = "shared/eval/bbc/dev.jsonl";

    public static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        args.Allow("file", "lead-weight", "diversity");
        var briefingOptions = new BriefingOptions();
        if (args.Get("lead-weight") is { } leadWeight)
        {
            briefingOptions.LeadWeight = float.Parse(leadWeight, CultureInfo.InvariantCulture);
        }

        if (args.Get("diversity") is { } diversity)
        {
            briefingOptions.Diversity = float.Parse(diversity, CultureInfo.InvariantCulture);
        }

        var file = args.Get("file") ?? FindDefault() ?? throw new CliException($"brief-eval needs --file (no {DefaultFile} found above the working folder).");
        var records = (await File.ReadAllLinesAsync(file, cancellationToken)).Where(l => l.Length > 0).Select(Parse).ToList();

        var folder = Path.Combine(Path.GetTempPath(), "briefingbot-brief-eval", Guid.NewGuid().ToString("N"));
        var options = context.MemoryOptions();
        options.DataFolder = folder;
        var rows = new Dictionary<string, List<(RougeScore R1, RougeScore R2, RougeScore RL, double Divergence, int Words)>>();
        try
        {
            using var memory = await BriefingMemory.OpenAsync(options, cancellationToken);
            var builder = new BriefingBuilder(memory, briefingOptions);
            foreach (var record in records)
            {
                var ingested = await memory.IngestAsync(new IngestRequest { DocumentId = record.Id.Replace('/', '-'), Title = record.Title, Text = record.Article }, cancellationToken);
                var document = await memory.Store.GetDocumentAsync(ingested.DocumentId, cancellationToken)
                    ?? throw new CliException($"{record.Id} was not stored: {ingested.Error ?? ingested.Outcome.ToString()}");
                var text = await memory.Store.GetDocumentTextAsync(document.Id, cancellationToken) ?? "";
                var source = new BriefingSource(document, text);
                var lead = SentenceSplitter.Split(text).Select(s => s.Of(text)).Where(s => !s.Equals(document.Title, StringComparison.OrdinalIgnoreCase)).ToList();
                var n = record.ReferenceSentences;

                async Task<string> KeyPointsAsync(int? count) =>
                    string.Join("\n", (await builder.BuildAsync([source], null, ReadOnlyMemory<float>.Empty, count, cancellationToken)).KeyPoints.Select(p => p.Text));

                var briefing = await KeyPointsAsync(null);
                var briefingSentences = briefing.Split('\n').Length;
                Add(rows, "Key points, 3 sentences", await KeyPointsAsync(3), record);
                Add(rows, "Lead-3", string.Join("\n", lead.Take(3)), record);
                Add(rows, "Key points, reference sentence count", await KeyPointsAsync(n), record);
                Add(rows, "Lead, reference sentence count", string.Join("\n", lead.Take(n)), record);
                Add(rows, "Key points, default briefing (3–6)", briefing, record);
                Add(rows, "Lead, same count as the default briefing", string.Join("\n", lead.Take(briefingSentences)), record);
            }
        }
        finally
        {
            TryDelete(folder);
        }

        var output = context.Output;
        await output.WriteLineAsync($"{records.Count} articles of {Path.GetFileName(file)}; ROUGE F1 ×100 (no stemming), macro-averaged; JS = source divergence (lower is better)");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| System | Length | ROUGE-1 | ROUGE-2 | ROUGE-L | JS divergence | Words |");
        await output.WriteLineAsync("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (name, scores) in rows)
        {
            var label = name.Split(", ", 2);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {label[0]} | {(label.Length > 1 ? label[1] : "3 sentences")} | {scores.Average(s => s.R1.F1) * 100:F2} | {scores.Average(s => s.R2.F1) * 100:F2} | {scores.Average(s => s.RL.F1) * 100:F2} | {scores.Average(s => s.Divergence):F4} | {scores.Average(s => s.Words):F1} |"));
        }

        return 0;
    }

    private static void Add(Dictionary<string, List<(RougeScore, RougeScore, RougeScore, double, int)>> rows, string system, string summary, Record record)
    {
        if (!rows.TryGetValue(system, out var list))
        {
            rows[system] = list = [];
        }

        list.Add((Rouge.N(summary, record.Summary, 1), Rouge.N(summary, record.Summary, 2), Rouge.L(summary, record.Summary),
            SourceDivergence.JensenShannon(summary, record.Article), Rouge.Tokenize(summary).Count));
    }

    private static Record Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        string Field(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new CliException($"a record lacks \"{name}\".");
        var sentences = root.TryGetProperty("summary_sentences", out var list) && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;
        var summary = Field("summary");
        return new Record(Field("id"), Field("title"), Field("article"), summary, sentences > 0 ? sentences : SentenceSplitter.Split(summary).Count);
    }

    private static string? FindDefault()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DefaultFile);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // still open; the temporary folder is left to the OS
        }
    }

    private sealed record Record(string Id, string Title, string Article, string Summary, int ReferenceSentences);
}
