using BriefingBot.Memory.Answering;

namespace BriefingBot.Evaluation.Data;

/// <summary>
/// One question: whether the corpus answers it, the documents that hold the answer, and a judge of an answer that
/// was given (correctness, span F1 where the set has spans, and which citations are supported).
/// </summary>
internal sealed record QaQuestion(
    string Id,
    string Text,
    bool Answerable,
    string Kind,
    IReadOnlySet<string> GoldDocuments,
    Func<Answer, AnswerJudgement> Judge);
