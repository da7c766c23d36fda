using System.Globalization;
using System.Text;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Teams;
using BriefingBot.Memory.Answering;

namespace BriefingBot.Bot.Turns;

/// <summary>
/// An answer for channels other than Teams: markdown whose <c>[n]</c> markers are reference links to the cited
/// documents that have a web address, followed by the numbered list of sources, one per document with the sentences
/// quoted from it.
/// </summary>
public static class MarkdownAnswerMessage
{
    public static Activity Build(Activity incoming, BotAnswer answer)
    {
        var reply = ActivityReplies.CreateReply(incoming);
        reply.TextFormat = "markdown";
        reply.Text = answer.Answer.NoResult ? answer.Answer.Text : Render(answer.Answer);
        reply.SuggestedActions = SuggestedFollowUps.For(answer.FollowUps);
        return reply;
    }

    public static string Render(Answer answer)
    {
        var (text, sources) = TeamsCitations.Build(answer.Text, answer.Citations);
        var markdown = new StringBuilder(text);
        if (sources.Count > 0)
        {
            markdown.Append("\n\n**Sources**\n");
            foreach (var source in sources)
            {
                var citation = source.First;
                markdown.Append(CultureInfo.InvariantCulture, $"\n- [{source.Position}] **{MarkdownText.Escape(citation.Title)}**");
                if (citation.Source is { Length: > 0 } path && TeamsCitations.WebLink(path) is null)
                {
                    markdown.Append(CultureInfo.InvariantCulture, $" — {MarkdownText.Escape(path)}");
                }

                if (citation.Published is { } published)
                {
                    markdown.Append(CultureInfo.InvariantCulture, $", {published:yyyy-MM-dd}");
                }

                markdown.Append(": ").AppendJoin(" ", source.Quotes.Select(q =>
                    $"“{MarkdownText.Escape(TeamsCitations.Truncate(q, TeamsCitations.MaxAbstractLength))}”"));
            }

            var links = sources.Where(s => TeamsCitations.WebLink(s.First.Source) is not null).ToList();
            if (links.Count > 0)
            {
                markdown.Append('\n');
                foreach (var source in links)
                {
                    markdown.Append(CultureInfo.InvariantCulture,
                        $"\n[{source.Position}]: {TeamsCitations.WebLink(source.First.Source)} \"{source.First.Title.Replace("\"", "'", StringComparison.Ordinal)}\"");
                }
            }
        }

        return markdown.ToString();
    }
}
