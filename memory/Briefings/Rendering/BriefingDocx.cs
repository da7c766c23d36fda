using BriefingBot.Memory.Answering;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace BriefingBot.Memory.Briefings.Rendering;

/// <summary>
/// A briefing as a Word document (Open XML): a title, headed sections, and each citation as a real footnote at the
/// point it supports (one footnote per source number, referenced again where the number recurs).
/// </summary>
public static class BriefingDocx
{
    public static void Write(Briefing briefing, Stream stream)
    {
        using var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = package.AddMainDocumentPart();
        main.Document = new Document(new Body());
        AddStyles(main);
        var footnotes = AddFootnotes(main, briefing.Citations);
        var body = main.Document.Body!;

        body.Append(Paragraph("Title", Run(briefing.Headline)));
        if (briefing.Topic is { } topic)
        {
            body.Append(Paragraph(null, Run("Topic: ", bold: true), Run(topic)));
        }

        Section(body, "Key points", briefing.KeyPoints, p => Cited(footnotes, p.Citations, Run(p.Text)));
        Section(body, "Who said what", briefing.Quotes, q => Cited(footnotes, [q.Citation],
            Run(q.Speaker, bold: true), Run(q.Role is null ? ": " : $", {q.Role}: "), Run($"“{q.Quote}”", italic: true)));
        Section(body, "Reported statements", briefing.ReportedSpeech, r => Cited(footnotes, [r.Citation],
            Run(r.Speaker, bold: true), Run($" ({r.Verb}): "), Run(r.Text)));
        Section(body, "People, organisations and places", briefing.Entities, e => [
            Run(e.Name, bold: true),
            Run($" — {BriefingMarkdown.Kind(e.Kind)}{(e.Role is null ? "" : $", {e.Role}")}; {e.Count} mention{(e.Count == 1 ? "" : "s")} in {string.Join(", ", e.Mentions.Select(m => m.DocumentId).Distinct())}"),
        ]);
        Section(body, "Timeline", briefing.Timeline, t => Cited(footnotes, [t.Citation],
            Run(t.Date ?? t.When, bold: true), Run(t.Kind == TimelineKind.NextStep ? " (next step): " : ": "), Run(t.Text)));
        if (briefing.OpenQuestions is { } questions)
        {
            Section(body, "Open questions and what to watch", questions, q => Cited(footnotes, q.Citations, Run(q.Text)));
        }

        body.Append(new SectionProperties());
        main.Document.Save();
    }

    private static Dictionary<int, long> AddFootnotes(MainDocumentPart main, IReadOnlyList<Citation> citations)
    {
        var part = main.AddNewPart<FootnotesPart>();
        part.Footnotes = new Footnotes(
            new Footnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
            new Footnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 });
        var ids = new Dictionary<int, long>();
        foreach (var c in citations)
        {
            long id = ids.Count + 1;
            var published = c.Published is { } p ? $", {p:yyyy-MM-dd}" : "";
            part.Footnotes.Append(new Footnote(
                new Paragraph(
                    new ParagraphProperties(new ParagraphStyleId { Val = "FootnoteText" }),
                    new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new FootnoteReferenceMark()),
                    Run($" {c.Title}"),
                    Run($" ({c.DocumentId}{published}, passage {c.Chunk}, characters {c.Start}–{c.End}): "),
                    Run($"“{c.Quote}”", italic: true)))
            { Id = id });
            ids[c.N] = id;
        }

        part.Footnotes.Save();
        return ids;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            Style("Normal", "Normal", null, new StyleRunProperties(new FontSize { Val = "22" })),
            Style("Title", "Title", "Normal", new StyleRunProperties(new Bold(), new FontSize { Val = "40" })),
            Style("Heading1", "heading 1", "Normal", new StyleRunProperties(new Bold(), new FontSize { Val = "28" })),
            Style("FootnoteText", "footnote text", "Normal", new StyleRunProperties(new FontSize { Val = "18" })));
        styles.Styles.Save();
    }

    private static Style Style(string id, string name, string? basedOn, StyleRunProperties run)
    {
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
        }

        style.Append(run);
        return style;
    }

    private static void Section<T>(Body body, string title, IReadOnlyList<T> items, Func<T, IEnumerable<OpenXmlElement>> content)
    {
        if (items.Count == 0)
        {
            return;
        }

        body.Append(Paragraph("Heading1", Run(title)));
        foreach (var item in items)
        {
            body.Append(Paragraph(null, [Run("• "), .. content(item)]));
        }
    }

    private static IEnumerable<OpenXmlElement> Cited(Dictionary<int, long> footnotes, IEnumerable<int> citations, params OpenXmlElement[] runs)
    {
        foreach (var run in runs)
        {
            yield return run;
        }

        foreach (var n in citations)
        {
            if (footnotes.TryGetValue(n, out var id))
            {
                yield return new Run(
                    new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }),
                    new FootnoteReference { Id = id });
            }
        }
    }

    private static Paragraph Paragraph(string? style, params OpenXmlElement[] runs)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        paragraph.Append(runs);
        return paragraph;
    }

    private static Run Run(string text, bool bold = false, bool italic = false)
    {
        var run = new Run();
        if (bold || italic)
        {
            var properties = new RunProperties();
            if (bold)
            {
                properties.Append(new Bold());
            }

            if (italic)
            {
                properties.Append(new Italic());
            }

            run.Append(properties);
        }

        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }
}
