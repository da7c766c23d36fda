// Loads the one-line embed into pages of two other origins (served inside the browser, nothing leaves loopback):
// the allowed origin gets the chat bubble, a token and an answer; the other origin is refused a token.
// Environment: BOT_URL (http://127.0.0.1:port), ALLOWED_ORIGIN, DENIED_ORIGIN, SCREENSHOT_DIR, CHROMIUM.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const botUrl = process.env.BOT_URL;
const allowed = process.env.ALLOWED_ORIGIN;
const denied = process.env.DENIED_ORIGIN;
const result = { ok: false, external: [] };

function hostPage(title) {
  return '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>' + title + '</title></head>' +
    '<body style="font-family:sans-serif;margin:40px"><h1>' + title + '</h1><p>A site that embeds BriefingBot.</p>' +
    '<script src="' + botUrl + '/embed.js" defer></script></body></html>';
}

async function openEmbed(context, origin) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', error => errors.push(String(error)));
  await page.goto(origin + '/');
  const bubble = page.locator('.briefingbot-bubble');
  await bubble.waitFor({ timeout: 15000 });
  await bubble.click();
  return { page, errors };
}

async function main() {
  fs.mkdirSync(process.env.SCREENSHOT_DIR, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // The host pages stand for public sites while the bot runs on loopback, which Chromium's local network access
    // checks would block; a real deployment has the bot on a public address.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights']
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    await context.route('**/*', route => {
      const url = new URL(route.request().url());
      if (url.origin === allowed || url.origin === denied) {
        return route.fulfill({ status: 200, contentType: 'text/html', body: hostPage('News site ' + url.host) });
      }
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') {
        return route.continue();
      }
      result.external.push(url.href);
      return route.abort();
    });

    const good = await openEmbed(context, allowed);
    const input = good.page.locator('.briefingbot-panel [data-id="webchat-sendbox-input"]');
    await input.waitFor({ timeout: 30000 });
    await good.page.getByText('Hello! I am BriefingBot', { exact: false }).first().waitFor({ timeout: 30000 });
    await input.fill('What did Russia demand?');
    await input.press('Enter');
    await good.page.locator('.briefingbot-panel .webchat__render-markdown__citation').first().waitFor({ timeout: 30000 });
    result.allowedAnswer = await good.page.locator('.briefingbot-panel .webchat__text-content__markdown').last().innerText();
    result.allowedErrors = good.errors;
    await good.page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, 'embed-allowed-origin.png') });

    const bad = await openEmbed(context, denied);
    const status = bad.page.locator('.briefingbot-panel .briefingbot-status');
    await bad.page.waitForFunction(() => /cannot start/.test((document.querySelector('.briefingbot-panel .briefingbot-status') || {}).textContent || ''), null, { timeout: 30000 });
    result.deniedStatus = await status.innerText();
    result.deniedHasWebChat = await bad.page.locator('.briefingbot-panel [data-id="webchat-sendbox-input"]').count();
    result.ok = true;
  } finally {
    await browser.close();
  }
}

main().then(() => {
  console.log(JSON.stringify(result));
  process.exit(0);
}, error => {
  result.error = String(error && error.stack || error);
  console.log(JSON.stringify(result));
  process.exit(1);
});
