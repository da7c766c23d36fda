using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Telemetry;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Telemetry;

/// <summary>The instruments and spans record real ingests and asks on a real memory.</summary>
public sealed class BriefingTelemetryTests
{
    private const string Levy = """
        The town council approved a harbour levy of two euros per visiting yacht on Tuesday. The money will pay for
        repairs to the sea wall, which was damaged in the January storms.

        The harbour master said the repairs would start in May and take about six months.
        """;

    private const string Rail = "The regional rail operator will add night trains between the two capitals from June, the transport minister said.";

    [Fact]
    public async Task Ingest_Batch_CountsDocumentsTokensAndDurationsByOutcome()
    {
        using var test = await TestMemory.CreateAsync();
        using var recorder = new TelemetryRecorder();
        IngestRequest[] requests =
        [
            IngestRequest.FromText(Levy, "levy"),
            IngestRequest.FromText(Rail, "rail"),
            new IngestRequest { FileName = "empty.txt", DocumentId = "empty", Content = Array.Empty<byte>() },
        ];

        var results = new List<IngestResult>();
        await foreach (var result in test.Memory.IngestAsync(requests.ToAsyncEnumerable(), TestContext.Current.CancellationToken))
        {
            results.Add(result);
        }

        var documents = recorder.Of(BriefingTelemetry.DocumentsIngested.Name);
        Assert.Equal(2, documents.Where(m => Equals(m.Tags["outcome"], "created")).Sum(m => m.Value));
        Assert.Equal(1, documents.Where(m => Equals(m.Tags["outcome"], "failed")).Sum(m => m.Value));
        Assert.Equal(results.Where(r => r.Outcome == IngestOutcome.Created).Sum(r => r.Tokens), recorder.Of(BriefingTelemetry.TokensIngested.Name).Sum(m => m.Value));
        Assert.True(results.Sum(r => r.Tokens) > 20);
        var durations = recorder.Of(BriefingTelemetry.IngestDuration.Name);
        Assert.Equal(3, durations.Count);
        Assert.All(durations, d => Assert.InRange(d.Value, 0, 120));
        var span = Assert.Single(recorder.Spans, s => s.OperationName == BriefingTelemetry.IngestSpan);
        Assert.Equal(3, span.GetTagItem("briefingbot.documents"));
        Assert.Equal(1, span.GetTagItem("briefingbot.documents_failed"));
    }

    [Fact]
    public async Task Ask_AnsweredQuestion_RecordsLatencyByModeHitsAndNestedSpans()
    {
        using var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(IngestRequest.FromText(Levy, "levy"), TestContext.Current.CancellationToken);
        await test.Memory.IngestAsync(IngestRequest.FromText(Rail, "rail"), TestContext.Current.CancellationToken);
        var answering = BriefingAnswering.Create(test.Memory, test.Options, null, TestMemory.Embedder);
        using var recorder = new TelemetryRecorder();

        var answer = await answering.Answerer.AskAsync("What will the harbour levy pay for?", cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(answer.NoResult);
        var latency = Assert.Single(recorder.Of(BriefingTelemetry.AnswerDuration.Name));
        Assert.Equal("extractive", latency.Tags["mode"]);
        Assert.Equal(false, latency.Tags["no_result"]);
        Assert.InRange(latency.Value, 0.0001, 60);
        var hits = Assert.Single(recorder.Of(BriefingTelemetry.RetrievalHits.Name));
        Assert.InRange(hits.Value, 1, test.Options.Answer.Passages);
        Assert.Empty(recorder.Of(BriefingTelemetry.Abstentions.Name));
        var ask = Assert.Single(recorder.Spans, s => s.OperationName == BriefingTelemetry.AskSpan);
        var search = Assert.Single(recorder.Spans, s => s.OperationName == BriefingTelemetry.SearchSpan);
        Assert.Equal(ask.SpanId, search.ParentSpanId);
        Assert.Equal(answer.Citations.Count, ask.GetTagItem("briefingbot.answer.citations"));
    }

    [Fact]
    public async Task Ask_UnrelatedQuestion_CountsAbstentionWithReason()
    {
        using var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(IngestRequest.FromText(Levy, "levy"), TestContext.Current.CancellationToken);
        var answering = BriefingAnswering.Create(test.Memory, test.Options, null, TestMemory.Embedder);
        using var recorder = new TelemetryRecorder();

        var answer = await answering.Answerer.AskAsync("Which striker won the football league's golden boot?", cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(answer.NoResult);
        var abstention = Assert.Single(recorder.Of(BriefingTelemetry.Abstentions.Name));
        Assert.Equal(answer.NoResultReason, abstention.Tags["reason"]);
        Assert.Equal(true, Assert.Single(recorder.Of(BriefingTelemetry.AnswerDuration.Name)).Tags["no_result"]);
    }

    [Fact]
    public async Task AskStreaming_AnsweredQuestion_RecordsOnceOnTheFinalAnswer()
    {
        using var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(IngestRequest.FromText(Levy, "levy"), TestContext.Current.CancellationToken);
        var answering = BriefingAnswering.Create(test.Memory, test.Options, null, TestMemory.Embedder);
        using var recorder = new TelemetryRecorder();

        Answer? final = null;
        await foreach (var update in answering.Answerer.AskStreamingAsync("When will the sea wall repairs start?", cancellationToken: TestContext.Current.CancellationToken))
        {
            final = update.Final ?? final;
        }

        Assert.NotNull(final);
        Assert.Single(recorder.Of(BriefingTelemetry.AnswerDuration.Name));
        Assert.Equal(true, Assert.Single(recorder.Spans, s => s.OperationName == BriefingTelemetry.AskSpan).GetTagItem("briefingbot.answer.streamed"));
    }
}
