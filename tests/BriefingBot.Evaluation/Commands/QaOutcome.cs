using BriefingBot.Evaluation.Data;

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
    double Milliseconds)
{
    public bool Answered(AbstentionThresholds thresholds) => HasAnswer && thresholds.Answers(Relevance, Coverage);
}
