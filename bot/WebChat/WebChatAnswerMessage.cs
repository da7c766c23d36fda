using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Teams;
using BriefingBot.Bot.Turns;
using BriefingBot.Memory.Answering;

namespace BriefingBot.Bot.WebChat;

/// <summary>
/// An answer as Bot Framework Web Chat shows citations: the text keeps its <c>[n]</c> markers, each defined as a
/// <c>cite:n</c> reference link, and the root schema.org <c>Message</c> entity holds one <c>Claim</c> per marker whose
/// appearance is the quoted passage (Web Chat opens it in a dialog when the footnote is clicked). The entity also
/// carries the label (AI-generated for a model's answer; quoted from the sources for an extractive one, whose text is
/// the sources' own sentences) and the thumbs up/down actions.
/// </summary>
public static class WebChatAnswerMessage
{
    public const string AiLabel = "AI-generated answer";
    public const string QuotedLabel = "Quoted from the sources";

    public static Activity Build(Activity incoming, BotAnswer answer)
    {
        var reply = ActivityReplies.CreateReply(incoming);
        reply.TextFormat = "markdown";
        reply.SuggestedActions = SuggestedFollowUps.For(answer.FollowUps);
        if (answer.Answer.NoResult)
        {
            reply.Text = answer.Answer.Text;
            return reply;
        }

        var generated = AiMessageEntity.IsGenerated(answer.Answer.Mode);
        var (text, sources) = TeamsCitations.Build(answer.Answer.Text, answer.Answer.Citations);
        var markdown = new StringBuilder(text);
        var citations = new JsonArray();
        if (sources.Count > 0)
        {
            markdown.Append('\n');
        }

        foreach (var source in sources)
        {
            var claim = source.Claim;
            var title = claim.Appearance.Name;
            markdown.Append(CultureInfo.InvariantCulture, $"\n[{claim.Position}]: cite:{claim.Position} \"{title.Replace("\"", "'", StringComparison.Ordinal)}\"");
            var item = new JsonObject
            {
                ["@type"] = "Claim",
                ["position"] = claim.Position,
                ["appearance"] = new JsonObject
                {
                    ["@type"] = "DigitalDocument",
                    ["name"] = title,
                    ["abstract"] = claim.Appearance.Abstract,
                    ["text"] = Passage(source),
                },
            };
            if (citations.Count == 0)
            {
                item["claimInterpreter"] = new JsonObject { ["@type"] = "Project", ["name"] = "BriefingBot", ["slogan"] = generated ? AiLabel : QuotedLabel };
            }

            citations.Add(item);
        }

        reply.Text = markdown.ToString();
        var entity = new JsonObject
        {
            ["type"] = WebChatFeedback.MessageEntityType,
            ["@context"] = "https://schema.org",
            ["@id"] = "",
            ["@type"] = "Message",
            ["citation"] = citations,
            ["potentialAction"] = WebChatFeedback.Actions(),
        };
        if (generated)
        {
            entity["keywords"] = new JsonArray(AiMessageEntity.AiGeneratedContent);
        }

        reply.Entities = [Entity.From(entity)];
        return reply;
    }

    /// <summary>
    /// What the citation dialog shows: each sentence quoted from the document (one quote: with the passage around it),
    /// and where it comes from.
    /// </summary>
    public static string Passage(CitedSource source)
    {
        var text = new StringBuilder();
        foreach (var quote in source.Quotes)
        {
            text.Append("> ").Append(MarkdownText.Escape(quote)).Append("\n\n");
        }

        var citation = source.First;
        if (source.Citations.Count == 1 && citation.Quote.Length > 0 && citation.Text.Length > citation.Quote.Length)
        {
            text.Append(MarkdownText.Escape(citation.Text)).Append("\n\n");
        }

        text.Append("— *").Append(MarkdownText.Escape(citation.Title)).Append('*');
        if (citation.Published is { } published)
        {
            text.Append(CultureInfo.InvariantCulture, $", {published:yyyy-MM-dd}");
        }

        if (TeamsCitations.WebLink(citation.Source) is { } link)
        {
            text.Append(CultureInfo.InvariantCulture, $" · [Open the source]({link})");
        }
        else if (citation.Source is { Length: > 0 } path && !Path.IsPathRooted(path))
        {
            text.Append(" · ").Append(MarkdownText.Escape(path));
        }

        return text.ToString();
    }
}
