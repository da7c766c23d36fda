using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Briefings;

/// <summary>The briefing of the original sample article (../shared/samples/us-russia-talks.txt).</summary>
public sealed class SampleArticleBriefingTests
{
    [Fact]
    public async Task Build_SampleArticle_NamesDonfriedAndPutinWithVerifiedQuotes()
    {
        Assert.SkipWhen(SharedData.Folder is null, SharedData.SkipReason);
        var ct = TestContext.Current.CancellationToken;
        using var test = await TestMemory.CreateAsync();
        var request = await IngestRequest.FromFileAsync(SharedData.Path("samples", "us-russia-talks.txt"), cancellationToken: ct);
        var id = (await test.Memory.IngestAsync(request, ct)).DocumentId;

        var briefing = await new BriefingBuilder(test.Memory).BuildAsync(BriefingRequest.ForDocuments(id), ct);
        var text = await test.Memory.Store.GetDocumentTextAsync(id, ct);

        Assert.NotNull(text);
        Assert.InRange(briefing.KeyPoints.Count, 3, 6);
        Assert.All(briefing.Quotes, q => Assert.Equal(text[q.Start..q.End], q.Quote));
        var donfried = briefing.Quotes.Where(q => q.Speaker.EndsWith("Donfried", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(donfried);
        Assert.All(donfried, q => Assert.Contains("assistant secretary of state", q.Role, StringComparison.Ordinal));
        Assert.Contains(donfried, q => q.Quote.Contains("no talks on European security without Europe", StringComparison.Ordinal));
        var putin = briefing.Quotes.Where(q => q.Speaker.EndsWith("Putin", StringComparison.Ordinal)).ToList();
        Assert.Contains(putin, q => q.Quote.Contains("appropriate military-technical measures", StringComparison.Ordinal));
        Assert.Contains(putin, q => q.Quote.Contains("We can’t retreat any further", StringComparison.Ordinal));
        Assert.Contains(briefing.ReportedSpeech, r => r.Speaker.EndsWith("Putin", StringComparison.Ordinal) && r.Verb == "claimed");
        Assert.Equal(EntityKind.Person, Assert.Single(briefing.Entities, e => e.Name.EndsWith("Donfried", StringComparison.Ordinal)).Kind);
        Assert.Equal(EntityKind.Person, Assert.Single(briefing.Entities, e => e.Name.EndsWith("Putin", StringComparison.Ordinal)).Kind);
        Assert.Contains(briefing.Timeline, t => t.When == "next month" && t.Kind == TimelineKind.NextStep && t.Date is null);
    }
}
