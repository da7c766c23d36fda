using BriefingBot.Evaluation.Data;
using BriefingBot.Memory.Answering;

namespace BriefingBot.Evaluation.Commands;

/// <summary>
/// One question asked with abstention switched off: what the answer would be, its judgement, and the signals the
/// abstention rule decides on, so any thresholds can be replayed without asking again.
/// </summary>
internal sealed record QaOutcome(
    string Set,
    QaQuestion Question,
    bool HasAnswer,
    AnswerJudgement? Judgement,
    int Citations,
    bool? GoldRetrieved,
    float Relevance,
    float Coverage,
    AnswerSignals? Signals,
    float? Confidence,
    double Milliseconds)
{
    public bool Answered(AbstentionThresholds thresholds) => HasAnswer && thresholds.Answers(Relevance, Coverage, Confidence);

    /// <summary>
    /// The confidence the answer states under these thresholds (by <paramref name="fit"/>), and whether it is right:
    /// an answer is right when correct, a not-found when the question is unanswerable. Null where there are no signals
    /// or the answer cannot be judged (a yes/no verdict).
    /// </summary>
    public (double Confidence, bool Right)? Stated(AbstentionThresholds thresholds, ConfidenceFit fit)
    {
        if (Signals is null || Judgement?.Scorable == false)
        {
            return null;
        }

        if (Answered(thresholds))
        {
            return (fit.Answer(Signals), Question.Answerable && Judgement!.Correct);
        }

        // Declined by MinConfidence, the answer's own 1 − P; before any sentence was chosen, the not-found's model.
        return (HasAnswer && thresholds.Answers(Relevance, Coverage) ? 1 - fit.Answer(Signals) : fit.Decline(Signals), !Question.Answerable);
    }
}

/// <summary>The two confidence models: an answer's P(right) and a not-found's P(right), from the signals.</summary>
internal sealed record ConfidenceFit(Func<AnswerSignals, double> Answer, Func<AnswerSignals, double> Decline)
{
    public static readonly ConfidenceFit Production = new(s => ConfidenceModel.Probability(s), s => ConfidenceModel.Declining(s));
}
