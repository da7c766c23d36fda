using BriefingBot.Memory.Retrieval;

namespace BriefingBot.Evaluation.Commands;

internal sealed record RetrievalScore(string Model, RetrievalMode Mode, double Ndcg10, double Recall100, int Queries, double MillisecondsPerQuery);
