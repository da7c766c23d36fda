using BriefingBot.Memory.Generation;

namespace BriefingBot.Memory.Tests.Generation;

public sealed class CitationMarkersTests
{
    [Theory]
    [InlineData("Russia wants guarantees [1].", "1")]
    [InlineData("Russia wants guarantees. [2]", "2")]
    [InlineData("Russia wants guarantees [1][2].", "1,2")]
    [InlineData("Russia wants guarantees [1, 3].", "1,3")]
    [InlineData("Russia wants guarantees [2-4].", "2,3,4")]
    [InlineData("Russia wants guarantees [doc1][Doc 3].", "1,3")]
    [InlineData("Russia wants guarantees [^2].", "2")]
    [InlineData("Russia wants guarantees [Fact 1; fact 2].", "1,2")]
    [InlineData("Russia wants guarantees [7].", "")]
    [InlineData("Russia wants guarantees [0][1].", "1")]
    public void Parse_MarkerForms_GiveTheFactsWithinRange(string answer, string facts)
    {
        var sentence = Assert.Single(CitationMarkers.Parse(answer, 4));

        Assert.Equal("Russia wants guarantees.", sentence.Text);
        Assert.Equal(facts, string.Join(",", sentence.Facts));
    }

    [Fact]
    public void Parse_SeveralSentences_AssignsEachMarkerToItsSentence()
    {
        var sentences = CitationMarkers.Parse("Moscow published drafts [2]. Nato refused. [1][3] Talks start in January [1, 2", 3);

        Assert.Equal(["Moscow published drafts.", "Nato refused.", "Talks start in January"], sentences.Select(s => s.Text));
        Assert.Equal([2], sentences[0].Facts);
        Assert.Equal([1, 3], sentences[1].Facts);
        Assert.Empty(sentences[2].Facts);
    }

    [Fact]
    public void Parse_BracketsThatAreNotMarkers_StayInTheText()
    {
        var sentence = Assert.Single(CitationMarkers.Parse("The OSCE [Organization for Security and Co-operation in Europe] hosts talks [1].", 1));

        Assert.Contains("[Organization for Security and Co-operation in Europe]", sentence.Text);
        Assert.Equal([1], sentence.Facts);
    }

    [Fact]
    public void Strip_RemovesOnlyMarkers()
    {
        Assert.Equal("Moscow published drafts. Nato [the alliance] said no.", CitationMarkers.Strip("Moscow published drafts [2]. Nato [the alliance] said no [doc1][3]."));
    }
}
