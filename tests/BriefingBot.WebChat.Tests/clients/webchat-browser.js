// Drives the real Web Chat page in headless Chromium (Debian's) with playwright-core and prints one JSON result line.
// Environment: PAGE_URL, QUESTION, SCREENSHOT_DIR, CHROMIUM (default /usr/bin/chromium).
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const pageUrl = process.env.PAGE_URL;
const question = process.env.QUESTION || 'What did Russia demand?';
const shots = process.env.SCREENSHOT_DIR;
const result = { ok: false, external: [], websockets: [], consoleErrors: [], requests: 0 };

function loopback(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'data:' || u.protocol === 'blob:' || u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  } catch (e) {
    return false;
  }
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1000 }, locale: 'en-US' });
    await context.route('**/*', route => {
      const url = route.request().url();
      result.requests++;
      if (loopback(url)) {
        return route.continue();
      }
      result.external.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('websocket', ws => result.websockets.push(ws.url()));
    page.on('console', message => { if (message.type() === 'error') result.consoleErrors.push(message.text()); });
    page.on('pageerror', error => result.consoleErrors.push(String(error)));

    await page.goto(pageUrl);
    await page.waitForFunction(() => window.directLine && window.directLine.connectionStatus$.getValue() === 2, null, { timeout: 30000 });
    await page.getByText('Hello! I am BriefingBot', { exact: false }).first().waitFor({ timeout: 30000 });
    result.welcomeSuggestions = await page.locator('.webchat__suggested-action').count();

    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(question);
    await input.press('Enter');

    const definitions = page.locator('.webchat__link-definitions').last();
    await definitions.waitFor({ timeout: 30000 });
    await page.waitForTimeout(500);
    const answer = page.locator('article.webchat__basic-transcript__activity').filter({ has: page.locator('.webchat__link-definitions') }).last();
    result.answerText = await answer.locator('.webchat__text-content__markdown').innerText();
    result.footnotes = await definitions.innerText();
    result.aiLabel = await answer.locator('.webchat__activity-status__originator').allInnerTexts();
    result.notice = await page.locator('.briefingbot-notice').innerText();
    result.followUps = await page.locator('.webchat__suggested-action').allInnerTexts();
    result.sendFailed = await page.getByText('Send failed', { exact: false }).count();

    result.inlineCitations = await answer.locator('.webchat__render-markdown__citation').count();
    await answer.locator('.webchat__render-markdown__citation').first().click();
    const dialog = page.locator('.webchat__citation-modal-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 10000 });
    result.citationText = await dialog.innerText();
    await page.screenshot({ path: path.join(shots, 'webchat-citation.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});

    const thumbs = answer.locator('.webchat__thumb-button');
    result.thumbs = await thumbs.count();
    await thumbs.first().click();
    await page.waitForTimeout(1500);
    result.thumbPressed = await thumbs.first().getAttribute('aria-pressed');
    await page.screenshot({ path: path.join(shots, 'webchat-answer.png') });
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
