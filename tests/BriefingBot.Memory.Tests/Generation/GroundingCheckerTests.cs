using BriefingBot.Memory.Generation;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Generation;

/// <summary>The grounding check with the real local grounding model over the sample briefing's passages.</summary>
public sealed class GroundingCheckerTests
{
    [Theory]
    [InlineData("Russia is demanding a veto over military deployments in Nato member states.")]
    [InlineData("Washington says it is ready to discuss some Russian proposals but will reject others.")]
    [InlineData("Karen Donfried said no sanctions option, including cutting Russia off from Swift, had been ruled out.")]
    [InlineData("Around 100,000 Russian soldiers are massed near the Ukrainian border.")]
    public async Task CheckAsync_SentenceSaidByThePassages_IsSupportedWithAQuoteFromTheDocument(string sentence)
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        var facts = await FactsAsync(bed);
        var checker = new GroundingChecker(GenerativeTestBed.GroundingEmbedder, new AiOptions());

        var result = Assert.Single(await checker.CheckAsync([new DraftSentence(sentence, [])], facts, TestContext.Current.CancellationToken));

        var support = Assert.Single(result.Support);
        var text = await bed.DocumentTextAsync();
        Assert.Equal(support.QuoteText, text[support.Quote.Start..support.Quote.End]);
    }

    [Theory]
    [InlineData("The talks will be chaired in Geneva by the Swiss foreign minister.")]
    [InlineData("Russia agreed to withdraw all troops from the border by March.")]
    [InlineData("Putin said Russia would never use its armed forces.")]
    [InlineData("China offered to mediate between Moscow and Washington.")]
    [InlineData("Roughly 200,000 Russian soldiers are massed near the Ukrainian border.")]
    [InlineData("On 23 December President Vladimir Putin said Russia was ready to use its armed forces.")]
    [InlineData("Antony Blinken told journalists that Washington was ready to discuss some of the Russian proposals.")]
    public async Task CheckAsync_SentenceThePassagesDoNotSay_IsUnsupported(string sentence)
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        var facts = await FactsAsync(bed);
        var checker = new GroundingChecker(GenerativeTestBed.GroundingEmbedder, new AiOptions());

        var cited = facts.Select(f => f.N).ToList();
        var result = await checker.CheckAsync([new DraftSentence(sentence, []), new DraftSentence(sentence, cited)], facts, TestContext.Current.CancellationToken);

        Assert.All(result, r => Assert.False(r.IsSupported, $"supported by {string.Join(", ", r.Support.Select(s => s.QuoteText))}"));
    }

    private static async Task<IReadOnlyList<Fact>> FactsAsync(GenerativeTestBed bed)
    {
        var search = await bed.Memory.SearchAsync(new SearchRequest { Query = "Russia Nato demands US talks sanctions troops", Limit = 8 }, TestContext.Current.CancellationToken);
        return search.Hits.Select((h, i) => new Fact(i + 1, h, FactSheet.Format(i + 1, h))).ToList();
    }
}
