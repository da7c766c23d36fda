using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Memory.Telemetry;

namespace BriefingBot.Bot.Tests.Operations;

/// <summary>Feedback received by the bot (the feedback invoke on the real host) is counted by reaction.</summary>
public sealed class FeedbackTelemetryTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    [Fact]
    public async Task FeedbackInvokes_LikesAndDislikes_CountedPositiveAndNegative()
    {
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
            counted.Enqueue((value, (string)tags.ToArray().Single(t => t.Key == "reaction").Value!)));
        listener.Start();
        await using var connector = await RecordingConnector.StartAsync();
        var question = TestActivities.Message(connector.ServiceUrl, "Why was the harbour levy approved?");
        await TestActivities.PostAsync(fixture.Host.Http, fixture.Host.MessagesUrl, question);
        var answer = (await connector.WaitForMessageAsync()).Single(c => c.Activity.IsType(ActivityTypes.Message));

        foreach (var reaction in new[] { "like", "like", "dislike" })
        {
            var invoke = TestActivities.Message(connector.ServiceUrl, "", conversationId: question.Conversation!.Id);
            invoke.Type = ActivityTypes.Invoke;
            invoke.Name = "message/submitAction";
            invoke.Text = null;
            invoke.ReplyToId = answer.AssignedId;
            invoke.Value = System.Text.Json.JsonSerializer.SerializeToElement(new { actionName = "feedback", actionValue = new { reaction, feedback = "{}" } });
            var response = await TestActivities.PostAsync(fixture.Host.Http, fixture.Host.MessagesUrl, invoke);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(counted.Where(c => c.Reaction == "positive").Sum(c => c.Value) >= 2);
        Assert.True(counted.Where(c => c.Reaction == "negative").Sum(c => c.Value) >= 1);
    }
}
