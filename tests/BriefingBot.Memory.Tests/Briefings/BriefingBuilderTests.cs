using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Briefings;

/// <summary>Briefings built over real memories: citations, verified quotes, entities, timeline, topics and the writer seam.</summary>
public sealed class BriefingBuilderTests
{
    private static readonly DateTimeOffset Monday = new(2024, 11, 18, 9, 0, 0, TimeSpan.Zero);

    internal static async Task<(TestMemory Test, Briefing Briefing)> FloodBriefingAsync(IBriefingWriter? writer = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(BriefingArticles.Request("flood", BriefingArticles.Flood, BriefingArticles.FloodTitle, Monday), ct);
        var briefing = await new BriefingBuilder(test.Memory, writer: writer).BuildAsync(BriefingRequest.ForDocuments("flood"), ct);
        return (test, briefing);
    }

    [Fact]
    public async Task Build_Document_EveryLineCitedAndEveryQuoteVerbatim()
    {
        var ct = TestContext.Current.CancellationToken;
        var (test, briefing) = await FloodBriefingAsync();
        using var _ = test;
        var text = await test.Memory.Store.GetDocumentTextAsync("flood", ct);
        Assert.NotNull(text);

        Assert.Equal(BriefingArticles.FloodTitle, briefing.Headline);
        Assert.Equal(BriefingBuilder.ExtractiveMode, briefing.Mode);
        Assert.InRange(briefing.KeyPoints.Count, 3, 6);
        var numbers = briefing.Citations.Select(c => c.N).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.All(briefing.KeyPoints, p => Assert.All(p.Citations, n => Assert.Contains(n, numbers)));
        Assert.All(briefing.KeyPoints, p => Assert.NotEmpty(p.Citations));
        Assert.All(briefing.Citations, c => Assert.Equal(text[c.Start..c.End], c.Quote));
        Assert.All(briefing.Citations, c => Assert.Contains(c.Quote, c.Text));
        Assert.All(briefing.Quotes, q => Assert.Equal(text[q.Start..q.End], q.Quote));
        Assert.All(briefing.ReportedSpeech, r => Assert.Equal(text[r.Start..r.End], r.Text));
        Assert.Equal(briefing.KeyPoints.Count, briefing.KeyPoints.Select(p => p.Text).Distinct().Count());
        Assert.Null(briefing.OpenQuestions);
    }

