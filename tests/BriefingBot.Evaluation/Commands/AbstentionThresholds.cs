using System.Globalization;
using BriefingBot.Memory.Answering;

namespace BriefingBot.Evaluation.Commands;

/// <summary>The abstention rule of <see cref="ExtractiveAnswerer"/>, replayed on recorded signals to calibrate it offline.</summary>
internal sealed record AbstentionThresholds(float MinRelevance, float MinCoverage, float ConfidentRelevance)
{
    public static AbstentionThresholds From(AnswerOptions options) => new(options.MinRelevance, options.MinCoverage, options.ConfidentRelevance);

    public bool Answers(float relevance, float coverage) =>
        relevance >= ConfidentRelevance || (relevance >= MinRelevance && coverage >= MinCoverage);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"MinRelevance {MinRelevance:0.00}, MinCoverage {MinCoverage:0.00}, ConfidentRelevance {ConfidentRelevance:0.00}");
}
