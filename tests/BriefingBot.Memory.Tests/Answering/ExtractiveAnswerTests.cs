using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Answering;

/// <summary>Extractive answers over the repository's own sample briefing.</summary>
public sealed class ExtractiveAnswerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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

    [Theory]
    [InlineData("What did Russia demand?")]
    [InlineData("Who is Karen Donfried?")]
    [InlineData("What sanctions are being prepared?")]
    [InlineData("How many troops are near the border?")]
    public async Task Ask_AnsweredQuestion_EveryMarkerHasACitationWhoseQuoteIsTheExactDocumentText(string question)
    {
        using var test = await SampleMemoryAsync();

        var answer = await test.Memory.AskAsync(question, cancellationToken: Ct);

        Assert.False(answer.NoResult, answer.Text);
        Assert.NotEmpty(answer.Citations);
        var markers = System.Text.RegularExpressions.Regex.Matches(answer.Text, @"\[(\d+)\]").Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
        Assert.Equal(markers.Order(), answer.Citations.Select(c => c.N).Order());
        foreach (var citation in answer.Citations)
        {
            var text = await test.Memory.Store.GetDocumentTextAsync(citation.DocumentId, Ct);
            Assert.NotNull(text);
            Assert.Equal(citation.Quote, text[citation.Start..citation.End]);
            Assert.Contains(citation.Quote, answer.Text);
            Assert.Contains(citation.Quote, citation.Text);
            Assert.False(string.IsNullOrEmpty(citation.Title));
        }
    }

    [Theory]
    [InlineData("What is the boiling point of mercury?")]
    [InlineData("Who won the football world cup final?")]
    [InlineData("How do I reset my router password?")]
    public async Task Ask_QuestionTheMemoryCannotAnswer_SaysSoWithoutCitations(string question)
    {
        using var test = await SampleMemoryAsync();

        var answer = await test.Memory.AskAsync(question, cancellationToken: Ct);

        Assert.True(answer.NoResult, answer.Text);
        Assert.Empty(answer.Citations);
        Assert.DoesNotContain("[1]", answer.Text);
    }

    [Fact]
    public async Task Ask_EmptyMemory_AbstainsWithReason()
    {
        using var test = await TestMemory.CreateAsync();

        var answer = await test.Memory.AskAsync("What did Russia demand?", cancellationToken: Ct);

        Assert.True(answer.NoResult);
        Assert.Equal("No relevant memories available", answer.NoResultReason);
    }

    [Fact]
    public async Task Ask_SeveralPartQuestion_QuotesDistinctSentences()
    {
        using var test = await SampleMemoryAsync();

        var answer = await test.Memory.AskAsync("What does the briefing say about sanctions and the Swift network?", cancellationToken: Ct);

        Assert.False(answer.NoResult);
        Assert.Equal(answer.Citations.Count, answer.Citations.Select(c => c.Start).Distinct().Count());
        Assert.Contains(answer.Citations, c => c.Quote.Contains("Swift", StringComparison.Ordinal));
    }
}
