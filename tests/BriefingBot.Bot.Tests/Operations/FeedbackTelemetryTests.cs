using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BriefingBot.Bot.Turns;
using BriefingBot.Memory.Telemetry;

namespace BriefingBot.Bot.Tests.Operations;

/// <summary>Feedback stored by the bot's feedback store is counted by reaction.</summary>
public sealed class FeedbackTelemetryTests : IDisposable
{
    private static readonly AsyncLocal<object?> Flow = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "briefingbot-bot-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task RecordFeedback_LikesAndDislikes_CountedPositiveAndNegative()
    {
        Directory.CreateDirectory(_folder);
        var store = new SqliteFeedbackStore(Path.Combine(_folder, "memory.db"));
        var marker = new object();
        Flow.Value = marker;
        var counted = new ConcurrentQueue<(long Value, string Reaction)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == BriefingTelemetry.Name && instrument.Name == BriefingTelemetry.Feedback.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (Flow.Value == marker)
            {
                counted.Enqueue((value, (string)tags.ToArray().Single(t => t.Key == "reaction").Value!));
            }
        });
        listener.Start();
        var now = DateTimeOffset.UtcNow;
        await store.RecordAnswerAsync(new AnswerRecord("c", "m-1", "What was agreed?", "A levy. [1]", "[]", "extractive", now), TestContext.Current.CancellationToken);

        await store.RecordFeedbackAsync(new FeedbackRecord("c", "m-1", "u-1", "like", null, now), TestContext.Current.CancellationToken);
        await store.RecordFeedbackAsync(new FeedbackRecord("c", "m-1", "u-2", "like", null, now), TestContext.Current.CancellationToken);
        await store.RecordFeedbackAsync(new FeedbackRecord("c", "m-1", "u-3", "dislike", "wrong date", now), TestContext.Current.CancellationToken);

        Assert.Equal(2, counted.Where(c => c.Reaction == "positive").Sum(c => c.Value));
        Assert.Equal(1, counted.Where(c => c.Reaction == "negative").Sum(c => c.Value));
    }
}
