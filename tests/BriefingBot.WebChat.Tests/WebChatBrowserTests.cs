using System.Text.Json;
using BriefingBot.WebChat.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BriefingBot.WebChat.Tests;

/// <summary>The real Web Chat page in headless Chromium (Debian's), driven by playwright-core, against the real host.</summary>
public sealed class WebChatBrowserTests(SharedBotHost shared)
{
    private BotHost Host => shared.Host;

    [Fact]
    public async Task WebChat_AsksWhatRussiaDemanded_ShowsCitedAnswerOpensPassageAndStoresFeedback()
    {
        Assert.SkipWhen(TestClients.BrowserMissing is not null, TestClients.BrowserMissing ?? "");
        var (exit, output, errors) = await TestClients.RunNodeAsync(
            "webchat-browser.js", [],
            new Dictionary<string, string>
            {
                ["PAGE_URL"] = Host.BaseUrl + "/",
                ["QUESTION"] = "What did Russia demand?",
                ["SCREENSHOT_DIR"] = TestClients.Artifacts,
                ["CHROMIUM"] = TestClients.Chromium,
            },
            TimeSpan.FromSeconds(120));
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        Assert.True(line is not null, $"The browser script printed no result (exit {exit}): {output}\n{errors}");
        var result = JsonDocument.Parse(line!).RootElement;
        Assert.True(exit == 0 && result.GetProperty("ok").GetBoolean(), $"The browser run failed: {line}\n{errors}");

        Assert.Empty(result.GetProperty("external").EnumerateArray());
        Assert.All(result.GetProperty("websockets").EnumerateArray(), ws => Assert.StartsWith(Host.BaseUrl.Replace("http://", "ws://"), ws.GetString()));
        Assert.Empty(result.GetProperty("consoleErrors").EnumerateArray());
        Assert.Equal(0, result.GetProperty("sendFailed").GetInt32());
        Assert.Contains("Russia", result.GetProperty("answerText").GetString());
        Assert.True(result.GetProperty("inlineCitations").GetInt32() >= 1);
        Assert.Contains("reference", result.GetProperty("footnotes").GetString());
        Assert.Equal([BriefingBot.Bot.WebChat.WebChatAnswerMessage.QuotedLabel], result.GetProperty("aiLabel").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(BriefingBot.Bot.WebChat.WebChatPage.QuotedNotice, result.GetProperty("notice").GetString());
        Assert.NotEmpty(result.GetProperty("followUps").EnumerateArray());
        var passage = result.GetProperty("citationText").GetString()!;
        Assert.Contains("demands include", passage);
        Assert.DoesNotContain(Path.DirectorySeparatorChar + "samples" + Path.DirectorySeparatorChar, passage);
        Assert.Equal(2, result.GetProperty("thumbs").GetInt32());
        Assert.Equal("true", result.GetProperty("thumbPressed").GetString());
        Assert.True(File.Exists(Path.Combine(TestClients.Artifacts, "webchat-answer.png")));

        var feedback = await FeedbackRowsAsync("What did Russia demand?");
        Assert.Contains(feedback, f => f.Reaction == "like" && f.Answer is not null && f.Answer.Contains("[1]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Embed_OnAllowedOrigin_OpensChatAndAnswers_OnOtherOriginIsRefusedAToken()
    {
        Assert.SkipWhen(TestClients.BrowserMissing is not null, TestClients.BrowserMissing ?? "");
        var (exit, output, errors) = await TestClients.RunNodeAsync(
            "embed-browser.js", [],
            new Dictionary<string, string>
            {
                ["BOT_URL"] = Host.BaseUrl,
                ["ALLOWED_ORIGIN"] = SharedBotHost.AllowedOrigin,
                ["DENIED_ORIGIN"] = "http://not-allowed.example",
                ["SCREENSHOT_DIR"] = TestClients.Artifacts,
                ["CHROMIUM"] = TestClients.Chromium,
            },
            TimeSpan.FromSeconds(120));
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        Assert.True(exit == 0 && line is not null, $"The embed run failed (exit {exit}): {output}\n{errors}");
        var result = JsonDocument.Parse(line!).RootElement;

        Assert.Empty(result.GetProperty("external").EnumerateArray());
        Assert.Contains("Russia", result.GetProperty("allowedAnswer").GetString());
        Assert.Empty(result.GetProperty("allowedErrors").EnumerateArray());
        Assert.Contains("may not embed", result.GetProperty("deniedStatus").GetString());
        Assert.Equal(0, result.GetProperty("deniedHasWebChat").GetInt32());
    }

    private async Task<List<(string Reaction, string? Answer)>> FeedbackRowsAsync(string question)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var rows = new List<(string, string?)>();
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(Host.DataFolder, "memory.db")};Mode=ReadOnly;Pooling=false"))
            {
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT reaction, answer FROM bot_feedback WHERE question = $q";
                command.Parameters.AddWithValue("$q", question);
                await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
                while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
                }
            }

            if (rows.Count > 0 || DateTime.UtcNow > until)
            {
                return rows;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
