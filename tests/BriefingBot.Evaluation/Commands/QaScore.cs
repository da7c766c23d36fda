namespace BriefingBot.Evaluation.Commands;

/// <summary>The figures of one QA set under given abstention thresholds.</summary>
internal sealed record QaScore(
    string Set,
    int Questions,
    int Answerable,
    double Accuracy,
    double? F1,
    double? Exact,
    double CitationPrecision,
    double GoldRecall,
    double AnswerRate,
    double AbstentionPrecision,
    double AbstentionRecall,
    double CalibrationError,
    double P50,
    double P95)
{
    public static QaScore Of(string set, IReadOnlyList<QaOutcome> outcomes, AbstentionThresholds thresholds)
    {
        var answerable = outcomes.Where(o => o.Question.Answerable).ToList();
        var scorable = answerable.Where(o => o.Judgement?.Scorable != false).ToList();
        var answered = outcomes.Where(o => o.Answered(thresholds)).ToList();
        var abstained = outcomes.Where(o => !o.Answered(thresholds)).ToList();
        var unanswerable = outcomes.Count(o => !o.Question.Answerable);
        var spans = answerable.Where(o => o.Judgement?.F1 is not null || o.Set == "squad2").ToList();
        var citations = answered.Where(o => o.Question.Answerable).Sum(o => o.Citations);
        var supported = answered.Where(o => o.Question.Answerable).Sum(o => o.Judgement?.SupportedCitations ?? 0);
        var withGold = outcomes.Where(o => o.GoldRetrieved is not null && o.Question.Answerable).ToList();
        var latencies = outcomes.Select(o => o.Milliseconds).ToList();
        return new QaScore(
            set,
            outcomes.Count,
            answerable.Count,
            Ratio(scorable.Count(o => o.Answered(thresholds) && o.Judgement!.Correct), scorable.Count),
            spans.Count > 0 ? spans.Average(o => o.Answered(thresholds) ? o.Judgement?.F1 ?? 0 : 0) : null,
            spans.Count > 0 ? spans.Average(o => o.Answered(thresholds) && o.Judgement?.Exact == true ? 1.0 : 0) : null,
            Ratio(supported, citations),
            Ratio(withGold.Count(o => o.GoldRetrieved == true), withGold.Count),
            Ratio(answerable.Count(o => o.Answered(thresholds)), answerable.Count),
            Ratio(abstained.Count(o => !o.Question.Answerable), abstained.Count),
            Ratio(abstained.Count(o => !o.Question.Answerable), unanswerable),
            Metrics.Reliability.ExpectedCalibrationError(Stated(outcomes, thresholds)),
            Metrics.Percentiles.Of(latencies, 50),
            Metrics.Percentiles.Of(latencies, 95));
    }

    /// <summary>The stated confidence of each judged answer and whether it was right (<see cref="QaOutcome.Stated"/>).</summary>
    public static List<(double Confidence, bool Right)> Stated(IEnumerable<QaOutcome> outcomes, AbstentionThresholds thresholds, ConfidenceFit? fit = null) =>
        outcomes.Select(o => o.Stated(thresholds, fit ?? ConfidenceFit.Production)).OfType<(double, bool)>().ToList();

    private static double Ratio(int part, int whole) => whole > 0 ? (double)part / whole : double.NaN;
}
