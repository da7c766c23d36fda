using System.Text.Json;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Turns;

namespace BriefingBot.Bot.Teams;

/// <summary>
/// An answer as Teams shows AI answers: the text with <c>[n]</c> markers, one root <c>Message</c> entity with the
/// citations and, for a generated answer only, the AI label, the feedback buttons, and the follow-up questions as suggested actions.
/// </summary>
public static class TeamsAnswerMessage
{
    public static Activity Build(Activity incoming, BotAnswer answer)
    {
        var reply = ActivityReplies.CreateReply(incoming);
        reply.TextFormat = "markdown";
        reply.ChannelData = JsonSerializer.SerializeToElement(new { feedbackLoopEnabled = true }, ActivityJson.Options);
        if (answer.Answer.NoResult)
        {
            reply.Text = answer.Answer.Text;
        }
        else
        {
            var (text, sources) = TeamsCitations.Build(answer.Answer.Text, answer.Answer.Citations);
            var claims = sources.Select(s => s.Claim).ToList();
            reply.Text = text;
            reply.Entities = [Entity.From(new AiMessageEntity { AdditionalType = AiMessageEntity.LabelFor(answer.Answer.Mode), Citation = claims.Count > 0 ? claims : null })];
        }

        reply.SuggestedActions = SuggestedFollowUps.For(answer.FollowUps);
        return reply;
    }
}
