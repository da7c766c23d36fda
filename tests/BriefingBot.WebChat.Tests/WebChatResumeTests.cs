using System.Text.Json;
using BriefingBot.WebChat.Tests.Support;

namespace BriefingBot.WebChat.Tests;

/// <summary>
/// The product's page in real Web Chat (headless Chromium): a reload resumes the same conversation with its history in
/// order, and a second tab of the same visitor shows the same transcript and takes part in it.
/// </summary>
public sealed class WebChatResumeTests(SharedBotHost shared)
{
    private static readonly string[] Questions = ["What did Russia demand?", "Who is Karen Donfried?", "What sanctions are being prepared?"];
    private const string Later = "When will the talks with Moscow start?";

    [Fact]
    public async Task ReloadAndSecondTab_ResumeTheConversation_HistoryInOrder()
    {
        Assert.SkipWhen(TestClients.BrowserMissing is not null, TestClients.BrowserMissing ?? "");
        var (exit, output, errors) = await TestClients.RunNodeAsync(
            "webchat-resume.js", [],
            new Dictionary<string, string>
            {
                ["PAGE_URL"] = shared.Host.BaseUrl + "/",
                ["QUESTIONS"] = JsonSerializer.Serialize(Questions),
                ["LATER"] = Later,
                ["SCREENSHOT_DIR"] = TestClients.Artifacts,
                ["CHROMIUM"] = TestClients.Chromium,
            },
            TimeSpan.FromSeconds(240));
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        Assert.True(line is not null, $"The browser script printed no result (exit {exit}): {output}\n{errors}");
        var result = JsonDocument.Parse(line!).RootElement;
        Assert.True(exit == 0 && result.GetProperty("ok").GetBoolean(), $"The browser run failed: {line}\n{errors}");
        Assert.Empty(result.GetProperty("consoleErrors").EnumerateArray());

        var asked = Transcript(result, "asked");
        AssertQuestionsInOrder(asked, Questions);
        Assert.Single(result.GetProperty("conversations").EnumerateArray().Select(c => c.GetString()).Distinct());
        Assert.Equal(asked, Transcript(result, "reloaded"));
        Assert.Equal(asked, Transcript(result, "secondTab"));

        // A question asked in the second tab shows, with its answer, in both tabs.
        var later = Transcript(result, "secondAfterLater");
        AssertQuestionsInOrder(later, [.. Questions, Later]);
        Assert.Equal(asked, later.Take(asked.Count));
        Assert.Equal(later, Transcript(result, "firstAfterLater"));
    }

    /// <summary>The welcome, then each question in order with one bot message (its answer) under it.</summary>
    private static void AssertQuestionsInOrder(List<string> transcript, string[] questions)
    {
        Assert.True(transcript.Count == 1 + 2 * questions.Length, $"Expected the welcome and {questions.Length} answered questions: {string.Join(" | ", transcript)}");
        Assert.StartsWith("bot: Hello! I am BriefingBot", transcript[0], StringComparison.Ordinal);
        for (var i = 0; i < questions.Length; i++)
        {
            Assert.Equal("user: " + questions[i], transcript[1 + 2 * i]);
            Assert.StartsWith("bot: ", transcript[2 + 2 * i], StringComparison.Ordinal);
        }
    }

    private static List<string> Transcript(JsonElement result, string step) =>
        result.GetProperty(step).EnumerateArray().Select(t => $"{t.GetProperty("from").GetString()}: {t.GetProperty("text").GetString()}").ToList();
}
