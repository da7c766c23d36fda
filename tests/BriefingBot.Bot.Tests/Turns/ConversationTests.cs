using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Bot.Turns;
using BriefingBot.Memory.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Turns;

/// <summary>Welcome, commands and conversation state, on the real host.</summary>
public sealed class ConversationTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    private TestBotHost Host => fixture.Host;

    [Fact]
    public async Task ConversationUpdate_UserAdded_WelcomeWithSuggestedPrompts()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var update = TestActivities.Message(connector.ServiceUrl, "", channelId: Channels.Emulator, conversationType: "personal");
        update.Type = ActivityTypes.ConversationUpdate;
        update.Text = null;
        update.MembersAdded = [new ChannelAccount { Id = update.From!.Id }, new ChannelAccount { Id = TestActivities.BotId }];

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, update);

        var welcome = (await connector.WaitForMessageAsync()).Single().Activity;
        Assert.Contains("2 briefing documents", welcome.Text);
        var prompts = welcome.SuggestedActions!.Actions.Select(a => a.Value!.Value.GetString()).ToList();
        Assert.Contains(TurnCommands.Help, prompts);
        Assert.Contains(prompts, p => p!.Contains("harbour levy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ConversationUpdate_OnlyTheBotAdded_NoWelcome()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var update = TestActivities.Message(connector.ServiceUrl, "");
        update.Type = ActivityTypes.ConversationUpdate;
        update.Text = null;
        update.MembersAdded = [new ChannelAccount { Id = TestActivities.BotId }];
        var install = TestActivities.Message(connector.ServiceUrl, "", conversationId: update.Conversation!.Id);
        install.Type = ActivityTypes.InstallationUpdate;
        install.Text = null;
        install.Action = "add";

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, update);
        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, install);

        var calls = await connector.WaitForMessageAsync();
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Single(connector.Calls);
        Assert.Equal(install.Id, calls[0].Activity.ReplyToId);
    }

    [Fact]
    public async Task ConversationUpdate_MemberJoinsATeamsChannel_NoWelcome()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var update = TestActivities.Message(connector.ServiceUrl, "", conversationType: "channel");
        update.Type = ActivityTypes.ConversationUpdate;
        update.Text = null;
        update.MembersAdded = [new ChannelAccount { Id = "29:new-member" }];
        var next = TestActivities.Message(connector.ServiceUrl, "help", conversationType: "channel", conversationId: update.Conversation!.Id);

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, update);
        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, next);

        await connector.WaitForMessageAsync();
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(next.Id, Assert.Single(connector.Calls).Activity.ReplyToId);
    }

    [Fact]
    public async Task Message_Sources_ListsEveryDocumentWithCounts()
    {
        await using var connector = await RecordingConnector.StartAsync();

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, TestActivities.Message(connector.ServiceUrl, "Sources"));

        var reply = (await connector.WaitForMessageAsync()).Single().Activity;
        Assert.StartsWith("I hold 2 documents", reply.Text);
        Assert.Contains("Council approves harbour levy to repair the sea wall", reply.Text);
        Assert.Contains("https://news.example.org/harbour-levy", reply.Text);
    }

    [Fact]
    public async Task Message_Reset_ForgetsTheConversationOnly()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var state = Host.Services.GetRequiredService<ConversationService>();
        var first = TestActivities.Message(connector.ServiceUrl, "Why was the harbour levy approved?");
        var other = TestActivities.Message(connector.ServiceUrl, "When will the sea wall repairs start?");
        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, first);
        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, other);
        await connector.WaitForMessageAsync(2);
        var key = BriefingTurnHandler.ConversationKey(first);
        await EventuallyAsync(async () => (await state.HistoryAsync(key)).Count == 1 && (await state.HistoryAsync(BriefingTurnHandler.ConversationKey(other))).Count == 1);

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, TestActivities.Message(connector.ServiceUrl, "reset", conversationId: first.Conversation!.Id));
        await connector.WaitForMessageAsync(3);

        Assert.Empty(await state.HistoryAsync(key, TestContext.Current.CancellationToken));
        Assert.Single(await state.HistoryAsync(BriefingTurnHandler.ConversationKey(other), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Message_QuestionsInOneConversation_AnsweredInOrderAndRemembered()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var conversation = "a:" + Guid.NewGuid().ToString("N");
        var questions = new[] { "Why was the harbour levy approved?", "When will the repairs start?", "What did the fishermen ask for?" };
        var ids = new List<string>();
        foreach (var question in questions)
        {
            var activity = TestActivities.Message(connector.ServiceUrl, question, channelId: Channels.WebChat, conversationId: conversation);
            ids.Add(activity.Id!);
            await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, activity);
        }

        var calls = await connector.WaitForMessageAsync(3);

        Assert.Equal(ids, calls.Where(c => c.Activity.IsType(ActivityTypes.Message)).Select(c => c.Activity.ReplyToId));
        var state = Host.Services.GetRequiredService<ConversationService>();
        await EventuallyAsync(async () => (await state.HistoryAsync($"{Channels.WebChat}:{conversation}")).Count == questions.Length);
        Assert.Equal(questions, (await state.HistoryAsync($"{Channels.WebChat}:{conversation}", TestContext.Current.CancellationToken)).Select(h => h.Question));
    }

    /// <summary>The turns are stored as the reply is prepared; waits for them (10 s at most).</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(await condition());
    }
}
