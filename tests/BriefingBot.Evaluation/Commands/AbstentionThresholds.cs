using System.Globalization;
using BriefingBot.Memory.Answering;

namespace BriefingBot.Evaluation.Commands;

/// <summary>The abstention rule of <see cref="ExtractiveAnswerer"/>, replayed on recorded signals to calibrate it offline.</summary>
internal sealed record AbstentionThresholds(float MinRelevance, float MinCoverage, float ConfidentRelevance, float FullCoverage, float FullCoverageRelevance, float MinConfidence = 0)
{
    public static AbstentionThresholds From(AnswerOptions options) =>
        new(options.MinRelevance, options.MinCoverage, options.ConfidentRelevance, options.FullCoverage, options.FullCoverageRelevance, options.MinConfidence);

    /// <summary>Whether an answer with these signals (and, when known, this confidence) is given rather than declined.</summary>
    public bool Answers(float relevance, float coverage, float? confidence = null) => new AnswerOptions
    {
        MinRelevance = MinRelevance,
        MinCoverage = MinCoverage,
        ConfidentRelevance = ConfidentRelevance,
        FullCoverage = FullCoverage,
        FullCoverageRelevance = FullCoverageRelevance,
    }.IsAnswerable(relevance, coverage) && (confidence ?? 1) >= MinConfidence;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"MinRelevance {MinRelevance:0.00}, MinCoverage {MinCoverage:0.00}, ConfidentRelevance {ConfidentRelevance:0.00}, MinConfidence {MinConfidence:0.00}");
}
