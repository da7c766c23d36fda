using System.Globalization;
using System.Text;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Teams;
using BriefingBot.Memory.Answering;

namespace BriefingBot.Bot.Turns;

/// <summary>
/// An answer for channels other than Teams: markdown whose <c>[n]</c> markers are reference links to the cited
/// documents that have a web address, followed by the numbered list of sources.
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
        var (text, claims) = TeamsCitations.Build(answer.Text, answer.Citations);
        var cited = claims.Select(c => answer.Citations.First(x => x.N == c.Position)).ToList();
        var markdown = new StringBuilder(text);
        if (cited.Count > 0)
        {
            markdown.Append("\n\n**Sources**\n");
            foreach (var citation in cited)
            {
                markdown.Append(CultureInfo.InvariantCulture, $"\n- [{citation.N}] **{MarkdownText.Escape(citation.Title)}**");
                if (citation.Source is { Length: > 0 } source && TeamsCitations.WebLink(source) is null)
                {
                    markdown.Append(CultureInfo.InvariantCulture, $" — {MarkdownText.Escape(source)}");
                }

                if (citation.Published is { } published)
                {
                    markdown.Append(CultureInfo.InvariantCulture, $", {published:yyyy-MM-dd}");
                }

                markdown.Append(CultureInfo.InvariantCulture, $": “{MarkdownText.Escape(TeamsCitations.Truncate(citation.Quote, TeamsCitations.MaxAbstractLength))}”");
            }

            var links = cited.Where(c => TeamsCitations.WebLink(c.Source) is not null).ToList();
            if (links.Count > 0)
            {
                markdown.Append('\n');
                foreach (var citation in links)
                {
                    markdown.Append(CultureInfo.InvariantCulture,
                        $"\n[{citation.N}]: {TeamsCitations.WebLink(citation.Source)} \"{citation.Title.Replace("\"", "'", StringComparison.Ordinal)}\"");
                }
            }
        }

        return markdown.ToString();
    }
}
