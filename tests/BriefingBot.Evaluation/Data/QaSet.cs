using BriefingBot.Memory.Ingestion;

namespace BriefingBot.Evaluation.Data;

/// <summary>A question-answering data set: the corpus to ingest and the questions with how to judge their answers.</summary>
internal sealed record QaSet(string Name, string Description, Func<IAsyncEnumerable<IngestRequest>> Documents, IReadOnlyList<QaQuestion> Questions);
