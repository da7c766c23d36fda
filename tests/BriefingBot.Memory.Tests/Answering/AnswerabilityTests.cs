using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Answering;

/// <summary>
/// Answers that know what they don't know: the question's focus read by <see cref="QuestionAnalysis"/>, checked against
/// the real store's index and the quoted sentences, on the repository's sample and on articles written here.
/// </summary>
public sealed class AnswerabilityTests
{
    private const string HarbourArticle =
        """
        Port of Lindqvist reopens after storm repairs

        The harbour authority of Lindqvist said the north quay would reopen to cargo ships once the repairs are inspected.
        Engineers replaced the damaged crane rails and rebuilt a section of the breakwater.
        Mayor Ingrid Halvorsen said the town council had paid for the work from its reserve fund.
        Fishing boats have been using the south quay while the north quay was closed.
        """;

    private const string BudgetArticle =
        """
        Council approves school budget

        The Dunmore council approved the school budget on 14 March 2024 after a long debate.
        The budget adds 40 teaching posts and pays for new laboratories at two schools.
        Councillor Priya Raman said the plan would cut class sizes across the district.
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("What did Japan say about the talks?", "Japan")]
    [InlineData("What did Turkey demand?", "Turkey")]
    [InlineData("When will the talks in Geneva start?", "Geneva")]
    public async Task Ask_SampleQuestionAboutANamedThingTheMemoryNeverMentions_IsNotFoundNamingIt(string question, string missing)
    {
        using var test = await SampleMemoryAsync();
        Assert.DoesNotContain(missing, await AllTextAsync(test), StringComparison.OrdinalIgnoreCase);

        var answer = await test.Memory.AskAsync(question, cancellationToken: Ct);

        Assert.True(answer.NoResult, answer.Text);
        Assert.Empty(answer.Citations);
        Assert.Equal($"The briefings I have don't mention {missing}.", answer.Text);
        Assert.Equal([missing], answer.Missing);
    }

    [Theory]
    [InlineData("What did Russia demand?", "permanent bar")]
    [InlineData("What did Putin say?", "Putin")]
    [InlineData("Who is Karen Donfried?", "Karen Donfried")]
    [InlineData("When will the talks start?", "January")]
    [InlineData("How many Russian soldiers are near the border?", "100,000")]
    public async Task Ask_SampleQuestionTheMemoryAnswers_LeadsWithTheSentenceThatHoldsIt(string question, string inFirstQuote)
    {
        using var test = await SampleMemoryAsync();

        var answer = await test.Memory.AskAsync(question, cancellationToken: Ct);

        Assert.False(answer.NoResult, answer.Text);
        Assert.Empty(answer.Missing);
        Assert.Contains(inFirstQuote, answer.Citations[0].Quote);
    }

    [Fact]
    public async Task Ask_WhatDidXDemand_QuotesTheSentencesWhereXIsTheOneAskingEachOnce()
    {
        using var test = await SampleMemoryAsync();

        var answer = await test.Memory.AskAsync("What did Russia demand?", cancellationToken: Ct);

        Assert.Contains(answer.Citations, c => c.Quote.Contains("scale back", StringComparison.Ordinal));
        Assert.Contains(answer.Citations, c => c.Quote.Contains("permanent bar", StringComparison.Ordinal));
        Assert.Equal(answer.Citations.Count, answer.Citations.Select(c => c.Quote).Distinct().Count());
        Assert.DoesNotContain(answer.Citations, c => c.Quote.StartsWith("- ", StringComparison.Ordinal) || c.Quote.StartsWith('#'));
    }

    [Fact]
    public async Task Ask_PartyTheArticlesNeverName_IsNotFoundWithTheNameInMissing()
    {
        using var test = await ArticlesMemoryAsync();

        var answer = await test.Memory.AskAsync("What did Norway say about the harbour repairs?", cancellationToken: Ct);

        Assert.True(answer.NoResult);
        Assert.Equal(["Norway"], answer.Missing);
        Assert.Contains("Norway", answer.Text);
    }

    [Fact]
    public async Task Ask_WhenTheArticleGivesNoDate_IsNotFoundSayingTheDateIsMissing()
    {
        using var test = await ArticlesMemoryAsync();

        var answer = await test.Memory.AskAsync("When will the north quay of Lindqvist reopen to cargo ships?", cancellationToken: Ct);

        Assert.True(answer.NoResult, answer.Text);
        Assert.Empty(answer.Citations);
        Assert.Equal([Answerability.Describe(AnswerType.When)], answer.Missing);
    }

    [Fact]
    public async Task Ask_WhenTheArticleGivesTheDate_QuotesTheSentenceWithIt()
    {
        using var test = await ArticlesMemoryAsync();

        var answer = await test.Memory.AskAsync("When did the Dunmore council approve the school budget?", cancellationToken: Ct);

        Assert.False(answer.NoResult, answer.Text);
        Assert.Contains("14 March 2024", answer.Citations[0].Quote);
    }

    [Fact]
    public async Task Ask_HowManyWhenTheArticleGivesNoNumber_IsNotFoundSayingTheNumberIsMissing()
    {
        using var test = await ArticlesMemoryAsync();

        var answer = await test.Memory.AskAsync("How many cargo ships use the north quay in Lindqvist?", cancellationToken: Ct);

        Assert.True(answer.NoResult, answer.Text);
        Assert.Equal([Answerability.Describe(AnswerType.Quantity)], answer.Missing);
    }

    [Fact]
    public async Task Ask_HowManyWhenTheArticleGivesTheNumber_QuotesIt()
    {
        using var test = await ArticlesMemoryAsync();

        var answer = await test.Memory.AskAsync("How many teaching posts does the Dunmore school budget add?", cancellationToken: Ct);

        Assert.False(answer.NoResult, answer.Text);
        Assert.Contains("40 teaching posts", answer.Citations[0].Quote);
    }

    [Fact]
    public async Task Ask_PartlyAnswerable_AnswersTheCoveredPartAndListsTheOther()
    {
        using var test = await ArticlesMemoryAsync();

        var answer = await test.Memory.AskAsync("What did Ingrid Halvorsen and Sweden say about paying for the Lindqvist repairs?", cancellationToken: Ct);

        Assert.False(answer.NoResult, answer.Text);
        Assert.Contains(answer.Citations, c => c.Quote.Contains("reserve fund", StringComparison.Ordinal));
        Assert.Equal(["Sweden"], answer.Missing);
    }

    [Fact]
    public async Task Ask_YesNoQuestion_IsAnsweredFromTheSentenceThatSettlesIt()
    {
        using var test = await ArticlesMemoryAsync();

        var answer = await test.Memory.AskAsync("Did the Dunmore council approve the school budget?", cancellationToken: Ct);

        Assert.False(answer.NoResult, answer.Text);
        Assert.Contains("approved the school budget", answer.Citations[0].Quote);
    }

    [Fact]
    public async Task Ask_YesNoQuestionAboutAnAbsentParty_IsNotFound()
    {
        using var test = await ArticlesMemoryAsync();

        var answer = await test.Memory.AskAsync("Did Denmark pay for the harbour repairs?", cancellationToken: Ct);

        Assert.True(answer.NoResult, answer.Text);
        Assert.Equal(["Denmark"], answer.Missing);
    }

    [Theory]
    [InlineData("What did Russia demand?", AnswerType.Statement, "Russia")]
    [InlineData("When will the talks start?", AnswerType.When, null)]
    [InlineData("How many troops are near the border?", AnswerType.Quantity, null)]
    [InlineData("Who is Karen Donfried?", AnswerType.Definition, null)]
    [InlineData("Why did Nato reject the proposals?", AnswerType.Why, null)]
    [InlineData("Where will the talks take place?", AnswerType.Where, null)]
    [InlineData("Is the US ready to discuss the proposals?", AnswerType.YesNo, null)]
    [InlineData("Who leads the American delegation?", AnswerType.Who, null)]
    public void Analyze_ReadsTheAnswerTypeAndTheSpeaker(string question, AnswerType type, string? speaker)
    {
        var focus = QuestionAnalysis.Analyze(question);

        Assert.Equal(type, focus.Type);
        Assert.Equal(speaker, focus.Speaker);
    }

    [Fact]
    public void Analyze_ReadsNamesNumbersAndCalendarWords()
    {
        var focus = QuestionAnalysis.Analyze("Did President Vladimir Putin and Nato meet 3 times in December 2021?");

        Assert.Equal(["Vladimir Putin", "Nato"], focus.Entities);
        Assert.Equal(["3", "2021"], focus.Numbers);
        Assert.Equal(["December"], focus.CalendarWords);
        Assert.Equal(AnswerType.YesNo, focus.Type);
    }

    [Theory]
    [InlineData("Washington said the talks would go ahead.", "United States")]
    [InlineData("The Kremlin rejected the claim.", "Russia")]
    [InlineData("NATO members met on Tuesday.", "Nato")]
    [InlineData("British officials were consulted.", "UK")]
    [InlineData("Japanese diplomats were present.", "Japan")]
    [InlineData("Donfried told reporters.", "Karen Donfried")]
    public void Mentions_AnAliasOrAdjectiveOfTheName_Counts(string text, string name) =>
        Assert.True(FocusTerms.Mentions(text, name));

    [Theory]
    [InlineData("Let us know what you think.", "US")]
    [InlineData("Russia said so.", "Japan")]
    public void Mentions_AnotherWord_DoesNotCount(string text, string name) =>
        Assert.False(FocusTerms.Mentions(text, name));

    private static async Task<TestMemory> SampleMemoryAsync()
    {
        var test = await TestMemory.CreateAsync();
        foreach (var file in Directory.EnumerateFiles(RepositoryFiles.Samples))
        {
            var result = await test.Memory.IngestAsync(await IngestRequest.FromFileAsync(file, cancellationToken: Ct), Ct);
            Assert.NotEqual(IngestOutcome.Failed, result.Outcome);
        }

        return test;
    }

    private static async Task<TestMemory> ArticlesMemoryAsync()
    {
        var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(IngestRequest.FromText(HarbourArticle, "harbour", "Port of Lindqvist reopens after storm repairs"), Ct);
        await test.Memory.IngestAsync(IngestRequest.FromText(BudgetArticle, "budget", "Council approves school budget"), Ct);
        return test;
    }

    private static async Task<string> AllTextAsync(TestMemory test)
    {
        var texts = new List<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryFiles.Samples))
        {
            texts.Add(await File.ReadAllTextAsync(file, Ct));
        }

        return string.Join("\n", texts);
    }
}
