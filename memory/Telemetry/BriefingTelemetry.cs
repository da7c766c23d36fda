using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BriefingBot.Memory.Telemetry;

/// <summary>
/// The traces and metrics of BriefingBot, both named <see cref="Name"/>: spans for ingest, search and ask; counters
/// and histograms for ingestion, answers, retrieval, abstentions and feedback. Exporters are chosen by the host.
/// </summary>
public static class BriefingTelemetry
{
    public const string Name = "BriefingBot";

    public static readonly ActivitySource Source = new(Name, typeof(BriefingTelemetry).Assembly.GetName().Version?.ToString());

    public static readonly Meter Meter = new(Name, typeof(BriefingTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Documents through the pipeline, tagged <c>outcome</c> (created, replaced, unchanged, failed).</summary>
    public static readonly Counter<long> DocumentsIngested = Meter.CreateCounter<long>(
        "briefingbot.ingest.documents", "{document}", "Documents through the ingestion pipeline, by outcome.");

    /// <summary>Tokens of the chunks stored (created or replaced documents).</summary>
    public static readonly Counter<long> TokensIngested = Meter.CreateCounter<long>(
        "briefingbot.ingest.tokens", "{token}", "Tokens of the chunks stored.");

    /// <summary>Seconds from reading a document to storing it (or failing it), tagged <c>outcome</c>.</summary>
    public static readonly Histogram<double> IngestDuration = Meter.CreateHistogram<double>(
        "briefingbot.ingest.duration", "s", "Time to ingest one document, by outcome.");

    /// <summary>Seconds to answer one question, tagged <c>mode</c> (extractive, generative) and <c>no_result</c>.</summary>
    public static readonly Histogram<double> AnswerDuration = Meter.CreateHistogram<double>(
        "briefingbot.answer.duration", "s", "Time to answer one question, by answer mode.");

    /// <summary>Passages a search returned, tagged <c>mode</c> (hybrid, vector, keyword).</summary>
    public static readonly Histogram<int> RetrievalHits = Meter.CreateHistogram<int>(
        "briefingbot.retrieval.hits", "{passage}", "Passages returned by one search.");

    /// <summary>Questions answered with no result, tagged <c>reason</c>.</summary>
    public static readonly Counter<long> Abstentions = Meter.CreateCounter<long>(
        "briefingbot.answer.abstentions", "{answer}", "Questions the memory could not answer, by reason.");

    /// <summary>Feedback recorded on answers, tagged <c>reaction</c> (positive, negative).</summary>
    public static readonly Counter<long> Feedback = Meter.CreateCounter<long>(
        "briefingbot.feedback", "{feedback}", "Feedback recorded on answers, by reaction.");

    public const string IngestSpan = "ingest";
    public const string SearchSpan = "search";
    public const string AskSpan = "ask";
}
