using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.Channel;

/// <summary>What an incoming activity must have before the bot acts on it.</summary>
public static class ActivityValidation
{
    /// <summary>The reason the activity cannot be processed, or null.</summary>
    public static string? Problem(Activity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity has no 'type'.";
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            return "The activity has no 'channelId'.";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return "The activity has no 'conversation.id'.";
        }

        var needsServiceUrl = !activity.IsType(ActivityTypes.Invoke)
            && !string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.OrdinalIgnoreCase);
        if (activity.ServiceUrl is { } serviceUrl)
        {
            if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                return $"The activity's 'serviceUrl' ('{serviceUrl}') is not an absolute http(s) URL.";
            }
        }
        else if (needsServiceUrl)
        {
            return "The activity has no 'serviceUrl' to send the replies to.";
        }

        return null;
    }
}
