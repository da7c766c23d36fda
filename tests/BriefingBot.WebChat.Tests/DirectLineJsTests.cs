using BriefingBot.Memory.DirectLine;
using System.Text.Json;
using BriefingBot.WebChat.Tests.Support;

namespace BriefingBot.WebChat.Tests;

/// <summary>The real botframework-directlinejs client (Node) against the bot's own Direct Line.</summary>
public sealed class DirectLineJsTests(SharedBotHost shared)
{
    private BotHost Host => shared.Host;

    [Theory]
    [InlineData("ws")]
    [InlineData("poll")]
    public async Task DirectLineJs_AsksQuestion_EchoKeepsClientIdAndAnswerIsCited(string mode)
    {
        var result = await RunAsync("basic", mode);

        Assert.StartsWith("Hello! I am BriefingBot", result.GetProperty("welcome").GetString());
        var first = result.GetProperty("first");
        var posted = first.GetProperty("posted");
        var echo = first.GetProperty("echo");
        Assert.Equal(posted.GetProperty("id").GetString(), echo.GetProperty("id").GetString());
        Assert.Equal(posted.GetProperty("clientActivityID").GetString(), echo.GetProperty("clientActivityID").GetString());
        Assert.True(DateTimeOffset.TryParse(echo.GetProperty("timestamp").GetString(), out _));
        var answer = first.GetProperty("answer");
        Assert.Contains("[1]", answer.GetProperty("text").GetString());
        Assert.Contains("cite:1", answer.GetProperty("text").GetString());
        var message = answer.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "https://schema.org/Message");
        var claim = message.GetProperty("citation")[0];
        Assert.Equal(1, claim.GetProperty("position").GetInt32());
        Assert.Contains("Russia", claim.GetProperty("appearance").GetProperty("text").GetString());
        Assert.False(message.TryGetProperty("keywords", out _), "An extractive answer is labelled AI-generated.");
        Assert.True(result.GetProperty("online").GetBoolean());
        Assert.Equal(mode == "ws" ? 1 : 0, result.GetProperty("sockets").GetInt32());
        AssertNoDuplicates(result);
    }

    [Fact]
    public async Task DirectLineJs_SocketDrops_ReconnectsWithNothingLostOrDuplicated()
    {
        var result = await RunAsync("reconnect", "ws");

        Assert.Equal(1, result.GetProperty("socketsOpened").GetInt32());
        var second = result.GetProperty("second");
        Assert.Equal(second.GetProperty("posted").GetProperty("id").GetString(), second.GetProperty("echo").GetProperty("id").GetString());
        Assert.Contains("sources", second.GetProperty("answer").GetProperty("text").GetString());
        AssertNoDuplicates(result);

        var received = result.GetProperty("received").EnumerateArray()
            .Where(a => a.GetProperty("type").GetString() != "typing").Select(a => a.GetProperty("id").GetString()).ToList();
        var conversationId = received[0]!.Split('|')[0];
        var stored = await StoredIdsAsync(conversationId);
        Assert.Equal(stored, received);
    }

    [Fact]
    public async Task DirectLineJs_RefreshesToken_NewTokenWorksForTheSameConversation()
    {
        var result = await RunAsync("refresh", "ws");

        var oldToken = result.GetProperty("oldToken").GetString();
        var newToken = result.GetProperty("newToken").GetString();
        Assert.NotEqual(oldToken, newToken);
        var second = result.GetProperty("second");
        Assert.Contains("document", second.GetProperty("answer").GetProperty("text").GetString());
        using var refreshed = await Host.SendAsync(HttpMethod.Post, "/tokens/refresh", newToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, refreshed.StatusCode);
    }

    private async Task<List<string?>> StoredIdsAsync(string conversationId)
    {
        var store = (BriefingBot.Memory.DirectLine.IDirectLineStore)Host.Services.GetService(typeof(BriefingBot.Memory.DirectLine.IDirectLineStore))!;
        var stored = await store.ReadAfterAsync(conversationId, 0, null, 1000, TestContext.Current.CancellationToken);
        return stored.Select(a => (string?)JsonDocument.Parse(a.Json).RootElement.GetProperty("id").GetString()).ToList();
    }

    private static void AssertNoDuplicates(JsonElement result)
    {
        var ids = result.GetProperty("received").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private async Task<JsonElement> RunAsync(string scenario, string mode)
    {
        Assert.SkipWhen(TestClients.NodeMissing is not null, TestClients.NodeMissing ?? "");
        var token = await Host.PageTokenAsync();
        var (exit, output, errors) = await TestClients.RunNodeAsync(
            "directline-client.js", [scenario, mode],
            new Dictionary<string, string> { ["DL_DOMAIN"] = Host.DirectLineUrl, ["DL_TOKEN"] = token.Token, ["QUESTION"] = "What did Russia demand?" },
            TimeSpan.FromSeconds(100));
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        Assert.True(exit == 0 && line is not null, $"directlinejs {scenario}/{mode} failed (exit {exit}): {output}\n{errors}");
        return JsonDocument.Parse(line!).RootElement.Clone();
    }
}
