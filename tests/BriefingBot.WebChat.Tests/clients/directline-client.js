// Drives the real botframework-directlinejs client against the bot's Direct Line and prints one JSON result line.
// Usage: node directline-client.js <basic|reconnect|refresh> <ws|poll>
// Environment: DL_DOMAIN (http://127.0.0.1:port/v3/directline), DL_TOKEN (a token from the bot), QUESTION.
'use strict';
const WebSocketClient = require('ws');
global.XMLHttpRequest = require('xhr2');

const sockets = [];
class TrackedWebSocket extends WebSocketClient {
  constructor(...args) {
    super(...args);
    sockets.push(this);
  }
}
global.WebSocket = TrackedWebSocket;

const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

const [scenario, mode] = process.argv.slice(2);
const domain = process.env.DL_DOMAIN;
const question = process.env.QUESTION || 'What did Russia demand?';
const userId = 'user-node';
const received = [];
const waiters = [];

function fail(message) {
  console.log(JSON.stringify({ ok: false, error: message, received: received.map(a => a.id) }));
  process.exit(1);
}

setTimeout(() => fail('timed out'), 90000).unref();

function waitFor(predicate, what, timeout = 30000) {
  const found = received.find(predicate);
  if (found) {
    return Promise.resolve(found);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ' + what + ' within ' + timeout + ' ms')), timeout);
    waiters.push({ predicate, resolve: a => { clearTimeout(timer); resolve(a); } });
  });
}

function post(directLine, text) {
  const clientActivityID = 'cid-' + Math.random().toString(36).slice(2, 10);
  return new Promise((resolve, reject) => {
    directLine.postActivity({ type: 'message', from: { id: userId, name: 'Node' }, text, channelData: { clientActivityID } })
      .subscribe(id => (id === 'retry' ? reject(new Error('post answered retry')) : resolve({ id, clientActivityID })), reject);
  });
}

async function exchange(directLine, text) {
  const posted = await post(directLine, text);
  const echo = await waitFor(a => a.channelData && a.channelData.clientActivityID === posted.clientActivityID, 'echo');
  const answer = await waitFor(a => a.type === 'message' && a.replyToId === posted.id && a.from.role === 'bot', 'answer');
  return { posted, echo: { id: echo.id, clientActivityID: echo.channelData.clientActivityID, timestamp: echo.timestamp }, answer };
}

async function main() {
  const directLine = new DirectLine({
    token: process.env.DL_TOKEN,
    domain,
    webSocket: mode === 'ws',
    pollingInterval: 300,
    WebSocket: TrackedWebSocket,
    timeout: 20000
  });
  const statuses = [];
  directLine.connectionStatus$.subscribe(s => statuses.push(s));
  directLine.activity$.subscribe(activity => {
    received.push(activity);
    for (const waiter of waiters.splice(0)) {
      if (waiter.predicate(activity)) {
        waiter.resolve(activity);
      } else {
        waiters.push(waiter);
      }
    }
  }, error => fail('activity$ failed: ' + error));

  const welcome = await waitFor(a => a.type === 'message' && a.from.role === 'bot' && !a.replyToId, 'welcome');
  const first = await exchange(directLine, question);
  const result = { ok: true, scenario, mode, welcome: welcome.text, first, sockets: 0 };

  if (scenario === 'reconnect') {
    const before = sockets.length;
    sockets[sockets.length - 1].terminate();
    await new Promise(r => setTimeout(r, 200));
    result.second = await exchange(directLine, 'help');
    result.socketsOpened = sockets.length - before;
  } else if (scenario === 'refresh') {
    const oldToken = directLine.token;
    const newToken = await new Promise((resolve, reject) => directLine.refreshToken().subscribe(resolve, reject));
    directLine.token = newToken;
    result.oldToken = oldToken;
    result.newToken = newToken;
    result.second = await exchange(directLine, 'sources');
  }

  await new Promise(r => setTimeout(r, 500));
  result.sockets = sockets.length;
  result.statuses = statuses;
  result.online = statuses.includes(ConnectionStatus.Online);
  result.received = received.map(a => ({ id: a.id, type: a.type, role: a.from && a.from.role }));
  console.log(JSON.stringify(result));
  directLine.end();
  process.exit(0);
}

main().catch(error => fail(String(error && error.stack || error)));
