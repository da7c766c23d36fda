// Plays the channel against the bot with the Bot Framework JS SDK: its BotFrameworkClient posts activities to
// BOT_URL and its ChannelServiceRoutes host the Connector API (the serviceUrl) that records the bot's replies.
// Prints one JSON object with everything observed.
'use strict';
const express = require('express');
const { ChannelServiceHandler, ChannelServiceRoutes, ConfigurationBotFrameworkAuthentication } = require('botbuilder');
const { SimpleCredentialProvider, AuthenticationConfiguration } = require('botframework-connector');

const botUrl = process.env.BOT_URL;
const question = process.env.QUESTION;
const channelId = process.env.CHANNEL_ID || 'msteams';

class RecordingHandler extends ChannelServiceHandler {
  constructor() {
    super(new SimpleCredentialProvider('', ''), new AuthenticationConfiguration());
    this.received = [];
  }

  async onReplyToActivity(claims, conversationId, activityId, activity) {
    this.received.push({ operation: 'replyToActivity', conversationId, activityId, activity });
    return { id: `reply-${this.received.length}` };
  }

  async onSendToConversation(claims, conversationId, activity) {
    this.received.push({ operation: 'sendToConversation', conversationId, activity });
    return { id: `send-${this.received.length}` };
  }
}

function activity(conversationId, extra) {
  return Object.assign({
    type: 'message',
    id: `msg-${Date.now()}`,
    channelId,
    from: { id: '29:peer-user', name: 'Peer User' },
    recipient: { id: '28:briefingbot', name: 'BriefingBot' },
    conversation: { id: conversationId, conversationType: 'groupChat', isGroup: true },
    locale: 'en-US',
  }, extra);
}

async function waitFor(predicate, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (predicate()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function main() {
  const handler = new RecordingHandler();
  const app = express();
  new ChannelServiceRoutes(handler).register(app);
  const server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const serviceUrl = `http://127.0.0.1:${server.address().port}`;
  const client = new ConfigurationBotFrameworkAuthentication({}).createBotFrameworkClient();
  const conversationId = `19:peer-${Date.now()};messageid=1`;
  const result = { serviceUrl, conversationId };

  const asked = activity(conversationId, { text: question });
  const ack = await client.postActivity(undefined, undefined, botUrl, serviceUrl, conversationId, asked);
  result.messageStatus = ack.status;
  await waitFor(() => handler.received.some((r) => r.activity.type === 'message'), 60000);
  result.received = handler.received.slice();
  const answer = handler.received.findIndex((r) => r.activity.type === 'message');
  result.answerId = answer >= 0 ? `reply-${answer + 1}` : null;

  const feedback = activity(conversationId, {
    type: 'invoke',
    name: 'message/submitAction',
    replyToId: result.answerId,
    value: { actionName: 'feedback', actionValue: { reaction: 'like', feedback: '{"feedbackText":"clear and cited"}' } },
  });
  const invoke = await client.postActivity(undefined, undefined, botUrl, serviceUrl, conversationId, feedback);
  result.invoke = { status: invoke.status, body: invoke.body === undefined ? null : invoke.body };

  const expect = activity(`${conversationId}-expect`, { text: question, deliveryMode: 'expectReplies' });
  const replies = await client.postActivity(undefined, undefined, botUrl, serviceUrl, `${conversationId}-expect`, expect);
  result.expectReplies = { status: replies.status, body: replies.body };

  server.close();
  process.stdout.write(JSON.stringify(result));
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