    [Fact]
    public async Task Build_Document_AttributesQuotesWithRolesAndPronouns()
    {
        var (test, briefing) = await FloodBriefingAsync();
        using var _ = test;

        var adeyemi = briefing.Quotes.Where(q => q.Speaker == "Ruth Adeyemi").ToList();
        Assert.Equal(2, adeyemi.Count);
        Assert.All(adeyemi, q => Assert.Equal("director of the National Flood Agency", q.Role));
        var varga = Assert.Single(briefing.Quotes, q => q.Quote.StartsWith("We are asking people", StringComparison.Ordinal));
        Assert.Equal("Tomas Varga", varga.Speaker);
        Assert.Contains(briefing.ReportedSpeech, r => r.Speaker == "Ruth Adeyemi" && r.Text.Contains("inspect every barrier", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_Document_RecognisesPeopleOrganisationsAndPlaces()
    {
        var (test, briefing) = await FloodBriefingAsync();
        using var _ = test;

        var adeyemi = Assert.Single(briefing.Entities, e => e.Name == "Ruth Adeyemi");
        Assert.Equal(EntityKind.Person, adeyemi.Kind);
        Assert.Equal(2, adeyemi.Count);
        Assert.All(adeyemi.Mentions, m => Assert.Equal("flood", m.DocumentId));
        Assert.Equal(EntityKind.Person, Assert.Single(briefing.Entities, e => e.Name == "Tomas Varga").Kind);
        Assert.Equal(EntityKind.Organisation, Assert.Single(briefing.Entities, e => e.Name == "National Flood Agency").Kind);
        Assert.Equal(EntityKind.Place, Assert.Single(briefing.Entities, e => e.Name == "Norbridge").Kind);
        Assert.DoesNotContain(briefing.Entities, e => e.Name is "Monday" or "January" or "Farmers" or "But");
    }

    [Fact]
    public async Task Build_PublishedDocument_ResolvesTimelineAgainstPublicationDate()
    {
        var (test, briefing) = await FloodBriefingAsync();
        using var _ = test;

        var inspection = Assert.Single(briefing.Timeline, t => t.When == "next week");
        Assert.Equal("2024-W48", inspection.Date);
        Assert.Equal(TimelineKind.NextStep, inspection.Kind);
        var report = Assert.Single(briefing.Timeline, t => t.When == "in January");
        Assert.Equal("2025-01", report.Date);
        var monday = Assert.Single(briefing.Timeline, t => t.When == "on Monday");
        Assert.Equal("2024-11-18", monday.Date);
        Assert.Equal(TimelineKind.Event, monday.Kind);
        Assert.All(briefing.Timeline, t => Assert.Contains(t.When, t.Text));
    }

    [Fact]
    public async Task Build_Topic_DrawsFromRelevantDocumentsWithoutRepeats()
    {
        var ct = TestContext.Current.CancellationToken;
        using var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(BriefingArticles.Request("flood", BriefingArticles.Flood, BriefingArticles.FloodTitle, Monday), ct);
        await test.Memory.IngestAsync(BriefingArticles.Request("flood-rain", BriefingArticles.FloodFollowUp, BriefingArticles.FloodFollowUpTitle), ct);
        await test.Memory.IngestAsync(BriefingArticles.Request("chess", BriefingArticles.Chess, BriefingArticles.ChessTitle), ct);

        var briefing = await new BriefingBuilder(test.Memory).BuildAsync(BriefingRequest.ForTopic("Kestrel river flooding and flood defences"), ct);

        Assert.Contains("flood", briefing.DocumentIds);
        Assert.Contains("flood-rain", briefing.DocumentIds);
        Assert.Equal("Kestrel river flooding and flood defences", briefing.Topic);
        Assert.InRange(briefing.KeyPoints.Count, 3, 6);
        Assert.DoesNotContain(briefing.KeyPoints, p => p.Text.Contains("chess", StringComparison.OrdinalIgnoreCase));
        var cited = briefing.KeyPoints.SelectMany(p => p.Citations).Select(n => briefing.Citations[n - 1].DocumentId).Distinct().ToList();
        Assert.True(cited.Count == 2, $"key points cite {string.Join(", ", cited)}");
        var directorLines = briefing.KeyPoints.Count(p => p.Text.StartsWith("Ruth Adeyemi, director of the National Flood Agency, said", StringComparison.Ordinal));
        Assert.True(directorLines <= 1, "the same attribution sentence from both articles should count once");
    }

    [Fact]
    public async Task Build_TopicNothingRelevant_ReturnsEmptyBriefing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var test = await TestMemory.CreateAsync();

        var briefing = await new BriefingBuilder(test.Memory).BuildAsync(BriefingRequest.ForTopic("semiconductor export controls"), ct);

        Assert.Empty(briefing.KeyPoints);
        Assert.Empty(briefing.Citations);
    }

    [Fact]
    public async Task Build_UnknownDocumentOrNoInput_ThrowsClearError()
    {
        var ct = TestContext.Current.CancellationToken;
        using var test = await TestMemory.CreateAsync();
        var builder = new BriefingBuilder(test.Memory);

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => builder.BuildAsync(BriefingRequest.ForDocuments("missing"), ct));
        Assert.Contains("missing", unknown.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => builder.BuildAsync(new BriefingRequest(), ct));
    }

    [Fact]
    public async Task Build_WithWriter_KeepsOnlyGroundedOpenQuestions()
    {
        var (test, briefing) = await FloodBriefingAsync(new CitingWriter());
        using var _ = test;

        Assert.Equal(BriefingBuilder.GenerativeMode, briefing.Mode);
        var question = Assert.Single(briefing.OpenQuestions!);
        Assert.Equal([1], question.Citations);
    }

    [Fact]
    public async Task Build_WriterKeyPoints_UnknownCitationKeepsTheExtractivePoint()
    {
        var (test, draft) = await FloodBriefingAsync();
        test.Dispose();
        var (written, briefing) = await FloodBriefingAsync(new RewritingWriter());
        using var _ = written;

        Assert.Equal(draft.KeyPoints.Count, briefing.KeyPoints.Count);
        Assert.Equal("Written: " + draft.KeyPoints[0].Text, briefing.KeyPoints[0].Text);
        Assert.Equal(draft.KeyPoints[0].Citations, briefing.KeyPoints[0].Citations);
        Assert.Equal(draft.KeyPoints.Skip(1).Select(p => p.Text), briefing.KeyPoints.Skip(1).Select(p => p.Text));
        Assert.Equal(draft.KeyPoints.Skip(1).Select(p => p.Citations.Single()), briefing.KeyPoints.Skip(1).Select(p => p.Citations.Single()));
        Assert.Equal(BriefingBuilder.GenerativeMode, briefing.Mode);
        Assert.Empty(briefing.OpenQuestions!);
    }

    [Fact]
    public async Task Build_WriterFails_ReturnsTheExtractiveBriefing()
    {
        var (test, briefing) = await FloodBriefingAsync(new FailedWriter());
        using var _ = test;

        Assert.Equal(BriefingBuilder.ExtractiveMode, briefing.Mode);
        Assert.Null(briefing.OpenQuestions);
        Assert.InRange(briefing.KeyPoints.Count, 3, 6);
    }

    /// <summary>Stands in for a model: one question citing an existing source, one citing a number that does not exist.</summary>
    private sealed class CitingWriter : IBriefingWriter
    {
        public Task<WrittenBriefing?> WriteAsync(Briefing draft, IReadOnlyList<BriefingSource> sources, CancellationToken cancellationToken = default) =>
            Task.FromResult<WrittenBriefing?>(new WrittenBriefing(
                [],
                [
                    new OpenQuestion("Will the barriers hold if the rain returns?", [1]),
                    new OpenQuestion("Who pays for the bridge?", [draft.Citations.Count + 1]),
                ]));
    }

    /// <summary>Rewrites the first key point with its own citations and the second citing a number that does not exist.</summary>
    private sealed class RewritingWriter : IBriefingWriter
    {
        public Task<WrittenBriefing?> WriteAsync(Briefing draft, IReadOnlyList<BriefingSource> sources, CancellationToken cancellationToken = default) =>
            Task.FromResult<WrittenBriefing?>(new WrittenBriefing(
                [
                    new KeyPoint("Written: " + draft.KeyPoints[0].Text, draft.KeyPoints[0].Citations),
                    new KeyPoint("Written: " + draft.KeyPoints[1].Text, [draft.Citations.Count + 1]),
                ],
                []));
    }

    /// <summary>A model that could not write.</summary>
    private sealed class FailedWriter : IBriefingWriter
    {
        public Task<WrittenBriefing?> WriteAsync(Briefing draft, IReadOnlyList<BriefingSource> sources, CancellationToken cancellationToken = default) =>
            Task.FromResult<WrittenBriefing?>(null);
    }
}
