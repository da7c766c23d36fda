using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Answering;

/// <summary>
/// The answers' <see cref="Answer.Confidence"/> (<see cref="ConfidenceModel"/>) on the real store and model, over an
/// article written here, and the <c>Memory:Answer:MinConfidence</c> threshold.
/// </summary>
public sealed class ConfidenceTests
{
    private const string FerryArticle =
        """
        Island ferry timetable doubles for the summer

        The Skerra ferry company will run twelve crossings a day to Halvey island from 1 June, twice the winter timetable.
        Captain Mirela Costa said the second boat had passed its safety inspection last week.
        Tickets bought online cost 8 euros for adults and are free for children under twelve.
        """;

    private const string Answerable = "How many crossings a day will the Skerra ferry company run to Halvey island?";

    private const string Unrelated = "Which varieties of apple grow best in cold orchards?";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Answerable)]
    [InlineData("What did Captain Mirela Costa say about the second boat?")]
    [InlineData("What did Portugal say about the ferry?")]
    [InlineData(Unrelated)]
    public async Task Ask_EveryAnswer_CarriesAConfidenceBetweenZeroAndOne(string question)
    {
        using var test = await FerryMemoryAsync();

        var answer = await test.Memory.AskAsync(question, cancellationToken: Ct);

        Assert.NotNull(answer.Confidence);
        Assert.InRange(answer.Confidence!.Value, 0f, 1f);
        Assert.NotNull(answer.Signals);
    }

    [Fact]
    public async Task Ask_WithAbstentionOff_AnUnanswerableQuestionsAnswerIsLessConfidentThanAnAnswerableOnes()
    {
        using var test = await FerryMemoryAsync(AbstentionOff);

        var answerable = await test.Memory.AskAsync(Answerable, cancellationToken: Ct);
        var unanswerable = await test.Memory.AskAsync(Unrelated, cancellationToken: Ct);

        Assert.False(answerable.NoResult, answerable.Text);
        Assert.False(unanswerable.NoResult, unanswerable.Text);
        Assert.True(answerable.Confidence > unanswerable.Confidence, $"{answerable.Confidence} against {unanswerable.Confidence}");
    }

    [Fact]
    public async Task Ask_ConfidenceBelowMinConfidence_IsANotFoundNamingTheSetting()
    {
        float confidence;
        using (var open = await FerryMemoryAsync(AbstentionOff))
        {
            confidence = (await open.Memory.AskAsync(Answerable, cancellationToken: Ct)).Confidence!.Value;
        }

        using var above = await FerryMemoryAsync(o =>
        {
            AbstentionOff(o);
            o.Answer.MinConfidence = Math.Min(1f, confidence + 0.01f);
        });
        using var below = await FerryMemoryAsync(o =>
        {
            AbstentionOff(o);
            o.Answer.MinConfidence = Math.Max(0f, confidence - 0.01f);
        });

        var declined = await above.Memory.AskAsync(Answerable, cancellationToken: Ct);
        var answered = await below.Memory.AskAsync(Answerable, cancellationToken: Ct);

        Assert.True(declined.NoResult, declined.Text);
        Assert.Contains("MinConfidence", declined.NoResultReason);
        Assert.Equal(1 - confidence, declined.Confidence!.Value, 3);
        Assert.False(answered.NoResult, answered.Text);
        Assert.Equal(confidence, answered.Confidence!.Value, 3);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public async Task Open_MinConfidenceOutOfRange_IsRefusedNamingTheSetting(float value)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TestMemory.CreateAsync(o => o.Answer.MinConfidence = value));

        Assert.Contains("Memory:Answer:MinConfidence", error.Message);
    }

    private static void AbstentionOff(MemoryOptions options)
    {
        options.Answer.MinRelevance = -1;
        options.Answer.MinCoverage = 0;
        options.Answer.ConfidentRelevance = -1;
        options.Answer.MinConfidence = 0;
    }

    private static async Task<TestMemory> FerryMemoryAsync(Action<MemoryOptions>? configure = null)
    {
        var test = await TestMemory.CreateAsync(configure);
        await test.Memory.IngestAsync(IngestRequest.FromText(FerryArticle, "ferry", "Island ferry timetable doubles for the summer"), Ct);
        return test;
    }
}
