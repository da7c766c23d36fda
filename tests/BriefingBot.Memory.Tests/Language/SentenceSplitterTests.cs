using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Tests.Language;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Split_NewsParagraph_KeepsAbbreviationsInitialsAndDecimals()
    {
        const string text = "Mr. Smith met John F. Kennedy Jr. at 3.5 p.m. in the U.S. capital. Prices rose 2.4%. “We are ready,” he said. Talks end today!";

        var sentences = SentenceSplitter.Split(text).Select(s => s.Of(text)).ToList();

        Assert.Equal(
            ["Mr. Smith met John F. Kennedy Jr. at 3.5 p.m. in the U.S. capital.", "Prices rose 2.4%.", "“We are ready,” he said.", "Talks end today!"],
            sentences);
    }

    [Fact]
    public void Split_QuoteClosingAfterPeriod_EndsAfterTheQuote()
    {
        const string text = "She said: “The key here is unity.” The meeting ended.";

        var sentences = SentenceSplitter.Split(text).Select(s => s.Of(text)).ToList();

        Assert.Equal(["She said: “The key here is unity.”", "The meeting ended."], sentences);
    }

    [Fact]
    public void Split_LineBreaks_AlwaysEndASentence()
    {
        const string text = "Headline without a period\n\nFirst paragraph here\nsecond line.";

        var sentences = SentenceSplitter.Split(text).Select(s => s.Of(text)).ToList();

        Assert.Equal(["Headline without a period", "First paragraph here", "second line."], sentences);
    }

    [Fact]
    public void Split_Spans_AreExactRangesOfTheText()
    {
        const string text = "  One sentence here.   Another one follows.  ";

        foreach (var span in SentenceSplitter.Split(text))
        {
            Assert.Equal(text.Substring(span.Start, span.Length), span.Of(text));
            Assert.False(char.IsWhiteSpace(text[span.Start]));
            Assert.False(char.IsWhiteSpace(text[span.End - 1]));
        }
    }
}
