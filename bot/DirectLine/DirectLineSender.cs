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
        return await hub.AppendAsync(conversationId, activity, cancellationToken, identified =>
        {
            MirrorStreamInfo(identified);
            WebChatFeedback.BindActions(identified);
        });
    }

    /// <summary>
    /// Copies <c>streamType</c>, <c>streamSequence</c> and <c>streamId</c> into <c>channelData</c>. The first activity
    /// of a stream names itself as its stream (its <c>streamId</c> is its own id, the stream's session id): Web Chat
    /// places a chunk next to the earlier chunks with the same <c>channelData.streamId</c>, so without it the first
    /// chunk of every later answer would be placed next to the first chunk of the first answer, above its question.
    /// </summary>
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

        if (channelData["streamId"] is null)
        {
            channelData["streamId"] = activity.Id;
        }

        activity.ChannelData = JsonSerializer.SerializeToElement(channelData, ActivityJson.Options);
    }
}
