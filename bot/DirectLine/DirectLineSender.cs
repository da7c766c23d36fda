using System.Text.Json;
using System.Text.Json.Nodes;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Turns;
using BriefingBot.Bot.WebChat;

namespace BriefingBot.Bot.DirectLine;

/// <summary>
/// Delivers the bot's activities into a Direct Line conversation. Stream information carried as a
/// <c>streaminfo</c> entity is mirrored into <c>channelData</c>, where Web Chat looks for it, and the feedback
/// actions of an answer are bound to the answer's id.
/// </summary>
public sealed class DirectLineSender(ConversationHub hub, string conversationId, ChannelAccount bot) : IActivitySender
{
    public async Task<string?> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        activity.From ??= bot;
        activity.From.Role ??= "bot";
        activity.ChannelId ??= Channels.DirectLine;
        MirrorStreamInfo(activity);
        return await hub.AppendAsync(conversationId, activity, cancellationToken, WebChatFeedback.BindActions);
    }

    private static void MirrorStreamInfo(Activity activity)
    {
        var info = activity.Entities?.FirstOrDefault(e => e.IsType("streaminfo"));
        if (info?.Properties is not { } properties)
        {
            return;
        }

        var channelData = activity.ChannelData is { ValueKind: JsonValueKind.Object } existing
            ? JsonObject.Create(existing) ?? []
            : [];
        foreach (var name in new[] { "streamType", "streamSequence", "streamId" })
        {
            if (properties.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                channelData[name] = JsonNode.Parse(value.GetRawText());
            }
        }

        activity.ChannelData = JsonSerializer.SerializeToElement(channelData, ActivityJson.Options);
    }
}
