namespace BriefingBot.Evaluation.Data;

/// <summary>
/// How good a given answer is: correct or not (<see cref="Scorable"/> is false where a quoted answer cannot be judged,
/// such as a yes/no verdict), token F1 and exact match of the best quote where the set has answer spans, and how many
/// citations are supported.
/// </summary>
internal sealed record AnswerJudgement(bool Correct, int SupportedCitations, double? F1 = null, bool? Exact = null, bool Scorable = true);
