namespace BriefingBot.Memory.Answering;

/// <summary>
/// The coefficients of <see cref="ConfidenceModel"/>: for answers in the order of <see cref="AnswerSignals.FeatureNames"/>,
/// for not-founds relevance and coverage. Written by <c>dotnet run -c Release --project tests/BriefingBot.Evaluation -- calibrate</c> on 2026-12-03 14:58 UTC
/// from 460 judged answers and 44 not-founds of seed, squad2, multihop, realtimeqa (see docs/EVALUATION.md);
/// run it again rather than editing by hand.
/// </summary>
internal static class ConfidenceCoefficients
{
    public const float Intercept = -12.002897f;

    public static readonly float[] Weights = [7.047647f, -0.92420703f, 0.53092176f, 1.280717f, 4.7194977f, 1.7018199f, 2.1542044f];

    public const float DeclineIntercept = 20.764133f;

    public static readonly float[] DeclineWeights = [-28.803276f, -1.2417324f];
}
