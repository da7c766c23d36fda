using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BriefingBot.WebChat.Tests.Support;

namespace BriefingBot.WebChat.Tests;

/// <summary>
/// Whole conversations on the product's page (<c>/</c>) in real Web Chat (headless Chromium): the transcript as the
/// DOM shows it must read question, its answer, next question, its answer — each answer one message.
/// </summary>
public sealed partial class WebChatConversationTests(SharedBotHost shared)
{
    private static readonly string[] TenQuestions =
    [
        "What did Russia demand?",
        "What did Putin say?",
        "Who is Karen Donfried?",
        "How many Russian soldiers are near the Ukrainian border?",
        "When will the talks with Moscow start?",
        "What sanctions are being prepared?",
        "Was cutting Russia off from Swift ruled out?",
        "What did Nato say about the Russian proposals?",
        "Which other talks run in parallel?",
        "What should we watch next?",
    ];

    private BotHost Host => shared.Host;

    [Fact]
    public async Task TenQuestionsInARow_EachAnswerIsOneMessageDirectlyBelowItsQuestion()
    {
        Assert.SkipWhen(TestClients.BrowserMissing is not null, TestClients.BrowserMissing ?? "");
        var screenshot = Path.Combine(TestClients.Artifacts, "conversation-ten-turns.png");
        var result = await ConverseAsync(TenQuestions, rapid: false, screenshot);

        AssertTranscriptReadsInOrder(result, TenQuestions);
        Assert.True(File.Exists(screenshot));

        // One source per document: no answer lists a document twice, though several quote more than one sentence of it.
        var listed = result.GetProperty("transcript").EnumerateArray()
            .Select(t => t.GetProperty("sources").EnumerateArray().Select(s => s.GetString()).ToList()).Where(s => s.Count > 0).ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, sources => Assert.Equal(sources.Distinct().Count(), sources.Count));
        var quotedSentences = result.GetProperty("replies").EnumerateArray()
            .Select(r => MarkdownMarker().Matches(r.GetProperty("answers")[0].GetString()!.Split("\n\n[1]:")[0]).Count).ToList();
        Assert.Contains(quotedSentences, n => n > 1);
    }

    [Fact]
    public async Task QuestionsTypedWhileAnAnswerIsStreaming_AreAnsweredAfterIt_InOrder()
    {
        Assert.SkipWhen(TestClients.BrowserMissing is not null, TestClients.BrowserMissing ?? "");
        string[] questions = [TenQuestions[0], TenQuestions[2], TenQuestions[5]];
        var result = await ConverseAsync(questions, rapid: true, Path.Combine(TestClients.Artifacts, "conversation-rapid.png"));

        var transcript = Transcript(result);
        Assert.Equal(1 + 2 * questions.Length, transcript.Count);
        var answerPositions = new List<int>();
        for (var i = 0; i < questions.Length; i++)
        {
            var asked = transcript.FindIndex(t => t.From == "user" && t.Text == questions[i]);
            var answered = transcript.FindIndex(t => t.From == "bot" && t.Text.StartsWith(Opening(result, questions[i]), StringComparison.Ordinal));
            Assert.True(asked > 0, $"Question {i + 1} is not in the transcript: {Show(transcript)}");
            Assert.True(answered > asked, $"The answer to question {i + 1} is not below it: {Show(transcript)}");
            answerPositions.Add(answered);
        }

        Assert.Equal(answerPositions.Order(), answerPositions);
    }

    [Fact]
    public async Task FollowUpsInWebChat_AnsweredAsTheQuestionsTheyStandFor_ResetStartsOver()
    {
        Assert.SkipWhen(TestClients.BrowserMissing is not null, TestClients.BrowserMissing ?? "");
        string[] questions =
        [
            "Who is Karen Donfried?", "What did she say about sanctions?", "What did Russia demand?", "And Putin?", "reset", "What did she say about Nato?",
        ];
        var result = await ConverseAsync(questions, rapid: false, Path.Combine(TestClients.Artifacts, "conversation-follow-ups.png"));

        AssertTranscriptReadsInOrder(result, questions);
        Assert.Equal(await AnswerOnItsOwnAsync("What did Karen Donfried say about sanctions?"), Quoted(result, "What did she say about sanctions?"));
        Assert.Equal(await AnswerOnItsOwnAsync("What did Putin demand?"), Quoted(result, "And Putin?"));
        Assert.Contains("Putin", Quoted(result, "And Putin?"));
        Assert.NotEqual(await AnswerOnItsOwnAsync("What did she say about sanctions?"), Quoted(result, "What did she say about sanctions?"));
        Assert.NotEqual(await AnswerOnItsOwnAsync("And Putin?"), Quoted(result, "And Putin?"));

        // After reset the conversation holds only what came after it, taken as asked: "she" names no one any more.
        var turns = await Host.StoredTurnsAsync(result.GetProperty("conversationId").GetString()!);
        Assert.Equal([("What did she say about Nato?", "What did she say about Nato?")], turns);
    }

    /// <summary>The answer's text without markers or markup, as <c>/api/ask</c> gives it outside any conversation.</summary>
    private async Task<string> AnswerOnItsOwnAsync(string question)
    {
        using var response = await Host.Http.PostAsJsonAsync("/api/ask", new { question }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return PlainAnswer(body.GetProperty("answer").GetString()!);
    }

    /// <summary>The final answer Direct Line delivered to Web Chat for <paramref name="question"/>, as plain text.</summary>
    private static string Quoted(JsonElement result, string question) =>
        PlainAnswer(result.GetProperty("replies").EnumerateArray().Single(r => r.GetProperty("question").GetString() == question).GetProperty("answers")[0].GetString()!);

    private static string PlainAnswer(string markdown) =>
        Plain(MarkdownMarker().Replace(markdown.Split("\n\n[1]:")[0].Replace("**", "", StringComparison.Ordinal), " "));

    [Fact]
    public async Task ThumbsDownOnTheSecondOfThreeAnswers_IsStoredForThatAnswer()
    {
        Assert.SkipWhen(TestClients.BrowserMissing is not null, TestClients.BrowserMissing ?? "");
        string[] questions = [TenQuestions[3], TenQuestions[4], TenQuestions[6]];
        var result = await ConverseAsync(questions, rapid: false, Path.Combine(TestClients.Artifacts, "conversation-feedback.png"), feedbackOn: 2);

        AssertTranscriptReadsInOrder(result, questions);
        Assert.Equal(1, result.GetProperty("feedbackPressed").GetInt32());
        var second = result.GetProperty("replies").EnumerateArray().Single(r => r.GetProperty("question").GetString() == questions[1]);
        var rows = await FeedbackRowsAsync(result.GetProperty("conversationId").GetString()!);
        var row = Assert.Single(rows);
        Assert.Equal(second.GetProperty("answerIds")[0].GetString(), row.MessageId);
        Assert.Equal("dislike", row.Reaction);
        Assert.Equal(questions[1], row.Question);
        Assert.Equal(PlainAnswer(second.GetProperty("answers")[0].GetString()!), PlainAnswer(row.Answer ?? ""));
    }

    /// <summary>The feedback stored for the conversation (table <c>bot_feedback</c> in the memory file), once some arrived.</summary>
    private async Task<List<(string MessageId, string Reaction, string? Question, string? Answer)>> FeedbackRowsAsync(string conversationId)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var rows = new List<(string, string, string?, string?)>();
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Host.DataFolder, "memory.db")};Mode=ReadOnly;Pooling=false"))
            {
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT message_id, reaction, question, answer FROM bot_feedback WHERE conversation_key LIKE $c";
                command.Parameters.AddWithValue("$c", "%" + conversationId);
                await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
                while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
                }
            }

            if (rows.Count > 0 || DateTime.UtcNow > until)
            {
                return rows;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private async Task<JsonElement> ConverseAsync(string[] questions, bool rapid, string screenshot, int feedbackOn = 0)
    {
        var (exit, output, errors) = await TestClients.RunNodeAsync(
            "webchat-conversation.js", [],
            new Dictionary<string, string>
            {
                ["PAGE_URL"] = Host.BaseUrl + "/",
                ["QUESTIONS"] = JsonSerializer.Serialize(questions),
                ["RAPID"] = rapid ? "1" : "0",
                ["SCREENSHOT"] = screenshot,
                ["FEEDBACK_ON"] = feedbackOn.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CHROMIUM"] = TestClients.Chromium,
            },
            TimeSpan.FromSeconds(240));
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        Assert.True(line is not null, $"The browser script printed no result (exit {exit}): {output}\n{errors}");
        var result = JsonDocument.Parse(line!).RootElement;
        Assert.True(exit == 0 && result.GetProperty("ok").GetBoolean(), $"The browser run failed: {line}\n{errors}");
        Assert.Empty(result.GetProperty("external").EnumerateArray());
        Assert.Empty(result.GetProperty("consoleErrors").EnumerateArray());
        Assert.Equal(0, result.GetProperty("sendFailed").GetInt32());

        // Direct Line delivered exactly one final message per question.
        foreach (var question in questions)
        {
            var reply = result.GetProperty("replies").EnumerateArray().Single(r => r.GetProperty("question").GetString() == question);
            Assert.Single(reply.GetProperty("answers").EnumerateArray());
        }

        return result;
    }

    /// <summary>Welcome, then each question with exactly one bot message under it: the final answer to that question.</summary>
    internal static void AssertTranscriptReadsInOrder(JsonElement result, IReadOnlyList<string> questions)
    {
        var transcript = Transcript(result);
        Assert.True(transcript.Count == 1 + 2 * questions.Count, $"Expected the welcome and {questions.Count} questions with one answer each: {Show(transcript)}");
        Assert.Equal("bot", transcript[0].From);
        for (var i = 0; i < questions.Count; i++)
        {
            var (asker, asked) = transcript[1 + 2 * i];
            var (answerer, answer) = transcript[2 + 2 * i];
            Assert.True(asker == "user" && asked == questions[i], $"Turn {i + 1}: expected the question “{questions[i]}”, found {asker}: “{asked}”. {Show(transcript)}");
            Assert.Equal("bot", answerer);
            var opening = Opening(result, questions[i]);
            Assert.True(answer.StartsWith(opening, StringComparison.Ordinal),
                $"Turn {i + 1}: the message under “{questions[i]}” is not its answer (expected it to start with “{opening}”): “{answer}”");
        }
    }

    /// <summary>The transcript top to bottom, citation markers (<c>\u200b1\u200b</c>) removed, white space collapsed.</summary>
    private static List<(string From, string Text)> Transcript(JsonElement result) =>
        result.GetProperty("transcript").EnumerateArray()
            .Select(t => (t.GetProperty("from").GetString()!, Plain(RenderedMarker().Replace(t.GetProperty("text").GetString()!, ""))))
            .ToList();

    /// <summary>The first words of the final answer Direct Line delivered for <paramref name="question"/>, as plain text.</summary>
    private static string Opening(JsonElement result, string question)
    {
        var reply = result.GetProperty("replies").EnumerateArray().Single(r => r.GetProperty("question").GetString() == question);
        var markdown = reply.GetProperty("answers")[0].GetString()!;
        var plain = Plain(MarkdownMarker().Replace(markdown.Split("\n\n[1]:")[0].Replace("**", "", StringComparison.Ordinal), ""));
        return plain[..Math.Min(40, plain.Length)];
    }

    private static string Plain(string text) => Whitespace().Replace(text, " ").Trim();

    private static string Show(List<(string From, string Text)> transcript) =>
        string.Join(" | ", transcript.Select(t => $"{t.From}: {t.Text[..Math.Min(50, t.Text.Length)]}"));

    [GeneratedRegex(@"\u200b\d+\u200b")]
    private static partial Regex RenderedMarker();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex MarkdownMarker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
