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

    [Theory]
    [InlineData("What did Russia demand at the security talks?", "What about the US?", "What did the US demand at the security talks?")]
    [InlineData("What did Russia demand?", "And Putin?", "What did Putin demand?")]
    [InlineData("What did the harbour authority of Rotterdam announce?", "And Hamburg?", "What did the harbour authority of Hamburg announce?")]
    [InlineData("What did Nato say about the proposals?", "And the United States?", "What did the United States say about the proposals?")]
    [InlineData("Who is Karen Donfried?", "how about Sergei Ryabkov?", "Who is Sergei Ryabkov?")]
    public void Rewrite_EllipticalFollowUpNamingSomething_IsThePreviousQuestionWithItSubstituted(string previous, string followUp, string expected) =>
        Assert.Equal(expected, HeuristicQuestionRewriter.Rewrite(followUp, [Turn(previous)]));

    [Fact]
    public void Rewrite_EllipticalFollowUpWithMoreThanAName_CarriesTheTopicWithoutTheOldName()
    {
        var rewritten = HeuristicQuestionRewriter.Rewrite("And the sanctions on Russia?", [Turn("What did Nato say about the proposals?")]);

        Assert.Equal("And the sanctions on Russia? (about: proposals)", rewritten);
    }

    [Theory]
    [InlineData("Who is Karen Donfried?", "", "What did she say about sanctions?", "What did Karen Donfried say about sanctions?")]
    [InlineData("Who leads the delegation?", "The delegation is led by Deputy Minister Ilse Marquardt [1]", "What did she offer?", "What did Ilse Marquardt offer?")]
    [InlineData("What did Putin say?", "President Vladimir Putin warned of a threat [1]", "Why did he warn them?", "Why did Vladimir Putin warn them?")]
    [InlineData("What did Marta Kowalski and Jan Nowak agree?", "", "What is his role?", "What is Jan Nowak’s role?")]
    [InlineData("Who is Karen Donfried?", "", "What did Putin tell her about the talks?", "What did Putin tell Karen Donfried about the talks?")]
    public void Rewrite_PersonalPronoun_IsThePersonThePreviousTurnNamed(string previous, string answer, string followUp, string expected) =>
        Assert.Equal(expected, HeuristicQuestionRewriter.Rewrite(followUp, [Turn(previous) with { Answer = answer }]));

    [Fact]
    public void Rewrite_PersonalPronounWithoutAPersonBefore_CarriesTheTopic()
    {
        var rewritten = HeuristicQuestionRewriter.Rewrite("What did she say?", [Turn("What did the United States demand?") with { Answer = "The United States demanded talks [1]" }]);

        Assert.Equal("What did she say? (about: united states demand)", rewritten);
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
