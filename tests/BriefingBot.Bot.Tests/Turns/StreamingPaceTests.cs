using System.Runtime.CompilerServices;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Bot.Turns;
using BriefingBot.Memory.Answering;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Turns;

/// <summary>
/// Teams streaming under a source that produces text over time, as a generative model does (no model can run here,
/// so a scripted source stands in for it): cumulative updates at most once a second, then the final message.
/// </summary>
public sealed class StreamingPaceTests
{
    [Fact]
    public async Task Stream_SlowSource_CumulativeUpdatesAtMostOncePerSecondThenFinal()
    {
        var pieces = Enumerable.Range(1, 12).Select(i => $"Part {i} of the answer [1]. ").ToList();
        await using var host = await TestBotHost.StartAsync(configure: services => services.AddSingleton<IAnswerSource>(new ScriptedSource(pieces, TimeSpan.FromMilliseconds(300))));
        await using var connector = await RecordingConnector.StartAsync();

        await TestActivities.PostAsync(host.Http, host.MessagesUrl, TestActivities.Message(connector.ServiceUrl, "Tell me everything", conversationType: "personal"));

        var calls = (await connector.WaitForMessageAsync()).Where(c => c.Activity.Entities?.Any(e => e.IsType("streaminfo")) == true).ToList();
        var updates = calls.Skip(1).SkipLast(1).ToList();
        Assert.InRange(updates.Count, 2, 4);
        var texts = updates.Select(c => c.Activity.Text!).ToList();
        for (var i = 1; i < texts.Count; i++)
        {
            Assert.StartsWith(texts[i - 1], texts[i]);
            Assert.True(texts[i].Length > texts[i - 1].Length);
        }

        var gaps = calls.Take(calls.Count - 1).Zip(calls.Skip(1).Take(calls.Count - 2)).Select(p => p.Second.At - p.First.At).ToList();
        Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"Two stream updates {gap.TotalMilliseconds} ms apart."));
        Assert.Equal(Enumerable.Range(1, calls.Count - 1), calls.SkipLast(1).Select(c => c.Activity.Entities!.Single().Properties!["streamSequence"].GetInt32()));
        var final = calls[^1].Activity;
        Assert.Equal(string.Concat(pieces).Trim(), final.Text);
        AnswerAssertions.AssertTeamsAiMessage(final, generated: true);
    }

    private sealed class ScriptedSource(IReadOnlyList<string> pieces, TimeSpan gap) : IAnswerSource
    {
        public Task<bool> ForgetAsync(string conversationKey, CancellationToken cancellationToken) => Task.FromResult(false);

        public async IAsyncEnumerable<AnswerUpdate> AnswerAsync(AnswerQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var piece in pieces)
            {
                await Task.Delay(gap, cancellationToken);
                yield return AnswerUpdate.Piece(piece);
            }

            var answer = new Answer
            {
                Question = query.Question,
                Text = string.Concat(pieces).Trim(),
                NoResult = false,
                Mode = "generative",
                Citations =
                [
                    new Citation
                    {
                        N = 1, DocumentId = "harbour-levy", Title = "Council approves harbour levy", Chunk = 0, Text = "The council approved a levy.",
                        Quote = "The council approved a levy.", Start = 0, End = 28, Relevance = 0.9f,
                    },
                ],
            };
            yield return AnswerUpdate.Done(new BotAnswer(answer, []));
        }
    }
}
