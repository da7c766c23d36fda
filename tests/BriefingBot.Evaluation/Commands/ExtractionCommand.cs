using System.Diagnostics;
using System.Globalization;
using System.Text;
using BriefingBot.Evaluation.Data;
using BriefingBot.Evaluation.Metrics;
using BriefingBot.Evaluation.Reporting;
using BriefingBot.Memory.Ingestion.Extraction;

namespace BriefingBot.Evaluation.Commands;

/// <summary>
/// The product's HTML extractor beside SmartReader (a port of Mozilla's Readability) on the same news pages: each BBC
/// article of <c>bbc/dev.jsonl</c> is laid out as a page in each of <see cref="NewsPage.Layouts"/>, with boilerplate
/// made of other articles' headlines and sentences; both extractors read the page, and the words they keep are scored
/// against the article's own words (bag-of-words precision, recall and F1), with the time per page.
/// </summary>
internal sealed class ExtractionCommand(Workspace workspace, CommandLine options)
{
    private delegate string Extractor(string html);

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var articles = SummaryArticle.Load(workspace, options.Queries);
        var html = new HtmlExtractor();
        var extractors = new (string Name, Extractor Extract)[]
        {
            ("HtmlExtractor (product)", page => html.Extract(Encoding.UTF8.GetBytes(page), "page.html", cancellationToken).Text),
            ("SmartReader 0.11.1", ReadWithSmartReader),
        };

        var rows = new Dictionary<(string Extractor, string Layout), List<(double Precision, double Recall, double Milliseconds, bool Empty)>>();
        for (var i = 0; i < articles.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var article = articles[i];
            var others = articles.Where((_, j) => j != i).ToList();
            var expected = Words(NewsPage.Expected(article));
            foreach (var layout in NewsPage.Layouts)
            {
                var page = NewsPage.Build(layout, article, others, seed: i);
                foreach (var (name, extract) in extractors)
                {
                    var clock = Stopwatch.StartNew();
                    string text;
                    try
                    {
                        text = extract(page);
                    }
                    catch (ExtractionException)
                    {
                        text = "";
                    }

                    var elapsed = clock.Elapsed.TotalMilliseconds;
                    var kept = Words(text);
                    var common = Overlap(kept, expected);
                    var precision = kept.Values.Sum() == 0 ? 0 : (double)common / kept.Values.Sum();
                    var recall = (double)common / Math.Max(1, expected.Values.Sum());
                    var key = (name, layout);
                    if (!rows.TryGetValue(key, out var list))
                    {
                        rows[key] = list = [];
                    }

                    list.Add((precision, recall, elapsed, kept.Count == 0));
                }
            }
        }

        var table = new MarkdownTable("Extractor", "Layout", "Precision", "Recall", "F1", "Pages with nothing", "ms / page (median)");
        foreach (var name in extractors.Select(e => e.Name))
        {
            foreach (var layout in NewsPage.Layouts.Append("all"))
            {
                var scores = rows.Where(r => r.Key.Extractor == name && (layout == "all" || r.Key.Layout == layout)).SelectMany(r => r.Value).ToList();
                var precision = scores.Average(s => s.Precision);
                var recall = scores.Average(s => s.Recall);
                var times = scores.Select(s => s.Milliseconds).Order().ToList();
                table.Add(name, layout, Percent(precision), Percent(recall), Percent(F1(precision, recall)),
                    scores.Count(s => s.Empty).ToString(CultureInfo.InvariantCulture),
                    times[times.Count / 2].ToString("F2", CultureInfo.InvariantCulture));
            }
        }

        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture,
                $"{articles.Count} articles of `bbc/dev.jsonl`, each laid out as a news page in {NewsPage.Layouts.Length} layouts ({string.Join(", ", NewsPage.Layouts)}; `tests/BriefingBot.Evaluation/Data/NewsPage.cs`) with navigation, cookie banner, share bar, newsletter box, related and most-read lists, inline read-more links and ads, a captioned picture, comments and footer, the boilerplate made of the other articles' headlines and sentences. The words each extractor keeps against the article's title and paragraphs: bag-of-words precision, recall and F1 ×100, macro-averaged over pages.")
            .AppendLine()
            .Append(table)
            .ToString();
        Console.WriteLine(body);
        if (options.WriteDocs)
        {
            DocsSection.Update(Path.Combine(workspace.Docs, "EVALUATION.md"), "extraction", "HTML extraction: the product's extractor beside SmartReader", body, options.Arguments, "extraction");
        }

        return Task.FromResult(0);
    }

    /// <summary>SmartReader's article text; its errors (it reports rather than throws) stop the run, so a failure is never scored as an empty page.</summary>
    private static string ReadWithSmartReader(string page)
    {
        var article = SmartReader.Reader.ParseArticle("https://news.example/story", page, userAgent: null);
        if (article.Errors.Count > 0)
        {
            throw new InvalidOperationException("SmartReader: " + string.Join("; ", article.Errors.Select(e => e.ToString())));
        }

        return article.TextContent ?? "";
    }

    private static Dictionary<string, int> Words(string text) =>
        TextMatch.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static int Overlap(Dictionary<string, int> a, Dictionary<string, int> b) =>
        a.Sum(kv => Math.Min(kv.Value, b.GetValueOrDefault(kv.Key)));

    private static double F1(double precision, double recall) => precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

    private static string Percent(double value) => (100 * value).ToString("F1", CultureInfo.InvariantCulture);
}
