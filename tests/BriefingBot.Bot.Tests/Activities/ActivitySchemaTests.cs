using System.Text.Json;
using System.Text.Json.Nodes;
using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.Tests.Activities;

public sealed class ActivitySchemaTests
{
    private const string TeamsMessage = """
        {
          "type": "message",
          "id": "1481567603816",
          "timestamp": "2016-12-12T18:33:23.8162Z",
          "localTimestamp": "2016-12-12T10:33:23.8162-08:00",
          "localTimezone": "America/Los_Angeles",
          "serviceUrl": "https://smba.trafficmanager.net/amer/",
          "channelId": "msteams",
          "from": { "id": "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB", "name": "Ada", "aadObjectId": "6be4f4b0-0000", "role": "user", "userPrincipalName": "ada@contoso.com" },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "72f988bf", "id": "19:ja0cu120i1jod12j1ju@thread.tacv2;messageid=1481567603816", "name": "General", "futureField": { "x": [1, 2] } },
          "recipient": { "id": "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c", "name": "BriefingBot" },
          "textFormat": "plain",
          "attachmentLayout": "list",
          "locale": "en-US",
          "text": "<at>BriefingBot</at> What changed?",
          "speak": "What changed?",
          "inputHint": "acceptingInput",
          "summary": "s",
          "attachments": [ { "contentType": "text/html", "content": "<div><at>BriefingBot</at> What changed?</div>", "name": "n", "extra": true } ],
          "entities": [
            { "type": "mention", "mentioned": { "id": "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c", "name": "BriefingBot" }, "text": "<at>BriefingBot</at>" },
            { "type": "clientInfo", "locale": "en-US", "country": "US", "platform": "Web", "timezone": "America/Los_Angeles" }
          ],
          "channelData": { "teamsChannelId": "19:abc@thread.tacv2", "teamsTeamId": "19:def@thread.tacv2", "channel": { "id": "19:abc@thread.tacv2" }, "team": { "id": "19:def@thread.tacv2" }, "tenant": { "id": "72f988bf" }, "eventType": null },
          "suggestedActions": { "to": ["29:1"], "actions": [ { "type": "imBack", "title": "Yes", "value": "yes", "image": "https://x/y.png", "imageAltText": "y", "displayText": "d", "text": "t", "channelData": { "k": 1 }, "futureAction": 7 } ] },
          "replyToId": "1481567603000",
          "value": { "actionName": "feedback", "actionValue": { "reaction": "like" } },
          "name": "message/submitAction",
          "relatesTo": { "activityId": "1", "conversation": { "id": "c" }, "serviceUrl": "https://s/", "channelId": "msteams" },
          "code": "completedSuccessfully",
          "expiration": "2016-12-13T18:33:23Z",
          "importance": "high",
          "deliveryMode": "expectReplies",
          "listenFor": ["yes", "no"],
          "textHighlights": [ { "text": "changed", "occurrence": 1 } ],
          "semanticAction": { "id": "s1", "entities": {}, "state": "start" },
          "membersAdded": [ { "id": "29:2", "name": "Bo" } ],
          "membersRemoved": [ { "id": "29:3" } ],
          "reactionsAdded": [ { "type": "like" } ],
          "reactionsRemoved": [ { "type": "heart" } ],
          "topicName": "Topic",
          "historyDisclosed": false,
          "action": "add",
          "label": "l",
          "valueType": "v",
          "callerId": "urn:botframework:azure",
          "futureTopLevel": { "anything": ["goes", 1, true, null] }
        }
        """;

    [Fact]
    public void Deserialize_TeamsActivityWithUnknownFields_EveryFieldRoundTrips()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsMessage, ActivityJson.Options)!;

        var written = JsonSerializer.Serialize(activity, ActivityJson.Options);

        var expected = JsonNode.Parse(TeamsMessage)!.AsObject();
        var actual = JsonNode.Parse(written)!.AsObject();
        Assert.Equal(expected.Select(p => p.Key).Order(), actual.Select(p => p.Key).Order());
        foreach (var (key, value) in expected)
        {
            Assert.True(JsonNode.DeepEquals(value, actual[key]), $"{key}: expected {value?.ToJsonString()}, got {actual[key]?.ToJsonString()}");
        }
    }

    [Fact]
    public void Deserialize_TypedFields_ReadAsTheirTypes()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsMessage, ActivityJson.Options)!;

        Assert.Equal(new DateTimeOffset(2016, 12, 12, 18, 33, 23, 816, TimeSpan.Zero).AddTicks(2000), activity.Timestamp);
        Assert.Equal(TimeSpan.FromHours(-8), activity.LocalTimestamp!.Value.Offset);
        Assert.Equal("channel", activity.Conversation!.ConversationType);
        Assert.Equal("ada@contoso.com", activity.From!.Properties!["userPrincipalName"].GetString());
        Assert.Equal(2, activity.Entities!.Count);
        Assert.Equal("28:c9e8c047-2a74-40a2-b28a-b162d5f5327c", activity.Entities[0].As<MentionEntity>()!.Mentioned!.Id);
        Assert.Equal("yes", activity.SuggestedActions!.Actions[0].Value!.Value.GetString());
    }

    [Fact]
    public void CreateReply_Message_SwapsAccountsAndRepliesToTheActivity()
    {
        var incoming = JsonSerializer.Deserialize<Activity>(TeamsMessage, ActivityJson.Options)!;

        var reply = ActivityReplies.CreateReply(incoming);

        Assert.Equal(incoming.Recipient!.Id, reply.From!.Id);
        Assert.Equal(incoming.From!.Id, reply.Recipient!.Id);
        Assert.Equal(incoming.Conversation!.Id, reply.Conversation!.Id);
        Assert.Equal(incoming.Id, reply.ReplyToId);
        Assert.Equal(incoming.ServiceUrl, reply.ServiceUrl);
        Assert.Equal("en-US", reply.Locale);
        Assert.Null(reply.Conversation.ConversationType);
    }

    [Theory]
    [InlineData(Channels.DirectLine, false)]
    [InlineData(Channels.WebChat, false)]
    [InlineData(Channels.MsTeams, true)]
    public void CreateReply_ConversationUpdate_ReplyToIdOnlyOutsideDirectLine(string channel, bool expectReplyTo)
    {
        var incoming = new Activity { Type = ActivityTypes.ConversationUpdate, Id = "u1", ChannelId = channel, Conversation = new ConversationAccount { Id = "c" } };

        var reply = ActivityReplies.CreateReply(incoming);

        Assert.Equal(expectReplyTo ? "u1" : null, reply.ReplyToId);
    }
}
