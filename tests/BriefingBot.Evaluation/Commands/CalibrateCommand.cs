using System.Globalization;
using System.Text;
using BriefingBot.Evaluation.Metrics;
using BriefingBot.Memory.Answering;

namespace BriefingBot.Evaluation.Commands;

/// <summary>
/// Fits the answers' confidence (<see cref="ConfidenceModel"/>): every question of the development sets asked with
/// abstention off, as <c>qa</c> does; a logistic regression of "the answer is right" on each answer's
/// <see cref="AnswerSignals"/>; the coefficients written to <c>memory/Answering/ConfidenceCoefficients.cs</c> with the
/// command and date; the fit's reliability printed per set and a <c>MinConfidence</c> suggested.
/// </summary>
internal sealed class CalibrateCommand(Workspace workspace, CommandLine options)
{
    private static readonly string[] AllSets = ["seed", "squad2", "multihop", "realtimeqa"];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var names = options.Sets ?? AllSets;
        var thresholds = AbstentionThresholds.From(Settings.Load(workspace).Answer);
        using var embedders = new Embedders();
        var outcomes = await new QaCommand(workspace, options).AskSetsAsync(names, embedders, thresholds, cancellationToken).ConfigureAwait(false);
        var rows = outcomes.Where(o => o.HasAnswer && o.Signals is not null && o.Judgement?.Scorable != false).ToList();
        if (rows.Count == 0 || rows.All(o => o.Question.Answerable && o.Judgement!.Correct))
        {
            throw new ArgumentException("No judged answers of both kinds (right and wrong) to fit the confidence on.");
        }

        var x = rows.Select(o => o.Signals!.Features()).ToList();
        var y = rows.Select(o => o.Question.Answerable && o.Judgement!.Correct).ToList();
        var model = LogisticRegression.Fit(x, y);
        var open = thresholds with { MinConfidence = 0 };
        var declined = outcomes.Where(o => o.Signals is not null && o.Judgement?.Scorable != false && !o.Answered(open)).ToList();
        var dx = declined.Select(o => o.Signals!.RetrievalFeatures()).ToList();
        var dy = declined.Select(o => !o.Question.Answerable).ToList();
        var decline = dx.Count > 0 ? LogisticRegression.Fit(dx, dy) : new LogisticRegression(0, [0, 0]);
        var fit = new ConfidenceFit(s => model.Probability(s.Features()), s => decline.Probability(s.RetrievalFeatures()));
        var baseRate = y.Average(r => r ? 1.0 : 0.0);
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Answers: fitted on {rows.Count} answers of {string.Join(", ", names)} ({y.Count(r => r)} right): log-loss {model.LogLoss(x, y):F3} (a constant {baseRate:F3} scores {LogLoss(baseRate, y):F3})")
            .AppendLine(CultureInfo.InvariantCulture, $"Not-founds decided before any sentence was chosen (configured retrieval thresholds and the answerability rule): {declined.Count}, {dy.Count(r => r)} of them right (unanswerable)")
            .AppendLine();
        var coefficients = new MarkdownRows();
        coefficients.Add("intercept", model.Intercept);
        for (var i = 0; i < AnswerSignals.FeatureNames.Length; i++)
        {
            coefficients.Add(AnswerSignals.FeatureNames[i], model.Weights[i]);
        }

