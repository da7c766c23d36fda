using System.Globalization;
using System.Text;
using BriefingBot.Memory.Answering;

namespace BriefingBot.Memory.Briefings.Rendering;

/// <summary>A briefing as Markdown: sections in a fixed order, <c>[n]</c> markers and a numbered source list.</summary>
public static class BriefingMarkdown
{
    public static string Render(Briefing briefing)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Escape(briefing.Headline)).AppendLine();
        if (briefing.Topic is { } topic)
        {
            md.Append("*Topic:* ").AppendLine(Escape(topic)).AppendLine();
        }

        Section(md, "Key points", briefing.KeyPoints, p => $"- {Escape(p.Text)} {Markers(p.Citations)}");
        Section(md, "Who said what", briefing.Quotes, q => $"- **{Escape(q.Speaker)}**{(q.Role is null ? "" : $", {Escape(q.Role)}")}: “{Escape(q.Quote)}” {Markers([q.Citation])}");
        Section(md, "Reported statements", briefing.ReportedSpeech, r => $"- **{Escape(r.Speaker)}** ({r.Verb}): {Escape(r.Text)} {Markers([r.Citation])}");
        Section(md, "People, organisations and places", briefing.Entities, e =>
            $"- **{Escape(e.Name)}** — {Kind(e.Kind)}{(e.Role is null ? "" : $", {Escape(e.Role)}")}; {e.Count} mention{(e.Count == 1 ? "" : "s")} in {string.Join(", ", e.Mentions.Select(m => m.DocumentId).Distinct().Select(Escape))}");
        Section(md, "Timeline", briefing.Timeline, t =>
            $"- **{Escape(t.Date ?? t.When)}**{(t.Date is null ? "" : $" ({Escape(t.When)})")}{(t.Kind == TimelineKind.NextStep ? " — next step" : "")}: {Escape(t.Text)} {Markers([t.Citation])}");
        if (briefing.OpenQuestions is { } questions)
        {
            Section(md, "Open questions and what to watch", questions, q => $"- {Escape(q.Text)} {Markers(q.Citations)}");
        }

        if (briefing.Citations.Count > 0)
        {
            md.AppendLine("## Sources").AppendLine();
            foreach (var c in briefing.Citations)
            {
                md.Append(CultureInfo.InvariantCulture, $"{c.N}. {Source(c)}: “{Escape(c.Quote)}”").AppendLine();
            }
        }

        return md.ToString().TrimEnd() + "\n";
    }

    internal static string Source(Citation c)
    {
        var published = c.Published is { } p ? $", {p:yyyy-MM-dd}" : "";
        return $"*{Escape(c.Title)}* ({Escape(c.DocumentId)}{published}, passage {c.Chunk}, characters {c.Start}–{c.End})";
    }

    internal static string Kind(EntityKind kind) => kind switch
    {
        EntityKind.Person => "person",
        EntityKind.Organisation => "organisation",
        _ => "place",
    };

    private static void Section<T>(StringBuilder md, string title, IReadOnlyList<T> items, Func<T, string> line)
    {
        if (items.Count == 0)
        {
            return;
        }

        md.Append("## ").AppendLine(title).AppendLine();
        foreach (var item in items)
        {
            md.AppendLine(line(item));
        }

        md.AppendLine();
    }

    private static string Markers(IEnumerable<int> numbers) => string.Concat(numbers.Select(n => $"[{n}]"));

    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#' or '|')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
