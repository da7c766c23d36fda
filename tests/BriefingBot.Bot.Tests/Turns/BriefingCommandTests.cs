using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Bot.Turns;

namespace BriefingBot.Bot.Tests.Turns;

/// <summary>The <c>brief</c> command in a conversation, on the real host.</summary>
public sealed class BriefingCommandTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    private TestBotHost Host => fixture.Host;

    [Theory]
    [InlineData("brief the harbour levy", "the harbour levy")]
    [InlineData("/brief sea wall repairs", "sea wall repairs")]
    [InlineData("Brief me on the talks.", "the talks")]
    [InlineData("brief me about Nato", "Nato")]
    [InlineData("What is a brief?", null)]
    [InlineData("brief", null)]
    public void BriefingTopic_Text_FindsTheTopicOfABriefingRequest(string text, string? topic) =>
        Assert.Equal(topic, TurnCommands.BriefingTopic(text));

    [Fact]
    public async Task Message_BriefInWebChat_RepliesWithAnAdaptiveCardOfCitedKeyPoints()
    {
        await using var connector = await RecordingConnector.StartAsync();

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl,
            TestActivities.Message(connector.ServiceUrl, "brief me on the harbour levy", channelId: Channels.WebChat));

        var reply = (await connector.WaitForMessageAsync()).Single(c => c.Activity.IsType(ActivityTypes.Message)).Activity;
        var card = Assert.Single(reply.Attachments!);
        Assert.Equal(BriefingMessage.AdaptiveCardType, card.ContentType);
        Assert.Equal("AdaptiveCard", card.Content!.Value.GetProperty("type").GetString());
        Assert.Contains("harbour", card.Content.Value.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
        Assert.Contains("Quoted from the sources", card.Content.Value.GetRawText());
        Assert.Null(reply.Entities);
    }

    [Theory]
    [InlineData("generative", true)]
    [InlineData("extractive", false)]
    public void Build_BriefingAModelHelpedWrite_CarriesTheAiLabel_AQuotedOneDoesNot(string mode, bool labelled)
    {
        var briefing = new BriefingBot.Memory.Briefings.Briefing
        {
            Headline = "Harbour levy", Mode = mode, DocumentIds = ["harbour-levy"], KeyPoints = [], Quotes = [], ReportedSpeech = [],
            Entities = [], Timeline = [], Citations = [],
        };

        var reply = BriefingMessage.Build(TestActivities.Message("http://127.0.0.1:1", "brief the levy", channelId: Channels.MsTeams), briefing);

        var card = System.Text.Json.JsonSerializer.Serialize(reply.Attachments![0].Content);
        Assert.Equal(labelled, card.Contains("AI-generated", StringComparison.Ordinal));
        var label = reply.Entities?.SingleOrDefault(e => e.IsType("https://schema.org/Message"))?.Properties?["additionalType"];
        Assert.Equal(labelled ? "[\"AIGeneratedContent\"]" : null, label?.GetRawText());
    }

    [Fact]
    public async Task Message_BriefOnAChannelWithoutCards_RepliesWithMarkdown()
    {
        await using var connector = await RecordingConnector.StartAsync();

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl,
            TestActivities.Message(connector.ServiceUrl, "brief the sea wall repairs", channelId: "slack"));

        var reply = (await connector.WaitForMessageAsync()).Single(c => c.Activity.IsType(ActivityTypes.Message)).Activity;
        Assert.Null(reply.Attachments);
        Assert.Equal("markdown", reply.TextFormat);
        Assert.Contains("[1]", reply.Text);
    }

    [Fact]
    public async Task Message_BriefOnAnUnknownTopic_SaysNothingWasFound()
    {
        await using var connector = await RecordingConnector.StartAsync();

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl,
            TestActivities.Message(connector.ServiceUrl, "brief me on volcanic eruptions in Iceland", channelId: Channels.WebChat));

        var reply = (await connector.WaitForMessageAsync()).Single(c => c.Activity.IsType(ActivityTypes.Message)).Activity;
        Assert.Null(reply.Attachments);
        Assert.Contains("found nothing", reply.Text);
    }
}
