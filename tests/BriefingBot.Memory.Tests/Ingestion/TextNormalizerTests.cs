using BriefingBot.Memory.Ingestion;

namespace BriefingBot.Memory.Tests.Ingestion;

public sealed class TextNormalizerTests
{
    [Fact]
    public void Normalize_MessyWhitespace_GivesParagraphsAndSingleSpaces()
    {
        const string text = "\uFEFF  Title\r\n\r\n\r\n First\tline  with\u00A0spaces \nsecond\u200B line\r\n\n\n\nLast  ";

        Assert.Equal("Title\n\nFirst line with spaces\nsecond line\n\nLast", TextNormalizer.Normalize(text));
    }

    [Fact]
    public void Normalize_DecomposedAccents_ComposesThem()
    {
        Assert.Equal("café", TextNormalizer.Normalize("cafe\u0301"));
    }

    [Fact]
    public void Normalize_IsIdempotent()
    {
        const string text = "A  b\r\n\r\n c\t\td";
        var once = TextNormalizer.Normalize(text);

        Assert.Equal(once, TextNormalizer.Normalize(once));
    }
}
