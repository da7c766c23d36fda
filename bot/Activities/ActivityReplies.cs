namespace BriefingBot.Bot.Activities;

/// <summary>Builds replies the way the Bot Framework SDK does, so channels see the shape they expect.</summary>
public static class ActivityReplies
{
    /// <summary>
    /// A reply to <paramref name="incoming"/>: from/recipient swapped, same conversation, channel, serviceUrl and
    /// locale, and <c>replyToId</c> the incoming id (left out for a Direct Line or Web Chat conversationUpdate).
    /// </summary>
    public static Activity CreateReply(Activity incoming, string type = ActivityTypes.Message)
    {
        var conversation = incoming.Conversation;
        var isDirectLineUpdate = incoming.IsType(ActivityTypes.ConversationUpdate)
            && incoming.ChannelId is Channels.DirectLine or Channels.WebChat;
        return new Activity
        {
            Type = type,
            ChannelId = incoming.ChannelId,
            ServiceUrl = incoming.ServiceUrl,
            From = Copy(incoming.Recipient),
            Recipient = Copy(incoming.From),
            Conversation = conversation is null ? null : new ConversationAccount
            {
                Id = conversation.Id,
                Name = conversation.Name,
                IsGroup = conversation.IsGroup,
            },
            Locale = incoming.Locale,
            ReplyToId = isDirectLineUpdate ? null : incoming.Id,
        };
    }

    private static ChannelAccount? Copy(ChannelAccount? account) => account is null ? null : new ChannelAccount
    {
        Id = account.Id,
        Name = account.Name,
        AadObjectId = account.AadObjectId,
        Role = account.Role,
    };
}
