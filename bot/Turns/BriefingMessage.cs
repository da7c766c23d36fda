using System.Text.Json;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Teams;
using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Briefings.Rendering;

namespace BriefingBot.Bot.Turns;

/// <summary>
/// A briefing as a reply: an Adaptive Card where the channel renders cards (Teams, Web Chat, the Emulator), with the
/// Markdown briefing as the text elsewhere. A briefing a model helped write carries the AI label (Teams shows it).
/// </summary>
public static class BriefingMessage
{
    public const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";

    private static readonly HashSet<string> CardChannels = [Channels.MsTeams, Channels.WebChat, Channels.DirectLine, Channels.Emulator];

    public static Activity Build(Activity incoming, Briefing briefing)
    {
        var reply = ActivityReplies.CreateReply(incoming);
        if (CardChannels.Contains(incoming.ChannelId ?? ""))
        {
            reply.Text = briefing.Headline;
            reply.Attachments =
            [
                new Attachment
                {
                    ContentType = AdaptiveCardType,
                    Content = JsonSerializer.SerializeToElement(BriefingAdaptiveCard.Render(briefing)),
                },
            ];
        }
        else
        {
            reply.Text = BriefingMarkdown.Render(briefing);
            reply.TextFormat = "markdown";
        }

        if (AiMessageEntity.LabelFor(briefing.Mode) is { } label)
        {
            reply.Entities = [Entity.From(new AiMessageEntity { AdditionalType = label })];
        }

        return reply;
    }
}
