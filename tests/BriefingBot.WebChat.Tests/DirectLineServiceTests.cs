using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using BriefingBot.Bot.DirectLine;
using BriefingBot.WebChat.Tests.Support;

namespace BriefingBot.WebChat.Tests;

/// <summary>Direct Line behaviour no client library checks: persistence, uploads, secrets, origins, stream replay.</summary>
public sealed class DirectLineServiceTests(SharedBotHost shared)
{
    private const string Secret = "site-secret-for-tests-0123456789";

    private BotHost Host => shared.Host;

    [Fact]
    public async Task Conversation_SurvivesRestart_ResumesAfterWatermark()
    {
        var folder = Path.Combine(Path.GetTempPath(), "briefingbot-webchat-tests", Guid.NewGuid().ToString("N"));
        PageToken token;
        string firstAnswerId;
        await using (var host = await BotHost.StartAsync(folder))
        {
            token = await host.StartConversationAsync();
            using var posted = await host.PostMessageAsync(token, "What did Russia demand?");
            var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
            var before = await host.ActivitiesAsync(token, a => a.Any(x => x.TryGetProperty("replyToId", out var r) && r.GetString() == id));
            firstAnswerId = before.Last().GetProperty("id").GetString()!;
        }

        await using (var restarted = await BotHost.StartAsync(folder))
        {
            var watermark = firstAnswerId.Split('|')[1].TrimStart('0');
            using var resumed = await restarted.SendAsync(HttpMethod.Get, $"/conversations/{token.ConversationId}?watermark={watermark}", token.Token);
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
            var conversation = await resumed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            var newToken = token with { Token = conversation.GetProperty("token").GetString()! };

            using var posted = await restarted.PostMessageAsync(newToken, "sources");
            var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
            Assert.True(string.CompareOrdinal(id, firstAnswerId) > 0, $"{id} should follow {firstAnswerId}");

            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri(conversation.GetProperty("streamUrl").GetString()!), TestContext.Current.CancellationToken);
            var frame = await ReceiveFrameAsync(socket);
            var ids = frame.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
            Assert.DoesNotContain(firstAnswerId, ids);
            Assert.Equal(id, ids.First(i => i is not null && !IsTyping(frame, i)));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Stream_IgnoresEmptyClientFramesAndReplaysEverythingOnConnect()
    {
        var token = await Host.StartConversationAsync();
        using var posted = await Host.PostMessageAsync(token, "help");
        var postedId = (await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        using var reconnect = await Host.SendAsync(HttpMethod.Get, $"/conversations/{token.ConversationId}", token.Token);
        var streamUrl = (await reconnect.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("streamUrl").GetString()!;

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), TestContext.Current.CancellationToken);
        await socket.SendAsync(Array.Empty<byte>(), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        var seen = new List<string>();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!(seen.Contains(postedId!) && seen.Count >= 3) && DateTime.UtcNow < until)
        {
            var frame = await ReceiveFrameAsync(socket);
            Assert.True(frame.TryGetProperty("watermark", out _));
            seen.AddRange(frame.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
        }

        Assert.Equal(ConversationHub.ActivityId(token.ConversationId, 1), seen[0]);
        Assert.Contains(postedId, seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task Stream_AnswerStreamsAsWebChatLivestream_TypingThenFinalMessageInOrder()
    {
        var token = await Host.StartConversationAsync();
        using var reconnect = await Host.SendAsync(HttpMethod.Get, $"/conversations/{token.ConversationId}", token.Token);
        var streamUrl = (await reconnect.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("streamUrl").GetString()!;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), TestContext.Current.CancellationToken);
        using var posted = await Host.PostMessageAsync(token, "What did Russia demand?");
        var postedId = (await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();

        var activities = new List<JsonElement>();
        while (!activities.Any(a => a.GetProperty("type").GetString() == "message" && a.TryGetProperty("replyToId", out var r) && r.GetString() == postedId))
        {
            activities.AddRange((await ReceiveFrameAsync(socket)).GetProperty("activities").EnumerateArray());
        }

        var afterPost = activities.SkipWhile(a => a.GetProperty("id").GetString() != postedId).Skip(1).ToList();
        var stream = afterPost.Where(a => a.GetProperty("type").GetString() == "typing" && a.TryGetProperty("channelData", out var c) && c.TryGetProperty("streamType", out _)).ToList();
        Assert.NotEmpty(stream);
        var first = stream[0];
        Assert.Equal("informative", first.GetProperty("channelData").GetProperty("streamType").GetString());
        Assert.Equal(1, first.GetProperty("channelData").GetProperty("streamSequence").GetInt32());
        var sequences = stream.Select(a => a.GetProperty("channelData").GetProperty("streamSequence").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count), sequences);
        // Every chunk names its stream, the first one included (its own id): Web Chat orders chunks by streamId.
        Assert.All(stream, a => Assert.Equal(first.GetProperty("id").GetString(), a.GetProperty("channelData").GetProperty("streamId").GetString()));
        var final = afterPost.Last();
        Assert.Equal("final", final.GetProperty("channelData").GetProperty("streamType").GetString());
        Assert.Equal(first.GetProperty("id").GetString(), final.GetProperty("channelData").GetProperty("streamId").GetString());
        var ids = activities.Select(a => a.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task Upload_MultipartFile_EchoedWithAttachmentThatCanBeFetched()
    {
        var token = await Host.StartConversationAsync();
        var form = DirectLineAbuseTests.Multipart("notes.txt", Encoding.UTF8.GetBytes("briefing notes"));
        form.Add(new StringContent("{\"type\":\"message\",\"from\":{\"id\":\"user-test\"},\"channelData\":{\"clientActivityID\":\"up-1\"}}", Encoding.UTF8, "application/vnd.microsoft.activity"), "activity", "blob");

        using var response = await Host.SendAsync(HttpMethod.Post, $"/conversations/{token.ConversationId}/upload?userId=user-test", token.Token, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        var activities = await Host.ActivitiesAsync(token, a => a.Any(x => x.GetProperty("id").GetString() == id));
        var echo = activities.Single(x => x.GetProperty("id").GetString() == id);
        Assert.Equal("up-1", echo.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        var attachment = echo.GetProperty("attachments")[0];
        Assert.Equal("notes.txt", attachment.GetProperty("name").GetString());
        using var file = await Host.Http.GetAsync(attachment.GetProperty("contentUrl").GetString(), TestContext.Current.CancellationToken);
        Assert.Equal("briefing notes", await file.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task PageToken_OnlyForOwnOrAllowedOrigins_WithCors()
    {
        using var own = await TokenForOriginAsync(Host.BaseUrl);
        using var allowed = await TokenForOriginAsync(SharedBotHost.AllowedOrigin);
        using var foreign = await TokenForOriginAsync("http://evil.example");
        using var none = await TokenForOriginAsync(null);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(SharedBotHost.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        var refusal = await foreign.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("may not embed", refusal);
        Assert.DoesNotContain("\"token\"", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, Host.DirectLineUrl + "/conversations");
        preflight.Headers.Add("Origin", SharedBotHost.AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent,x-requested-with");
        using var answer = await Host.Http.SendAsync(preflight, TestContext.Current.CancellationToken);
        Assert.True(answer.IsSuccessStatusCode);
        Assert.Equal(SharedBotHost.AllowedOrigin, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-ms-bot-agent", string.Join(",", answer.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Secrets_NeverReachThePage_AndConfiguredSecretGeneratesTokens()
    {
        var pageSecret = ((DirectLineTokens)Host.Services.GetService(typeof(DirectLineTokens))!).PageSecret;
        foreach (var file in new[] { "/", "/page.js", "/briefing-chat.js", "/embed.js" })
        {
            var body = await Host.Http.GetStringAsync(file, TestContext.Current.CancellationToken);
            Assert.DoesNotContain(pageSecret, body, StringComparison.Ordinal);
        }

        using var tokenResponse = await TokenForOriginAsync(Host.BaseUrl);
        Assert.DoesNotContain(pageSecret, await tokenResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var byPageSecretFromOutside = await Host.SendAsync(HttpMethod.Post, "/tokens/generate", "guess-" + pageSecret[6..]);
        Assert.Equal(HttpStatusCode.Forbidden, byPageSecretFromOutside.StatusCode);

        await using var host = await BotHost.StartAsync(null, $"DirectLine:Secrets:0={Secret}", "Bot:LoadSamplesWhenEmpty=false");
        using var generated = await host.SendAsync(HttpMethod.Post, "/tokens/generate", Secret, new { user = new { id = "dl_reader" } });
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var conversation = await generated.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(1800, conversation.GetProperty("expires_in").GetInt32());
        var token = new PageToken(conversation.GetProperty("conversationId").GetString()!, conversation.GetProperty("token").GetString()!);
        using var started = await host.SendAsync(HttpMethod.Post, "/conversations", token.Token, new { });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        using var again = await host.SendAsync(HttpMethod.Post, "/conversations", token.Token, new { });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var posted = await host.SendAsync(HttpMethod.Post, $"/conversations/{token.ConversationId}/activities", token.Token,
            new { type = "message", from = new { id = "someone-else" }, text = "help" });
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        var activities = await host.ActivitiesAsync(token, a => a.Any(x => x.GetProperty("id").GetString() == id));
        Assert.Equal("dl_reader", activities.Single(x => x.GetProperty("id").GetString() == id).GetProperty("from").GetProperty("id").GetString());
        using var tokenWithToken = await host.SendAsync(HttpMethod.Post, "/tokens/generate", token.Token);
        Assert.Equal(HttpStatusCode.Forbidden, tokenWithToken.StatusCode);
    }

    private async Task<HttpResponseMessage> TokenForOriginAsync(string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await Host.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static bool IsTyping(JsonElement frame, string id) =>
        frame.GetProperty("activities").EnumerateArray().Any(a => a.GetProperty("id").GetString() == id && a.GetProperty("type").GetString() == "typing");

    private static async Task<JsonElement> ReceiveFrameAsync(ClientWebSocket socket)
    {
        var buffer = new byte[256 * 1024];
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            var total = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(total), limit.Token);
                total += result.Count;
            }
            while (!result.EndOfMessage);

            if (total > 0)
            {
                return JsonDocument.Parse(buffer.AsMemory(0, total)).RootElement.Clone();
            }
        }
    }
}
