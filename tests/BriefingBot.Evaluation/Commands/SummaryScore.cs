using BriefingBot.Memory.Briefings.Evaluation;

namespace BriefingBot.Evaluation.Commands;

/// <summary>One summary of one article scored against its reference, and without one (source divergence).</summary>
internal sealed record SummaryScore(RougeScore Rouge1, RougeScore Rouge2, RougeScore RougeL, double Divergence, int Words)
{
    public static SummaryScore Of(string summary, string reference, string article) => new(
        Rouge.N(summary, reference, 1),
        Rouge.N(summary, reference, 2),
        Rouge.L(summary, reference),
        SourceDivergence.JensenShannon(summary, article),
        Rouge.Tokenize(summary).Count);
}
