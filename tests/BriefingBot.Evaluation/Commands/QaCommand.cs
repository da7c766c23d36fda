using System.Diagnostics;
using System.Globalization;
using System.Text;
using BriefingBot.Evaluation.Data;
using BriefingBot.Evaluation.Reporting;
using BriefingBot.Memory;
using BriefingBot.Memory.Retrieval;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Evaluation.Commands;

/// <summary>
/// Asks every question of each QA set against a memory holding that set's corpus, with the configured model and
/// settings but abstention switched off; the recorded signals then replay the configured thresholds (the figures) and
/// a grid of thresholds (the calibration and the abstention trade-off chart).
/// </summary>
internal sealed class QaCommand(Workspace workspace, CommandLine options)
{
    private static readonly string[] AllSets = ["seed", "squad2", "multihop", "realtimeqa"];
    private static readonly string[] CalibrationSets = ["seed", "squad2", "multihop"];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var names = options.Sets ?? AllSets;
        var unknown = names.Except(AllSets).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown set(s) {string.Join(", ", unknown)}; use {string.Join(", ", AllSets)}.");
        }

        var configured = Settings.Load(workspace);
        var thresholds = AbstentionThresholds.From(configured.Answer);
        using var embedders = new Embedders();
        var outcomes = await AskSetsAsync(names, embedders, thresholds, cancellationToken).ConfigureAwait(false);
        await SaveOutcomesAsync(workspace, outcomes, cancellationToken).ConfigureAwait(false);
        var scores = names.Select(n => QaScore.Of(n, outcomes.Where(o => o.Set == n).ToList(), thresholds)).ToList();
        var table = Table(scores);
        Console.WriteLine($"Abstention thresholds: {thresholds}\n");
        Console.WriteLine(table);
        var calibration = Calibrate(outcomes, thresholds);
        var text = calibration.Text + "\n" + ReliabilityText(names, outcomes, thresholds);
        if (calibration.Best is { } best && best != thresholds)
        {
            var replayed = Table(names.Select(n => QaScore.Of(n, outcomes.Where(o => o.Set == n).ToList(), best)).ToList());
            text += $"\nThe same answers with the best thresholds on the grid ({best}):\n\n{replayed}";
        }

        Console.WriteLine(text);
        var generative = await GenerativeAsync(names, configured, embedders, cancellationToken).ConfigureAwait(false);
        Console.WriteLine(generative);
        if (options.WriteDocs)
        {
            Write(scores, outcomes, thresholds, table, text, generative);
        }

        return 0;
    }

    /// <summary>
    /// Every question of the sets, asked against its set's memory with the configured settings but abstention switched
    /// off (no retrieval thresholds, no <c>MinConfidence</c>), so that any thresholds can be replayed on the outcomes.
    /// </summary>
    public async Task<List<QaOutcome>> AskSetsAsync(IReadOnlyList<string> names, Embedders embedders, AbstentionThresholds thresholds, CancellationToken cancellationToken)
    {
        var outcomes = new List<QaOutcome>();
        foreach (var name in names)
        {
            var set = LoadSet(name);
            var settings = Settings.Load(workspace);
            settings.Answer.MinRelevance = -1;
            settings.Answer.MinCoverage = 0;
            settings.Answer.ConfidentRelevance = -1;
            settings.Answer.MinConfidence = 0;
            using var memory = await CachedCorpus.OpenAsync(
                workspace, set.Name, settings, embedders.Get(settings.EmbeddingModel), set.Documents, cancellationToken).ConfigureAwait(false);
            var asked = await AskAllAsync(memory, set, settings.Answer.Passages, cancellationToken).ConfigureAwait(false);
            outcomes.AddRange(asked);
            var score = QaScore.Of(set.Name, asked, thresholds);
            Console.Error.WriteLine($"  {set.Name}: accuracy {score.Accuracy:F3}, abstention P {score.AbstentionPrecision:F3} R {score.AbstentionRecall:F3}, p50 {score.P50:F0} ms");
        }

        return outcomes;
    }

    /// <summary>
    /// With <c>AI:*</c> configured (as for the bot): every question again through the generative answerer with the
    /// configured thresholds, judged the same way; otherwise a sentence saying it was not run.
    /// </summary>
    private async Task<string> GenerativeAsync(IReadOnlyList<string> names, MemoryOptions configured, Embedders embedders, CancellationToken cancellationToken)
    {
        var ai = AiSettings.Load(workspace);
        if (!ai.Enabled)
        {
            return "Generative answers: **not run**, no model is configured (`AI:Provider` is `None`). Configure `AI:*` as for the bot " +
                "(e.g. `AI__Provider=OpenAI AI__Endpoint=http://127.0.0.1:8080/v1 AI__ChatModel=<model>`) and run the same command to add them.\n";
        }

        using var loggers = LoggerFactory.Create(builder => builder
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning));
        using var model = Memory.Generation.GenerativeModel.Create(ai, workspace.Repository, loggers);
        var grounding = embedders.Get(ai.GroundingModel, configured.EmbeddingThreads);
        var always = new AbstentionThresholds(float.MinValue, 0, float.MinValue, 2, float.MinValue);
        var scores = new List<QaScore>();
        var fallbacks = 0;
        var total = 0;
        foreach (var name in names)
        {
            var set = LoadSet(name);
            var settings = Settings.Load(workspace);
            using var memory = await CachedCorpus.OpenAsync(
                workspace, set.Name, settings, embedders.Get(settings.EmbeddingModel), set.Documents, cancellationToken).ConfigureAwait(false);
            var answerer = BriefingAnswering.Create(memory, settings, model, grounding, loggers).Answerer;
            var asked = new List<QaOutcome>();
            foreach (var question in set.Questions)
            {
                var clock = Stopwatch.StartNew();
                var answer = await answerer.AskAsync(question.Text, cancellationToken: cancellationToken).ConfigureAwait(false);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                total++;
                fallbacks += answer.Mode == answerer.Mode ? 0 : 1;
                asked.Add(new QaOutcome(set.Name, question, !answer.NoResult, answer.NoResult ? null : question.Judge(answer), answer.Citations.Count,
                    null, answer.Signals?.Relevance ?? -1, answer.Signals?.Coverage ?? 0, answer.Signals, answer.Confidence, elapsed));
            }

            scores.Add(QaScore.Of(set.Name, asked, always));
            Console.Error.WriteLine($"  {set.Name} (generative): accuracy {scores[^1].Accuracy:F3}");
        }

        return new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture,
                $"Generative answers (`AI:Provider` {ai.Provider}, model `{ai.ChatModel}`, grounding model {ai.GroundingModel}; retrieval and abstention thresholds as configured, so \"gold doc in passages\" is the extractive run's). Answers that fell back to the extractive answerer (model failure or no supported sentence): {fallbacks} of {total}.")
            .AppendLine()
            .Append(Table(scores))
            .ToString();
    }

    private QaSet LoadSet(string name) => name switch
    {
        "seed" => SeedSet.Load(workspace, options.Queries),
        "squad2" => SquadSet.Load(workspace, options.Queries),
        "multihop" => MultihopSet.Load(workspace, options.Queries),
        _ => RealtimeQaSet.Load(workspace, options.Queries),
    };

    private static async Task<List<QaOutcome>> AskAllAsync(BriefingMemory memory, QaSet set, int passages, CancellationToken cancellationToken)
    {
        var outcomes = new List<QaOutcome>();
        if (set.Questions.Count > 0)
        {
            await memory.AskAsync(set.Questions[0].Text, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var question in set.Questions)
        {
            var search = await memory.SearchAsync(new SearchRequest { Query = question.Text, Limit = passages }, cancellationToken).ConfigureAwait(false);
            bool? goldRetrieved = question.GoldDocuments.Count > 0 ? search.Hits.Any(h => question.GoldDocuments.Contains(h.Chunk.DocumentId)) : null;
            var clock = Stopwatch.StartNew();
            var answer = await memory.AskAsync(question.Text, cancellationToken: cancellationToken).ConfigureAwait(false);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            outcomes.Add(new QaOutcome(
                set.Name,
                question,
                !answer.NoResult,
                answer.NoResult ? null : question.Judge(answer),
                answer.Citations.Count,
                goldRetrieved,
                answer.Signals?.Relevance ?? -1,
                answer.Signals?.Coverage ?? 0,
                answer.Signals,
                answer.Confidence,
                elapsed));
        }

        return outcomes;
    }

    /// <summary>Every question's signals and judgement, one JSON object a line, for analysis beyond the tables.</summary>
    public static async Task SaveOutcomesAsync(Workspace workspace, IReadOnlyList<QaOutcome> outcomes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workspace.Artifacts);
        var lines = outcomes.Select(o => System.Text.Json.JsonSerializer.Serialize(new
        {
            set = o.Set,
            id = o.Question.Id,
            kind = o.Question.Kind,
            answerable = o.Question.Answerable,
            hasAnswer = o.HasAnswer,
            correct = o.Judgement?.Correct,
            scorable = o.Judgement?.Scorable,
            relevance = o.Relevance,
            coverage = o.Coverage,
            signals = o.Signals,
            confidence = o.Confidence,
            goldRetrieved = o.GoldRetrieved,
            ms = Math.Round(o.Milliseconds, 1),
        }));
        await File.WriteAllLinesAsync(Path.Combine(workspace.Artifacts, "qa-outcomes.jsonl"), lines, cancellationToken).ConfigureAwait(false);
    }

    private static MarkdownTable Table(IReadOnlyList<QaScore> scores)
    {
        var table = new MarkdownTable("Set", "Questions (answerable)", "Answer accuracy", "Span F1", "Exact", "Citation precision",
            "Gold doc in passages", "Answered (answerable)", "Abstention precision", "Abstention recall", "Confidence ECE", "p50 ms", "p95 ms");
        foreach (var s in scores)
        {
            table.Add(s.Set, $"{s.Questions} ({s.Answerable})", s.Accuracy, s.F1, s.Exact, s.CitationPrecision, s.GoldRecall, s.AnswerRate,
                s.AbstentionPrecision, s.AbstentionRecall, s.CalibrationError, s.P50.ToString("F0", CultureInfo.InvariantCulture), s.P95.ToString("F0", CultureInfo.InvariantCulture));
        }

        return table;
    }

    /// <summary>The reliability table of the stated confidences (answers as given under the thresholds), per set.</summary>
    private static string ReliabilityText(IReadOnlyList<string> names, IReadOnlyList<QaOutcome> outcomes, AbstentionThresholds thresholds)
    {
        var sets = names.Select(n => (n, (IReadOnlyList<(double, bool)>)QaScore.Stated(outcomes.Where(o => o.Set == n), thresholds))).ToList();
        return new StringBuilder()
            .AppendLine("Reliability of `confidence` (every judged answer as given, not-founds included: a not-found is right when the question is unanswerable; ")
            .AppendLine("\"Confidence ECE\" above is the count-weighted mean gap between mean confidence and share right over these bins):")
            .AppendLine()
            .Append(Metrics.Reliability.Table(sets))
            .ToString();
    }

    /// <summary>
    /// Grid search over the three thresholds on the development sets: the best balanced accuracy of the
    /// answer-or-abstain decision (answerable answered, unanswerable abstained), where every seed question is decided right.
    /// </summary>
    private static (string Text, AbstentionThresholds? Best) Calibrate(IReadOnlyList<QaOutcome> outcomes, AbstentionThresholds current)
    {
        var pool = outcomes.Where(o => CalibrationSets.Contains(o.Set)).ToList();
        var answerable = pool.Where(o => o.Question.Answerable).ToList();
        var unanswerable = pool.Where(o => !o.Question.Answerable).ToList();
        if (answerable.Count == 0 || unanswerable.Count == 0)
        {
            return ("", null);
        }

        var seed = pool.Where(o => o.Set == "seed").ToList();
        double Balanced(AbstentionThresholds t) =>
            0.5 * answerable.Count(o => o.Answered(t)) / answerable.Count + 0.5 * unanswerable.Count(o => !o.Answered(t)) / unanswerable.Count;
        bool SeedRight(AbstentionThresholds t) => seed.All(o => o.Answered(t) == o.Question.Answerable);

        var best = current;
        var bestScore = SeedRight(current) ? Balanced(current) : double.MinValue;
        for (var mr = 0.20f; mr <= 0.601f; mr += 0.01f)
        {
            for (var mc = 0f; mc <= 0.901f; mc += 0.02f)
            {
                for (var cr = mr; cr <= 0.951f; cr += 0.01f)
                {
                    var t = current with { MinRelevance = MathF.Round(mr, 2), MinCoverage = MathF.Round(mc, 2), ConfidentRelevance = MathF.Round(cr, 2) };
                    var score = Balanced(t);
                    if (score > bestScore + 1e-9 && SeedRight(t))
                    {
                        (best, bestScore) = (t, score);
                    }
                }
            }
        }

        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture,
                $"Calibration on {string.Join(" + ", CalibrationSets)} ({answerable.Count} answerable, {unanswerable.Count} unanswerable): balanced accuracy of answer-or-abstain")
            .AppendLine(CultureInfo.InvariantCulture, $"- current ({current}): {Balanced(current):F3}{(SeedRight(current) ? "" : " — a seed question is decided wrong")}")
            .AppendLine(CultureInfo.InvariantCulture, $"- best on the grid ({best}): {bestScore:F3}")
            .ToString();
        return (text, best);
    }

    private void Write(IReadOnlyList<QaScore> scores, IReadOnlyList<QaOutcome> outcomes, AbstentionThresholds thresholds, MarkdownTable table, string calibration, string generative)
    {
        Charts.GroupedBars(Path.Combine(workspace.Images, "qa-accuracy.png"), "Answer accuracy and citation precision per set", "share",
            scores.Select(s => s.Set).ToList(),
            [("answer accuracy", scores.Select(s => s.Accuracy).ToArray()), ("citation precision", scores.Select(s => s.CitationPrecision).ToArray()),
             ("gold document in passages", scores.Select(s => s.GoldRecall).ToArray())]);

        var steps = Enumerable.Range(0, 31).Select(i => 0.20 + i * 0.02).ToArray();
        var curves = new List<(string, double[], double[])>();
        foreach (var set in new[] { "multihop", "squad2" }.Where(n => outcomes.Any(o => o.Set == n && !o.Question.Answerable)))
        {
            var asked = outcomes.Where(o => o.Set == set).ToList();
            var points = steps.Select(step => QaScore.Of(set, asked,
                thresholds with { MinRelevance = (float)step, ConfidentRelevance = Math.Max(thresholds.ConfidentRelevance, (float)step) })).ToList();
            curves.Add(($"{set}: abstention precision", steps, points.Select(p => double.IsNaN(p.AbstentionPrecision) ? 1 : p.AbstentionPrecision).ToArray()));
            curves.Add(($"{set}: abstention recall", steps, points.Select(p => p.AbstentionRecall).ToArray()));
            curves.Add(($"{set}: answerable answered", steps, points.Select(p => p.AnswerRate).ToArray()));
        }

        if (curves.Count > 0)
        {
            Charts.Lines(Path.Combine(workspace.Images, "qa-abstention.png"),
                "Abstention trade-off as MinRelevance moves", "MinRelevance (other thresholds as configured)", "share", curves,
                legend: ScottPlot.Alignment.LowerLeft);
        }

        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Extractive answers (always run), embedding model and settings from `appsettings.json`; abstention thresholds: {thresholds}.")
            .AppendLine()
            .Append(table)
            .AppendLine()
            .Append(generative)
            .AppendLine()
            .AppendLine("![Answer accuracy and citation precision per set](img/qa-accuracy.png)")
            .AppendLine()
            .AppendLine("![Abstention trade-off](img/qa-abstention.png)")
            .AppendLine()
            .Append(calibration);
        DocsSection.Update(Path.Combine(workspace.Docs, "EVALUATION.md"), "qa", "Question answering", body.ToString(), options.Arguments, "qa");
    }
}
