using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Teams;
using BriefingBot.Bot.Turns;
using BriefingBot.Memory.Answering;

namespace BriefingBot.Bot.Tests.Turns;

public sealed class TextHandlingTests
{
    [Fact]
    public void RemoveRecipientMentions_BotAndUserMentioned_OnlyTheBotsMentionRemoved()
    {
        var activity = new Activity
        {
            Text = "<at>Briefing Bot</at> what did <at>Ada</at> ask?",
            Recipient = new ChannelAccount { Id = "28:bot" },
            Entities =
            [
                Entity.From(new MentionEntity(new ChannelAccount { Id = "28:bot", Name = "Briefing Bot" }, "<at>Briefing Bot</at>")),
                Entity.From(new MentionEntity(new ChannelAccount { Id = "29:ada", Name = "Ada" }, "<at>Ada</at>")),
            ],
        };

        Assert.Equal("what did <at>Ada</at> ask?", MentionText.RemoveRecipientMentions(activity));
    }

    [Fact]
    public void RemoveRecipientMentions_MentionWithoutText_RemovesTheNameTag()
    {
        var activity = new Activity
        {
            Text = "<at>Bot &amp; Co</at> help",
            Recipient = new ChannelAccount { Id = "28:bot" },
            Entities = [Entity.From(new MentionEntity(new ChannelAccount { Id = "28:bot", Name = "Bot & Co" }, null))],
        };

        Assert.Equal("help", MentionText.RemoveRecipientMentions(activity));
    }

    [Theory]
    [InlineData("help", TurnCommands.Help)]
    [InlineData(" /Help! ", TurnCommands.Help)]
    [InlineData("SOURCES", TurnCommands.Sources)]
    [InlineData("reset.", TurnCommands.Reset)]
    [InlineData("help me understand the levy", null)]
    [InlineData("What are the sources of funding?", null)]
    public void Parse_Text_CommandOrQuestion(string text, string? command) => Assert.Equal(command, TurnCommands.Parse(text));

    [Fact]
    public void Split_AnswerWithMarkers_SentencesKeepTheirMarkers()
    {
        var sentences = AnswerSentences.Split("The levy was approved. [1] Repairs start in May. [2] [3] Fishermen objected!");

        Assert.Equal(["The levy was approved. [1]", "Repairs start in May. [2] [3]", "Fishermen objected!"], sentences);
    }

    [Fact]
    public void Build_MoreThanTwentyCitations_MarkersAndPositionsStayInStep()
    {
        var citations = Enumerable.Range(1, 23).Select(n => Citation(n, new string('t', 100), new string('q', 300))).ToList();
        var text = string.Join(" ", citations.Select(c => $"Sentence {c.N}. [{c.N}]")) + " Unknown source. [40]";

        var (cleaned, sources) = TeamsCitations.Build(text, citations);
        var claims = sources.Select(s => s.Claim).ToList();

        Assert.Equal(Enumerable.Range(1, 20), claims.Select(c => c.Position));
        Assert.DoesNotContain("[21]", cleaned);
        Assert.DoesNotContain("[40]", cleaned);
        Assert.Contains("Sentence 21.", cleaned);
        Assert.All(claims, c => Assert.InRange(c.Appearance.Name.Length, 1, TeamsCitations.MaxNameLength));
        Assert.All(claims, c => Assert.InRange(c.Appearance.Abstract.Length, 1, TeamsCitations.MaxAbstractLength));
    }

    [Fact]
    public void Build_ThreeSentencesOfOneArticle_OneSourceWithTheSentencesQuotedFromIt()
    {
        Citation[] citations =
        [
            Citation(1, "Harbour levy", "The council approved a levy of 2.50 euros.", "levy"),
            Citation(2, "Sea wall", "Repairs start on 1 May.", "wall"),
            Citation(3, "Harbour levy", "Fishermen objected to the 2.50 euros.", "levy"),
            Citation(4, "Harbour levy", "The vote was 7 to 4.", "levy"),
        ];
        var text = "The levy passed. [1] Repairs start in May. [2] Fishermen objected. [3] [4] The vote was close. [4]";

        var (cleaned, sources) = TeamsCitations.Build(text, citations);

        Assert.Equal("The levy passed. [1] Repairs start in May. [2] Fishermen objected. [1] The vote was close. [1]", cleaned);
        Assert.Equal([1, 2], sources.Select(s => s.Position));
        Assert.Equal(["The council approved a levy of 2.50 euros.", "Fishermen objected to the 2.50 euros.", "The vote was 7 to 4."], sources[0].Quotes);
        Assert.Equal(["Repairs start on 1 May."], sources[1].Quotes);
        Assert.Equal("Harbour levy", sources[0].Claim.Appearance.Name);
        Assert.StartsWith("The council approved a levy of 2.50 euros. … Fishermen objected", sources[0].Claim.Appearance.Abstract);
        var passage = BriefingBot.Bot.WebChat.WebChatAnswerMessage.Passage(sources[0]);
        Assert.All(sources[0].Quotes, q => Assert.Contains("> " + q, passage));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(MarkdownAnswerMessage.Render(new BriefingBot.Memory.Answering.Answer
        {
            Question = "q", Text = text, NoResult = false, Citations = citations, Mode = "extractive",
        }), @"\*\*Harbour levy\*\*"));
    }

    private static Citation Citation(int n, string title, string quote, string? document = null) => new()
    {
        N = n, DocumentId = document ?? $"d{n}", Title = title, Chunk = 0, Text = quote, Quote = quote, Start = 0, End = quote.Length, Relevance = 0.5f,
    };
}