        coefficients.Add("not-found: intercept", decline.Intercept);
        coefficients.Add("not-found: relevance", decline.Weights[0]);
        coefficients.Add("not-found: coverage", decline.Weights[1]);
        report.Append(coefficients).AppendLine();
        var refitted = outcomes.Select(o => o with { Confidence = o.HasAnswer && o.Signals is not null ? (float)model.Probability(o.Signals.Features()) : o.Confidence }).ToList();
        report.AppendLine(Suggest(refitted, thresholds));
        report.Append(Reliability.Table(names.Select(n => (n, (IReadOnlyList<(double, bool)>)QaScore.Stated(refitted.Where(o => o.Set == n), thresholds, fit)))));
        foreach (var n in names)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"- {n}: expected calibration error {Reliability.ExpectedCalibrationError(QaScore.Stated(refitted.Where(o => o.Set == n), thresholds, fit)):F3}");
        }

        await QaCommand.SaveOutcomesAsync(workspace, refitted, cancellationToken).ConfigureAwait(false);
        var file = Path.Combine(workspace.Repository, "memory", "Answering", "ConfidenceCoefficients.cs");
        await File.WriteAllTextAsync(file, Source(model, decline, rows.Count, declined.Count, names), cancellationToken).ConfigureAwait(false);
        Console.WriteLine(report);
        Console.WriteLine($"Wrote {file}; rebuild for answers to use it.");
        return 0;
    }

    /// <summary>
    /// The <c>MinConfidence</c> with the best balanced accuracy of answer-or-abstain over the sets that have
    /// unanswerable questions, every seed question decided right, with the retrieval thresholds as configured.
    /// </summary>
    private static string Suggest(IReadOnlyList<QaOutcome> outcomes, AbstentionThresholds thresholds)
    {
        var answerable = outcomes.Where(o => o.Question.Answerable).ToList();
        var unanswerable = outcomes.Where(o => !o.Question.Answerable).ToList();
        var seed = outcomes.Where(o => o.Set == "seed").ToList();
        if (answerable.Count == 0 || unanswerable.Count == 0)
        {
            return "";
        }

        var lines = new StringBuilder().AppendLine("MinConfidence | answerable answered | unanswerable declined | balanced accuracy | seed all right");
        var best = (Value: 0f, Score: double.MinValue);
        for (var t = 0f; t <= 0.801f; t += 0.02f)
        {
            var candidate = thresholds with { MinConfidence = MathF.Round(t, 2) };
            var answered = (double)answerable.Count(o => o.Answered(candidate)) / answerable.Count;
            var declined = (double)unanswerable.Count(o => !o.Answered(candidate)) / unanswerable.Count;
            var seedRight = seed.All(o => o.Answered(candidate) == o.Question.Answerable);
            var score = 0.5 * answered + 0.5 * declined;
            lines.AppendLine(CultureInfo.InvariantCulture, $"{candidate.MinConfidence:0.00} | {answered:F3} | {declined:F3} | {score:F3} | {seedRight}");
            if (seedRight && score > best.Score + 1e-9)
            {
                best = (candidate.MinConfidence, score);
            }
        }

        return lines.AppendLine(CultureInfo.InvariantCulture, $"Suggested Memory:Answer:MinConfidence: {best.Value:0.00} (balanced accuracy {best.Score:F3})").ToString();
    }

    private static double LogLoss(double p, IReadOnlyList<bool> y) => y.Average(r => r ? -Math.Log(p) : -Math.Log(1 - p));

    private string Source(LogisticRegression model, LogisticRegression decline, int rows, int declined, IReadOnlyList<string> names)
    {
        static string F(double v) => ((float)v).ToString("R", CultureInfo.InvariantCulture) + "f";
        var command = "dotnet run -c Release --project tests/BriefingBot.Evaluation -- calibrate" + (options.Arguments.Count > 0 ? " " + string.Join(' ', options.Arguments) : "");
        return $$"""
            namespace BriefingBot.Memory.Answering;

            /// <summary>
            /// The coefficients of <see cref="ConfidenceModel"/>: for answers in the order of <see cref="AnswerSignals.FeatureNames"/>,
            /// for not-founds relevance and coverage. Written by <c>{{command}}</c> on {{DateTime.UtcNow:yyyy-MM-dd HH:mm}} UTC
            /// from {{rows}} judged answers and {{declined}} not-founds of {{string.Join(", ", names)}} (see docs/EVALUATION.md);
            /// run it again rather than editing by hand.
            /// </summary>
            internal static class ConfidenceCoefficients
            {
                public const float Intercept = {{F(model.Intercept)}};

                public static readonly float[] Weights = [{{string.Join(", ", model.Weights.Select(F))}}];

                public const float DeclineIntercept = {{F(decline.Intercept)}};

                public static readonly float[] DeclineWeights = [{{string.Join(", ", decline.Weights.Select(F))}}];
            }

            """;
    }

    /// <summary>A two-column table of coefficient names and values.</summary>
    private sealed class MarkdownRows
    {
        private readonly Reporting.MarkdownTable _table = new("Signal", "Coefficient");

        public void Add(string name, double value) => _table.Add(name, value.ToString("0.000", CultureInfo.InvariantCulture));

        public override string ToString() => _table.ToString();
    }
}
