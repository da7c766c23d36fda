using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace BriefingBot.Evaluation.Load;

/// <summary>
/// One simulated user until the deadline: alternately a question to <c>POST /api/ask</c> and a Direct Line turn (post a
/// message, poll until the bot's reply to it arrives), in a conversation of its own that it replaces every
/// <see cref="TurnsPerConversation"/> turns; no think time. Remembers every message it posted for the final count.
/// </summary>
internal sealed class VirtualUser(int number, HttpClient http, string secret, IReadOnlyList<string> questions, LoadRecorder recorder)
{
    public const string StartOperation = "Direct Line: start conversation";
    public const string AskOperation = "POST /api/ask";
    public const string PostOperation = "Direct Line: post message";
    public const string PollOperation = "Direct Line: poll";
    public const string TurnOperation = "Direct Line: post → reply received";
    public const string ReplyTimeoutOperation = "Direct Line: reply wait";
    private const int TurnsPerConversation = 10;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    private readonly string _userId = $"load-user-{number}";

    /// <summary>The conversations this user drove and the ids of the messages posted in each.</summary>
    public List<(DirectLineConversation Conversation, List<string> Posted)> Conversations { get; } = [];

    public async Task RunAsync(double deadlineSeconds, CancellationToken cancellationToken)
    {
        var turn = number;
        var directLineTurns = 0;
        (DirectLineConversation Conversation, List<string> Posted)? current = null;
        while (recorder.Now < deadlineSeconds && !cancellationToken.IsCancellationRequested)
        {
            var question = questions[turn % questions.Count];
            try
            {
                if (turn % 2 == 0)
                {
                    await AskAsync(question, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    if (current is null || directLineTurns % TurnsPerConversation == 0)
                    {
                        var conversation = await recorder.TimeAsync(StartOperation, () => DirectLineConversation.StartAsync(http, secret, _userId, cancellationToken)).ConfigureAwait(false);
                        current = (conversation, []);
                        Conversations.Add(current.Value);
                    }

                    directLineTurns++;
                    await TurnAsync(current.Value.Conversation, current.Value.Posted, question, deadlineSeconds, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (LoadFailure)
            {
                // recorded; the user goes on with the next turn
            }

            turn++;
        }
    }

    private async Task AskAsync(string question, CancellationToken cancellationToken)
    {
        await recorder.TimeAsync(AskOperation, async () =>
        {
            using var response = await http.PostAsJsonAsync(new Uri("api/ask", UriKind.Relative), new { question }, cancellationToken).ConfigureAwait(false);
            await LoadFailure.ThrowUnlessSuccessAsync(response, "ask", cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
            return body.TryGetProperty("answer", out var text) && text.ValueKind == JsonValueKind.String
                ? true
                : throw new LoadFailure("ask: the response has no answer text");
        }).ConfigureAwait(false);
    }

    private async Task TurnAsync(DirectLineConversation conversation, List<string> posted, string question, double deadlineSeconds, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var id = await recorder.TimeAsync(PostOperation, () => conversation.PostAsync(_userId, question, cancellationToken)).ConfigureAwait(false);
        posted.Add(id);
        while (conversation.RepliesTo(id) == 0)
        {
            if (clock.Elapsed > ReplyTimeout)
            {
                recorder.Fail(ReplyTimeoutOperation, $"no reply to {id} within {ReplyTimeout.TotalSeconds:F0} s");
                return;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            await recorder.TimeAsync(PollOperation, async () =>
            {
                await conversation.PollAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }

        recorder.Record(TurnOperation, clock.Elapsed.TotalMilliseconds);
    }
}
