namespace BriefingBot.Evaluation.Metrics;

/// <summary>Milliseconds per call of <see cref="WarmLatency"/>: query embeddings (empty when not measured), searches and asks.</summary>
internal sealed record WarmLatencySeries(List<double> Embed, List<double> Search, List<double> Ask);
