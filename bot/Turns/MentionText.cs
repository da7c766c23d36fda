using System.Net;
using System.Text.RegularExpressions;
using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.Turns;

/// <summary>Removes the @mentions of the bot from a message's text, as the Bot Framework SDK does.</summary>
public static class MentionText
{
    public static string RemoveRecipientMentions(Activity activity)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (!entity.IsType("mention"))
            {
                continue;
            }

            var mention = entity.As<MentionEntity>();
            if (mention?.Mentioned?.Id is not { } id || !string.Equals(id, botId, StringComparison.Ordinal))
            {
                continue;
            }

            var mentionText = mention.Text ?? $"<at>{WebUtility.HtmlEncode(mention.Mentioned.Name ?? "")}</at>";
            text = Regex.Replace(text, Regex.Escape(mentionText), "", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }

        return text.Trim();
    }
}
