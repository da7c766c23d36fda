using System.Net;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Bot.Turns;

namespace BriefingBot.Bot.Tests.Turns;

/// <summary>Answers in Teams and elsewhere, streamed answers in personal chats, and the feedback invoke, on the real host.</summary>
public sealed class TeamsAnswerTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    private TestBotHost Host => fixture.Host;

    [Fact]
    public async Task Post_GroupChatQuestionMentioningTheBot_TypingThenCitedAnswerWithTeamsMessageEntity()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var activity = TestActivities.Mentioning(connector.ServiceUrl, "Why was the harbour levy approved?");

        var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, activity);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var calls = await connector.WaitForMessageAsync();
        Assert.Equal(ActivityTypes.Typing, calls[0].Activity.Type);
        var answerCall = calls.Single(c => c.Activity.IsType(ActivityTypes.Message));
        var expectedPath = $"/v3/conversations/{Uri.EscapeDataString(activity.Conversation!.Id!)}/activities/{Uri.EscapeDataString(activity.Id!)}";
        Assert.All(calls, c => Assert.Equal(expectedPath, c.RawTarget));
        Assert.All(calls, c => Assert.Null(c.Authorization));
        var answer = answerCall.Activity;
        Assert.Equal(activity.Id, answer.ReplyToId);
        Assert.Equal(TestActivities.BotId, answer.From!.Id);
        Assert.Equal(activity.From!.Id, answer.Recipient!.Id);
        Assert.Null(answer.Id);
        Assert.DoesNotContain("<at>", answer.Text);
        var citations = AnswerAssertions.AssertTeamsAiMessage(answer);
        Assert.Contains(citations.EnumerateArray(), c => c.GetProperty("appearance").TryGetProperty("url", out var url) && url.GetString() == "https://news.example.org/harbour-levy");
        Assert.NotEmpty(answer.SuggestedActions!.Actions);
        Assert.InRange(answer.SuggestedActions.Actions.Count, 1, 3);
        Assert.All(answer.SuggestedActions.Actions, a => Assert.Equal("imBack", a.Type));
    }

    [Fact]
    public async Task Post_MentionedHelpInGroupChat_HelpListsEveryCommand()
    {
        await using var connector = await RecordingConnector.StartAsync();

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, TestActivities.Mentioning(connector.ServiceUrl, "help"));

        var reply = (await connector.WaitForMessageAsync()).Single(c => c.Activity.IsType(ActivityTypes.Message)).Activity;
        Assert.Contains("**sources**", reply.Text);
        Assert.Contains("**reset**", reply.Text);
        Assert.Contains("**brief**", reply.Text);
        Assert.Null(reply.Entities);
    }

    [Fact]
    public async Task Post_PersonalChatQuestion_StreamsInformativeUpdateThenFinalMessage()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var activity = TestActivities.Message(connector.ServiceUrl, "Why was the harbour levy approved?", conversationType: "personal", conversationId: "a:1" + Guid.NewGuid().ToString("N"));

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, activity);

        var calls = await connector.WaitForMessageAsync();
        var streamCalls = calls.Where(c => c.Activity.Entities?.Any(e => e.IsType("streaminfo")) == true).ToList();
        var informative = streamCalls[0].Activity;
        Assert.Equal(ActivityTypes.Typing, informative.Type);
        Assert.False(string.IsNullOrWhiteSpace(informative.Text));
        var info = Assert.Single(informative.Entities!).Properties!;
        Assert.Equal("informative", info["streamType"].GetString());
        Assert.Equal(1, info["streamSequence"].GetInt32());
        var streamId = streamCalls[0].AssignedId;
        var final = streamCalls[^1].Activity;
        Assert.Equal(ActivityTypes.Message, final.Type);
        var finalInfo = final.Entities!.Single(e => e.IsType("streaminfo")).Properties!;
        Assert.Equal("final", finalInfo["streamType"].GetString());
        Assert.Equal(streamId, finalInfo["streamId"].GetString());
        Assert.False(finalInfo.ContainsKey("streamSequence"));
        AnswerAssertions.AssertTeamsAiMessage(final);
        var sequences = streamCalls.Skip(1).SkipLast(1).Select(c => c.Activity.Entities!.Single().Properties!["streamSequence"].GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(2, sequences.Count), sequences);
    }

    [Fact]
    public async Task Post_PersonalChatWhereStreamingIsRefused_FallsBackAndStopsTrying()
    {
        await using var connector = await RecordingConnector.StartAsync();
        connector.RefuseStreaming = true;
        var conversation = "a:" + Guid.NewGuid().ToString("N");

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, TestActivities.Message(connector.ServiceUrl, "Why was the harbour levy approved?", conversationType: "personal", conversationId: conversation));
        await connector.WaitForMessageAsync();
        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, TestActivities.Message(connector.ServiceUrl, "When will the repairs start?", conversationType: "personal", conversationId: conversation));
        var calls = await connector.WaitForMessageAsync(2);

        Assert.Equal([201, 405, 201, 201, 201], calls.Select(c => c.Status));
        var answers = calls.Where(c => c.Activity.IsType(ActivityTypes.Message)).Select(c => c.Activity).ToList();
        Assert.All(answers, a => Assert.DoesNotContain(a.Entities!, e => e.IsType("streaminfo")));
        AnswerAssertions.AssertTeamsAiMessage(answers[0]);
    }

    [Fact]
    public async Task Post_WebChatQuestion_MarkdownWithReferenceLinksAndNoTeamsEntity()
    {
        await using var connector = await RecordingConnector.StartAsync();

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, TestActivities.Message(connector.ServiceUrl, "Why was the harbour levy approved?", channelId: Channels.WebChat, conversationType: "personal"));

        var calls = await connector.WaitForMessageAsync();
        Assert.DoesNotContain(calls, c => c.Activity.Entities?.Any(e => e.IsType("streaminfo")) == true);
        var answer = calls.Single(c => c.Activity.IsType(ActivityTypes.Message)).Activity;
        Assert.Equal("markdown", answer.TextFormat);
        Assert.Null(answer.Entities);
        Assert.Contains("**Sources**", answer.Text);
        Assert.Matches(@"\n\[\d+\]: https://news\.example\.org/harbour-levy ""[^""]+""", answer.Text);
        Assert.Matches(@"\[\d+\]", answer.Text![..answer.Text!.IndexOf("**Sources**", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task Invoke_FeedbackOnAnAnswer_200EmptyBodyAndStoredWithTheAnswer()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var question = TestActivities.Message(connector.ServiceUrl, "Why was the harbour levy approved?");
        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, question);
        var answerCall = (await connector.WaitForMessageAsync()).Single(c => c.Activity.IsType(ActivityTypes.Message));
        var invoke = TestActivities.Message(connector.ServiceUrl, "", conversationId: question.Conversation!.Id);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "message/submitAction";
        invoke.Text = null;
        invoke.ReplyToId = answerCall.AssignedId;
        invoke.Value = System.Text.Json.JsonSerializer.SerializeToElement(new
        {
            actionName = "feedback",
            actionValue = new { reaction = "dislike", feedback = "{\"feedbackText\":\"Needs the amount per boat\"}" },
        });

        var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var row = await FeedbackStore.WaitForRowAsync(Host.DataFolder, answerCall.AssignedId!);
        Assert.Equal("dislike", row["reaction"]);
        Assert.Equal("Needs the amount per boat", row["comment"]);
        Assert.Equal("Why was the harbour levy approved?", row["question"]);
        Assert.Equal(answerCall.Activity.Text!.Split('[')[0], row["answer"]!.Split('[')[0]);
        Assert.Contains("harbour-levy", row["citations"]);
        Assert.Equal("29:user-1", row["user_id"]);
    }

    [Fact]
    public async Task Invoke_FeedbackWithoutReaction_400WithReason()
    {
        var invoke = TestActivities.Message("http://127.0.0.1:9/", "");
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = BriefingTurnHandler.FeedbackInvoke;
        invoke.ReplyToId = "act-1";
        invoke.Value = System.Text.Json.JsonSerializer.SerializeToElement(new { actionName = "feedback", actionValue = new { } });

        var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, invoke);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reaction", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
