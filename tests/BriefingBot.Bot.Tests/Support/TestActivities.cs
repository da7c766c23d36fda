using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.Tests.Support;

/// <summary>Activities as the channels send them, and posting them to the bot.</summary>
public static class TestActivities
{
    public const string BotId = "28:briefingbot";
    public const string BotName = "BriefingBot";

    public static Activity Message(string serviceUrl, string text, string channelId = Channels.MsTeams, string conversationType = "groupChat", string? conversationId = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = "1700000000" + Random.Shared.Next(1000, 9999) + "|msg:1",
        Timestamp = DateTimeOffset.UtcNow,
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        From = new ChannelAccount { Id = "29:user-1", Name = "Ada Analyst", AadObjectId = Guid.NewGuid().ToString() },
        Recipient = new ChannelAccount { Id = BotId, Name = BotName },
        Conversation = new ConversationAccount
        {
            Id = conversationId ?? $"19:{Guid.NewGuid():N}@thread.v2;messageid=17",
            ConversationType = conversationType,
            IsGroup = conversationType != "personal",
            TenantId = "tenant-1",
        },
        Text = text,
        TextFormat = "plain",
        Locale = "en-GB",
    };

    /// <summary>A group-chat message that @mentions the bot, as Teams sends it.</summary>
    public static Activity Mentioning(string serviceUrl, string text)
    {
        var activity = Message(serviceUrl, $"<at>{BotName}</at> {text}");
        activity.Entities =
        [
            Entity.From(new MentionEntity(new ChannelAccount { Id = BotId, Name = BotName }, $"<at>{BotName}</at>")),
            Entity.From(new { type = "clientInfo", locale = "en-GB", platform = "Web" }),
        ];
        return activity;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string url, Activity activity, string? token = null) =>
        await PostRawAsync(http, url, JsonSerializer.Serialize(activity, ActivityJson.Options), token);

    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient http, string url, string body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
