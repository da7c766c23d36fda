using System.Text.Json;
using System.Text.Json.Nodes;
using BriefingBot.Memory.Briefings.Rendering;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace BriefingBot.Memory.Tests.Briefings;

/// <summary>The JSON, Markdown, Word and Adaptive Card forms of one real briefing.</summary>
public sealed class BriefingRenderingTests
{
    [Fact]
    public async Task Json_Briefing_HasTheSharedSchema()
    {
        var (test, briefing) = await BriefingBuilderTests.FloodBriefingAsync();
        using var _ = test;

        using var json = JsonDocument.Parse(BriefingJson.Serialize(briefing));
        var root = json.RootElement;

        Assert.Equal(briefing.Headline, root.GetProperty("headline").GetString());
        var point = root.GetProperty("keyPoints")[0];
        Assert.Equal(JsonValueKind.String, point.GetProperty("text").ValueKind);
        Assert.Equal(JsonValueKind.Number, point.GetProperty("citations")[0].ValueKind);
        var quote = root.GetProperty("quotes")[0];
        foreach (var field in new[] { "speaker", "role", "quote", "documentId", "start", "end", "citation" })
        {
            Assert.True(quote.TryGetProperty(field, out var _), $"quotes[0] lacks {field}");
        }

        var entity = root.GetProperty("entities")[0];
        Assert.Contains(entity.GetProperty("kind").GetString(), new[] { "person", "organisation", "place" });
        Assert.Equal(entity.GetProperty("mentions").GetArrayLength(), entity.GetProperty("count").GetInt32());
        Assert.Contains(root.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "nextStep");
        var citation = root.GetProperty("citations")[0];
        foreach (var field in new[] { "n", "documentId", "title", "chunk", "text", "quote", "start", "end", "relevance" })
        {
            Assert.True(citation.TryGetProperty(field, out var _), $"citations[0] lacks {field}");
        }

        Assert.False(root.TryGetProperty("openQuestions", out var _), "open questions are omitted without a model");
    }

    [Fact]
    public async Task Markdown_Briefing_HasSectionsMarkersAndSources()
    {
        var (test, briefing) = await BriefingBuilderTests.FloodBriefingAsync();
        using var _ = test;

        var markdown = BriefingMarkdown.Render(briefing);

        Assert.StartsWith("# " + briefing.Headline, markdown, StringComparison.Ordinal);
        var sections = new[] { "## Key points", "## Who said what", "## Reported statements", "## People, organisations and places", "## Timeline", "## Sources" };
        var positions = sections.Select(s => markdown.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain("Open questions", markdown, StringComparison.Ordinal);
        Assert.Contains($"[{briefing.KeyPoints[0].Citations[0]}]", markdown, StringComparison.Ordinal);
        Assert.Contains("**Ruth Adeyemi**, director of the National Flood Agency: “", markdown, StringComparison.Ordinal);
        foreach (var c in briefing.Citations)
        {
            Assert.Contains($"\n{c.N}. *", markdown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Docx_Briefing_OpensAndHoldsOneFootnotePerSource()
    {
        var (test, briefing) = await BriefingBuilderTests.FloodBriefingAsync();
        using var _ = test;
        using var stream = new MemoryStream();

        BriefingDocx.Write(briefing, stream);
        stream.Position = 0;

        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document.Body!;
        Assert.Contains(briefing.Headline, body.InnerText, StringComparison.Ordinal);
        Assert.Contains(briefing.KeyPoints[0].Text, body.InnerText, StringComparison.Ordinal);
        var footnotes = document.MainDocumentPart.FootnotesPart!.Footnotes.Elements<Footnote>().Where(f => f.Id!.Value > 0).ToList();
        Assert.Equal(briefing.Citations.Count, footnotes.Count);
        foreach (var citation in briefing.Citations)
        {
            Assert.Contains(footnotes, f => f.InnerText.Contains(citation.Quote, StringComparison.Ordinal) && f.InnerText.Contains(citation.DocumentId, StringComparison.Ordinal));
        }

        var references = body.Descendants<FootnoteReference>().Select(r => r.Id!.Value).ToHashSet();
        Assert.Equal(footnotes.Select(f => f.Id!.Value).ToHashSet(), references);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AdaptiveCard_Briefing_IsVersion15WithSourcesToggle()
    {
        var (test, briefing) = await BriefingBuilderTests.FloodBriefingAsync();
        using var _ = test;

        var card = JsonNode.Parse(BriefingAdaptiveCard.Serialize(briefing))!;

        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var body = card["body"]!.AsArray();
        Assert.Equal(briefing.Headline, body[0]!["text"]!.GetValue<string>());
        Assert.All(body, element => Assert.Contains(element!["type"]!.GetValue<string>(), new[] { "TextBlock", "FactSet", "Container" }));
        var sources = Assert.Single(body, e => e!["id"]?.GetValue<string>() == "sources")!;
        Assert.Equal(briefing.Citations.Count, sources["items"]!.AsArray().Count);
        Assert.Equal("Action.ToggleVisibility", card["actions"]![0]!["type"]!.GetValue<string>());
    }
}
