using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Tests.Language;

public sealed class QueryTermsTests
{
    [Fact]
    public void ContentWords_Question_DropsStopWordsAndPossessives()
    {
        Assert.Equal(["russia", "government", "demand"], QueryTerms.ContentWords("What did Russia’s government demand of us?"));
    }

    [Fact]
    public void ContentWords_AcronymInCapitals_IsKeptEvenWhenItSpellsAStopWord()
    {
        Assert.Equal(["us", "sanctions"], QueryTerms.ContentWords("What did the US say about sanctions?"));
        Assert.DoesNotContain("us", QueryTerms.ContentWords("Tell us about sanctions"));
    }

    [Fact]
    public void ContentStems_Inflections_ShareAStem()
    {
        Assert.Equal(QueryTerms.ContentStems("demanded talks"), QueryTerms.ContentStems("demands talk"));
    }
}
