using System.Text.Json.Nodes;

namespace BriefingBot.Memory.Briefings.Rendering;

/// <summary>
/// A briefing as an Adaptive Card (schema 1.5) for Teams and Web Chat: headline, key points, who said what, the
/// timeline and open questions with <c>[n]</c> markers, and the sources in a toggled container.
/// </summary>
public static class BriefingAdaptiveCard
{
    public const string Version = "1.5";
    private const int MaxQuotes = 5;
    private const int MaxTimeline = 6;
    private const int MaxQuoteLength = 280;

    /// <summary>The card as JSON text, with the briefing's conventions (readable quotation marks and non-ASCII text).</summary>
    public static string Serialize(Briefing briefing) => Render(briefing).ToJsonString(BriefingJson.Options);

    /// <summary>How the briefing was made: written in part by a model, or only sentences quoted from the sources.</summary>
    public static string MadeBy(Briefing briefing) => briefing.Mode == BriefingBuilder.GenerativeMode
        ? "AI-generated from the sources: check each point against its quoted passage."
        : "Quoted from the sources: every point is a sentence of the cited passages.";

    public static JsonObject Render(Briefing briefing)
    {
        var body = new JsonArray
        {
            Text(briefing.Headline, size: "Large", weight: "Bolder"),
        };
        if (briefing.Topic is { } topic)
        {
            body.Add(Text($"Topic: {topic}", isSubtle: true));
        }

        body.Add(Text(MadeBy(briefing), isSubtle: true, size: "Small"));

        AddSection(body, "Key points", briefing.KeyPoints.Select(p => $"- {p.Text} {Markers(p.Citations)}"));
        AddSection(body, "Who said what", briefing.Quotes.Take(MaxQuotes).Select(q =>
            $"**{q.Speaker}**{(q.Role is null ? "" : $", {q.Role}")}: “{Shorten(q.Quote)}” [{q.Citation}]"));
        AddSection(body, "Timeline", briefing.Timeline.Take(MaxTimeline).Select(t =>
            $"- **{t.Date ?? t.When}**{(t.Kind == TimelineKind.NextStep ? " (next step)" : "")}: {Shorten(t.Text)} [{t.Citation}]"));
        if (briefing.Entities.Count > 0)
        {
            body.Add(Text("Named", weight: "Bolder", separator: true));
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(Enum.GetValues<EntityKind>()
                    .Select(kind => (kind, names: briefing.Entities.Where(e => e.Kind == kind).Take(8).Select(e => $"{e.Name} ({e.Count})").ToList()))
                    .Where(x => x.names.Count > 0)
                    .Select(x => (JsonNode)new JsonObject { ["title"] = BriefingMarkdown.Kind(x.kind), ["value"] = string.Join(", ", x.names) })
                    .ToArray()),
            });
        }

        if (briefing.OpenQuestions is { } questions)
        {
            AddSection(body, "Open questions and what to watch", questions.Select(q => $"- {q.Text} {Markers(q.Citations)}"));
        }

        var actions = new JsonArray();
        if (briefing.Citations.Count > 0)
        {
            var sources = new JsonArray(briefing.Citations.Select(c =>
                (JsonNode)Text($"[{c.N}] {c.Title} ({c.DocumentId}, passage {c.Chunk}): “{Shorten(c.Quote)}”", isSubtle: true, size: "Small")).ToArray());
            body.Add(new JsonObject { ["type"] = "Container", ["id"] = "sources", ["isVisible"] = false, ["items"] = sources });
            actions.Add(new JsonObject
            {
                ["type"] = "Action.ToggleVisibility",
                ["title"] = $"Sources ({briefing.Citations.Count})",
                ["targetElements"] = new JsonArray("sources"),
            });
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = Version,
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        return card;
    }

    private static void AddSection(JsonArray body, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0)
        {
            return;
        }

        body.Add(Text(title, weight: "Bolder", separator: true));
        body.Add(Text(string.Join("\n", list)));
    }

    private static JsonObject Text(string text, string? size = null, string? weight = null, bool isSubtle = false, bool separator = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (isSubtle)
        {
            block["isSubtle"] = true;
        }

        if (separator)
        {
            block["separator"] = true;
            block["spacing"] = "Medium";
        }

        return block;
    }

    private static string Markers(IEnumerable<int> numbers) => string.Concat(numbers.Select(n => $"[{n}]"));

    private static string Shorten(string text) => text.Length <= MaxQuoteLength ? text : text[..MaxQuoteLength].TrimEnd() + "…";
}
