using BriefingBot.Memory.Briefings;

namespace BriefingBot.Memory.Tests.Briefings;

/// <summary>Direct quotations on texts written for the purpose: who said each, with role, and what is left out.</summary>
public sealed class QuoteAttributionTests
{
    private static List<FoundQuote> Attribute(string text)
    {
        var quotes = QuoteAttributor.Attribute(text, SpeakerTracker.Build(text));
        foreach (var quote in quotes)
        {
            Assert.InRange(quote.Span.Start, 0, text.Length);
            Assert.InRange(quote.Span.End, quote.Span.Start + 1, text.Length);
        }

        return quotes;
    }

    private static FoundQuote Single(string text, string words)
    {
        var quotes = Attribute(text);
        return Assert.Single(quotes, q => q.Span.Of(text).Contains(words, StringComparison.Ordinal));
    }

    [Fact]
    public void Attribute_SpeakerWithAppositionBeforeQuote_NamesSpeakerAndRole()
    {
        const string text = "Jane Holloway, chief executive of Brightwater Energy, said: “We will cut prices next spring for every customer.”";

        var quote = Single(text, "cut prices");

        Assert.Equal("Jane Holloway", quote.Speaker);
        Assert.Equal("chief executive of Brightwater Energy", quote.Role);
        Assert.Equal("We will cut prices next spring for every customer.", quote.Span.Of(text));
    }

    [Fact]
    public void Attribute_InvertedAttributionAfterQuote_NamesSpeakerAndRole()
    {
        const string text = "“The bridge will reopen before the winter,” said Tomas Varga, the city’s transport director.";

        var quote = Single(text, "bridge");

        Assert.Equal("Tomas Varga", quote.Speaker);
        Assert.Equal("the city’s transport director", quote.Role);
        Assert.Equal("The bridge will reopen before the winter", quote.Span.Of(text));
    }

    [Fact]
    public void Attribute_StraightQuotesAndToldReporters_NamesSpeaker()
    {
        const string text = "The count went on overnight.\n\n\"Nobody expected the vote to be this close,\" Amira Haddad told reporters on Sunday.";

        Assert.Equal("Amira Haddad", Single(text, "Nobody expected").Speaker);
    }

    [Fact]
    public void Attribute_SurnameAfterFullName_UsesFullName()
    {
        const string text = "Amira Haddad, the electoral commissioner, opened the count.\n\n“Every ballot will be checked twice,” Haddad said.";

        var quote = Single(text, "Every ballot");

        Assert.Equal("Amira Haddad", quote.Speaker);
        Assert.Equal("the electoral commissioner", quote.Role);
    }

    [Fact]
    public void Attribute_PronounSpeaker_ResolvesToMostRecentNamedSpeaker()
    {
        const string text = "Amira Haddad said the count would finish overnight. “We are checking every ballot twice,” she added.";

        Assert.Equal("Amira Haddad", Single(text, "checking every ballot").Speaker);
    }

    [Fact]
    public void Attribute_PronounSpeaker_SkipsNearerSpeakerOfOtherGender()
    {
        const string text = "Maria Lopez, the mayor, said the budget was final. Mr Daniel Okafor, the council leader, said he disagreed. " +
            "“We will keep the libraries open whatever it costs,” she said.";

        Assert.Equal("Maria Lopez", Single(text, "libraries").Speaker);
    }

    [Fact]
    public void Attribute_QuoteSplitByAttribution_BothPartsToSameSpeaker()
    {
        const string text = "“We are ready to talk,” Pavel Novak said. “But we will not be rushed into a bad deal.”";

        var quotes = Attribute(text);

        Assert.Equal(2, quotes.Count);
        Assert.All(quotes, q => Assert.Equal("Pavel Novak", q.Speaker));
        Assert.Equal("But we will not be rushed into a bad deal.", quotes[1].Span.Of(text));
    }

    [Fact]
    public void Attribute_MultiSentenceQuote_KeepsAllSentencesVerbatim()
    {
        const string text = "“The river has risen two metres since Monday. We have moved three hundred families. More rain is coming,” said Ruth Adeyemi.";

        var quote = Single(text, "river");

        Assert.Equal("Ruth Adeyemi", quote.Speaker);
        Assert.Equal("The river has risen two metres since Monday. We have moved three hundred families. More rain is coming", quote.Span.Of(text));
    }

    [Fact]
    public void Attribute_NestedSingleQuotes_KeptInsideOuterQuote()
    {
        const string text = "“She told me ‘this deal is dead’ and walked out of the room,” said Lena Fischer.";

        var quote = Single(text, "deal is dead");

        Assert.Equal("Lena Fischer", quote.Speaker);
        Assert.Equal("She told me ‘this deal is dead’ and walked out of the room", quote.Span.Of(text));
    }

    [Fact]
    public void Attribute_NestedCurlyDoubleQuotes_OuterQuoteOnly()
    {
        const string text = "“They called it “a historic day” before a single vote was counted,” Lena Fischer said.";

        var quotes = Attribute(text);

        var quote = Assert.Single(quotes);
        Assert.Equal("Lena Fischer", quote.Speaker);
        Assert.Equal("They called it “a historic day” before a single vote was counted", quote.Span.Of(text));
    }

    [Fact]
    public void Attribute_AccordingToBeforeQuote_NamesSource()
    {
        const string text = "According to Samuel Reyes, “the harvest was the worst in forty years.”";

        Assert.Equal("Samuel Reyes", Single(text, "harvest").Speaker);
    }

    [Fact]
    public void Attribute_QuotedFragmentInReportedSpeech_BelongsToSentenceSpeaker()
    {
        const string text = "Ruth Adeyemi said the agency was “ready to move within hours” if the levees failed.";

        Assert.Equal("Ruth Adeyemi", Single(text, "ready to move").Speaker);
    }

    [Theory]
    [InlineData("The so-called “reform” was criticised by Lena Fischer, who said it changed nothing.")]
    [InlineData("Pavel Novak said the plan was “dead on arrival”.")]
    [InlineData("She starred in “The Long Way Home Again” last year, Lena Fischer said.")]
    [InlineData("“Disgraceful,” Pavel Novak said.")]
    [InlineData("A sign on the door of the town hall read “closed until further notice for repairs” all week.")]
    [InlineData("“Nobody can say when the water will go down again.” The town waited.")]
    public void Attribute_ScareQuotesTitlesShortOrUnattributed_LeftOut(string text)
    {
        Assert.Empty(Attribute(text));
    }
}
