using BriefingBot.Memory.Conversations;

namespace BriefingBot.Memory.Tests.Conversations;

public sealed class HeuristicQuestionRewriterTests
{
    [Theory]
    [InlineData("and what did the US say about it?", true)]
    [InlineData("What about Ukraine?", true)]
    [InlineData("But why?", true)]
    [InlineData("Did they agree?", true)]
    [InlineData("Who said that?", true)]
    [InlineData("Sanctions?", true)]
    [InlineData("What did Russia demand at the security talks?", false)]
    [InlineData("Which sanctions are the United States and the European Union preparing?", false)]
    public void IsFollowUp_Question_IsRecognised(string question, bool expected) =>
        Assert.Equal(expected, HeuristicQuestionRewriter.IsFollowUp(question));

    [Fact]
    public void Rewrite_PronounFollowUp_CarriesTheWholeTopic()
    {
        var rewritten = HeuristicQuestionRewriter.Rewrite("and what did the US say about it?", [Turn("What did Russia demand at the security talks?")]);

        Assert.Equal("and what did the US say about it? (about: russia demand security talks)", rewritten);
    }

    [Fact]
    public void Rewrite_EllipticalFollowUpNamingANewActor_ReplacesTheOldActor()
    {
        var rewritten = HeuristicQuestionRewriter.Rewrite("What about the US?", [Turn("What did Russia demand at the security talks?")]);

        Assert.Equal("What about the US? (about: demand security talks)", rewritten);
    }

    [Fact]
    public void Rewrite_EllipticalFollowUp_CarriesEveryTopicWord()
    {
        var rewritten = HeuristicQuestionRewriter.Rewrite("What about sanctions?", [Turn("What did Russia demand at the security talks?")]);

        Assert.Equal("What about sanctions? (about: russia demand security talks)", rewritten);
    }

    [Fact]
    public void Rewrite_SecondFollowUp_KeepsTheOriginalTopic()
    {
        var first = HeuristicQuestionRewriter.Rewrite("What about sanctions?", [Turn("What did Russia demand at the security talks?")]);
        var second = HeuristicQuestionRewriter.Rewrite("And Swift?", [Turn("What did Russia demand at the security talks?"), Turn(first)]);

        Assert.Contains("sanctions", second);
        Assert.Contains("russia", second);
    }

    [Fact]
    public void Rewrite_StandaloneQuestionOrNoHistory_IsUnchanged()
    {
        const string question = "Which sanctions are the United States and the European Union preparing?";

        Assert.Equal(question, HeuristicQuestionRewriter.Rewrite(question, [Turn("What did Russia demand?")]));
        Assert.Equal("And what about it?", HeuristicQuestionRewriter.Rewrite("And what about it?", []));
    }

    private static ConversationTurn Turn(string standalone) => new()
    {
        ConversationId = "c",
        Number = 1,
        Question = standalone,
        StandaloneQuestion = standalone,
        Answer = "",
        NoResult = false,
        Mode = "extractive",
        Created = DateTimeOffset.UnixEpoch,
    };
}
