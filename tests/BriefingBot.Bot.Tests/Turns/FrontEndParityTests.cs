using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BriefingBot.Bot.Tests.Support;

namespace BriefingBot.Bot.Tests.Turns;

/// <summary>
/// The same five questions through every front end of one real server and its memory: the CLI's <c>ask --json</c>,
/// <c>POST /api/ask</c>, Direct Line (Web Chat's channel) and <c>/api/messages</c> (a Teams message, the reply posted
/// to a recording Connector). Each front end must give the same answer text (markers and markup aside) citing the
/// same documents.
/// </summary>
public sealed partial class FrontEndParityTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    private static readonly string[] Questions =
    [
        "What did Russia demand?",
        "Who is Karen Donfried?",
        "What sanctions are being prepared?",
        "Why was the harbour levy approved?",
        "When will the sea wall repairs start?",
    ];

    private TestBotHost Host => fixture.Host;

    [Fact]
    public async Task FiveQuestions_CliApiDirectLineAndTeams_SameAnswersAndSources()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var token = await DirectLineTokenAsync();
        foreach (var question in Questions)
        {
            var api = FromAnswer(await ApiAsync(question));
            var cli = FromAnswer(await CliAsync(question));
            var directLine = FromActivity(await DirectLineAsync(token, question));
            var teams = FromActivity(await TeamsAsync(connector, question));

            Assert.NotEmpty(api.Sources);
            Assert.Equal(api, cli);
            Assert.Equal(api, directLine);
            Assert.Equal(api, teams);
        }
    }

    private sealed record Reply(string Text, string Sources)
    {
        public override string ToString() => $"{Text} — {Sources}";
    }

    private static Reply FromAnswer(JsonElement answer) => new(
        Plain(answer.GetProperty("answer").GetString()!),
        string.Join(" | ", answer.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("title").GetString()).Distinct().Order(StringComparer.Ordinal)));

    private static Reply FromActivity(JsonElement activity) => new(
        Plain(activity.GetProperty("text").GetString()!),
        string.Join(" | ", activity.GetProperty("entities").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "https://schema.org/Message" && e.TryGetProperty("citation", out _))
            .SelectMany(e => e.GetProperty("citation").EnumerateArray())
            .Select(c => c.GetProperty("appearance").GetProperty("name").GetString()).Distinct().Order(StringComparer.Ordinal)));

    /// <summary>An answer's words: without its <c>[n]</c> markers (numbered per front end), link definitions and bold.</summary>
    private static string Plain(string text) =>
        Whitespace().Replace(Marker().Replace(text.Split("\n\n[1]:")[0].Replace("**", "", StringComparison.Ordinal), " "), " ").Trim();

    private async Task<JsonElement> ApiAsync(string question)
    {
        using var response = await Host.Http.PostAsJsonAsync("api/ask", new { question }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    /// <summary>The CLI on the same data folder, as a user runs it: <c>BriefingBot.Bot ask "…" --json --data …</c>.</summary>
    private async Task<JsonElement> CliAsync(string question)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "BriefingBot.Bot.dll"), "ask", question, "--json", "--data", Host.DataFolder })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"ask --json exited {process.ExitCode}: {await errors}");
        return JsonDocument.Parse(await output).RootElement;
    }

    private async Task<(string Token, string ConversationId)> DirectLineTokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "webchat/token");
        request.Headers.Add("Origin", Host.BaseUrl);
        using var response = await Host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var token = body.GetProperty("token").GetString()!;
        using var started = await DirectLineSendAsync(HttpMethod.Post, "conversations", token, new { user = new { id = "user-parity" } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (token, body.GetProperty("conversationId").GetString()!);
    }

    private async Task<JsonElement> DirectLineAsync((string Token, string ConversationId) conversation, string question)
    {
        var (token, conversationId) = conversation;
        using var posted = await DirectLineSendAsync(HttpMethod.Post, $"conversations/{conversationId}/activities", token,
            new { type = "message", from = new { id = "user-parity" }, text = question });
        posted.EnsureSuccessStatusCode();
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        for (var until = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(200, TestContext.Current.CancellationToken))
        {
            using var read = await DirectLineSendAsync(HttpMethod.Get, $"conversations/{conversationId}/activities?watermark=", token, null);
            var activities = (await read.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("activities").EnumerateArray();
            var reply = activities.FirstOrDefault(a => a.GetProperty("type").GetString() == "message" && a.TryGetProperty("replyToId", out var r) && r.GetString() == id);
            if (reply.ValueKind == JsonValueKind.Object)
            {
                return reply.Clone();
            }

            Assert.True(DateTime.UtcNow < until, $"No Direct Line answer to “{question}”.");
        }
    }

    private async Task<HttpResponseMessage> DirectLineSendAsync(HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, "v3/directline/" + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Host.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<JsonElement> TeamsAsync(RecordingConnector connector, string question)
    {
        var before = connector.Calls.Count;
        var activity = TestActivities.Message(connector.ServiceUrl, question, conversationType: "personal");
        using var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, activity);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        bool IsAnswer(RecordedCall c) => c.Status < 300 && c.Activity.IsType(BriefingBot.Bot.Activities.ActivityTypes.Message) && c.Activity.ReplyToId == activity.Id
            && !(c.Activity.Entities ?? []).Any(e => e.IsType("streaminfo") && e.Properties?.TryGetValue("streamType", out var t) == true && t.GetString() != "final");
        var calls = await connector.WaitForAsync(calls => calls.Skip(before).Any(IsAnswer));
        return JsonDocument.Parse(calls.Skip(before).Last(IsAnswer).Body).RootElement.Clone();
    }

    [GeneratedRegex(@"\s*\[\d+\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
