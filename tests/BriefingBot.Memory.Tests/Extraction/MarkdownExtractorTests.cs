using System.Text;
using BriefingBot.Memory.Ingestion.Extraction;

namespace BriefingBot.Memory.Tests.Extraction;

public sealed class MarkdownExtractorTests
{
    private const string Article = """
        ---
        title: "Central bank holds rates steady"
        date: 2025-03-14T09:30:00Z
        tags: [economy, rates]
        ---

        # Rates unchanged for a third month

        The **central bank** left its main rate at *4.25%* on Thursday, citing
        [sticky inflation](https://example.com/inflation "Inflation data") in services.

        ![Chart of the policy rate](https://example.com/chart.png)

        ## What analysts said

        > Markets had priced in a _pause_, said one economist.

        Key points:

        - Core inflation at 3.1%
        * Wage growth slowing
        1. Next meeting in May

        Use `rate_decision()` to query the data, or see the [full statement][stmt].<br>
        <span class="note">Figures are provisional.</span>

        ```python
        print("**not emphasis**")
        ```

        [stmt]: https://example.com/statement "Statement"
        """;

    private static ExtractedText Extract(string markdown) =>
        new MarkdownExtractor().Extract(Encoding.UTF8.GetBytes(markdown), "rates.md", TestContext.Current.CancellationToken);

    [Fact]
    public void Extract_FrontMatter_ReadsTitleAndDateAndDropsBlock()
    {
        var result = Extract(Article);

        Assert.Equal("Central bank holds rates steady", result.Title);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero), result.Published);
        Assert.DoesNotContain("tags:", result.Text);
        Assert.DoesNotContain("---", result.Text);
        Assert.Equal("text/markdown", result.ContentType);
    }

    [Fact]
    public void Extract_RealisticArticle_StripsMarkupIntoParagraphs()
    {
        var result = Extract(Article);

        var paragraphs = result.Text.Split("\n\n");
        Assert.Equal(
            [
                "Rates unchanged for a third month",
                "The central bank left its main rate at 4.25% on Thursday, citing sticky inflation in services.",
                "What analysts said",
                "Markets had priced in a pause, said one economist.",
                "Key points:",
                "Core inflation at 3.1%\nWage growth slowing\nNext meeting in May",
                "Use rate_decision() to query the data, or see the full statement. Figures are provisional.",
                "print(\"**not emphasis**\")",
            ],
            paragraphs);
    }

    [Fact]
    public void Extract_NoFrontMatter_TakesFirstLevelOneHeading()
    {
        var result = Extract("Intro line\n\n## Not this\n\n# Election results\n\nTurnout was high.\n");

        Assert.Equal("Election results", result.Title);
        Assert.Null(result.Published);
    }

    [Fact]
    public void Extract_SetextHeading_TakesTitle()
    {
        var result = Extract("Storm hits the coast\n====================\n\nWinds of __120 km/h__ were recorded.\n\nDamage report\n-------------\n\nRoads closed.\n");

        Assert.Equal("Storm hits the coast", result.Title);
        Assert.Equal("Storm hits the coast\n\nWinds of 120 km/h were recorded.\n\nDamage report\n\nRoads closed.", result.Text);
    }

    [Fact]
    public void Extract_EscapesAndEntities_KeepsLiteralCharacters()
    {
        var result = Extract("Prices rose 2\\*3 times &amp; more in snake_case_names and 5 * 4 = 20.\n");

        Assert.Equal("Prices rose 2*3 times & more in snake_case_names and 5 * 4 = 20.", result.Text);
    }

    [Fact]
    public void Extract_TablesTaskListsAndNestedLists_OneLinePerRowAndItem()
    {
        var result = Extract("""
            | Country | Turnout |
            |---------|--------:|
            | **Chile** | 85% |
            | Peru | 79% |

            - [x] Count the ballots
            - [ ] Publish ~~draft~~ final results
              - in Spanish
              - in Quechua
            """);

        Assert.Equal(
            [
                "Country | Turnout\nChile | 85%\nPeru | 79%",
                "Count the ballots\nPublish draft final results\nin Spanish\nin Quechua",
            ],
            result.Text.Split("\n\n"));
    }

    [Fact]
    public void Extract_HtmlBlock_KeepsItsTextWithoutTagsOrComments()
    {
        var result = Extract("<div class=\"box\">\n<p>Polls close at <b>8 pm</b>.</p>\n</div>\n\n<!-- editor: check this -->\n\nCounting starts at once.\n");

        Assert.Equal("Polls close at 8 pm .\n\nCounting starts at once.", result.Text);
    }

    [Fact]
    public void Extract_PathologicalNesting_FailsWithAReasonNamingTheFile()
    {
        foreach (var hostile in new[] { new string('>', 20_000) + " Deep quoted text.\n", new string('[', 50_000) + "unclosed\n" })
        {
            var error = Assert.Throws<ExtractionException>(() => Extract(hostile));

            Assert.StartsWith("rates.md: the Markdown is nested too deeply", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("Ten levels down.", Extract(new string('>', 10) + " Ten levels down.\n").Text);
    }
}
