// Reloads and second tabs on the real Web Chat page in headless Chromium (playwright-core). Asks QUESTIONS in one tab,
// reloads it, opens a second tab of the same visitor (same browser profile), asks LATER there, and prints one JSON
// line with the transcript as each DOM showed it at each step (top to bottom).
// Environment: PAGE_URL, QUESTIONS (JSON array), LATER (one question), SCREENSHOT_DIR, CHROMIUM.
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const pageUrl = process.env.PAGE_URL;
const questions = JSON.parse(process.env.QUESTIONS || '[]');
const later = process.env.LATER;
const screenshots = process.env.SCREENSHOT_DIR;
const result = { ok: false, consoleErrors: [], asked: [], reloaded: [], secondTab: [], firstAfterLater: [], secondAfterLater: [], conversations: [] };

function readTranscript() {
  return Array.from(document.querySelectorAll('article.webchat__basic-transcript__activity')).map(article => {
    const bubble = article.querySelector('.webchat__bubble');
    const content = article.querySelector('.webchat__text-content__markdown, .webchat__text-content') || bubble || article;
    return {
      from: bubble && bubble.classList.contains('webchat__bubble--from-user') ? 'user' : 'bot',
      text: content.innerText.replace(/\u200b\d+\u200b/g, '').replace(/\s+/g, ' ').trim()
    };
  });
}

async function open(context) {
  const page = await context.newPage();
  page.on('console', message => { if (message.type() === 'error') result.consoleErrors.push(message.text() + ' ' + (message.location() || {}).url); });
  page.on('pageerror', error => result.consoleErrors.push(String(error)));
  page.on('response', response => { if (response.status() >= 400) result.consoleErrors.push(response.status() + ' ' + response.url()); });
  await page.goto(pageUrl);
  await connected(page);
  return page;
}

async function connected(page) {
  await page.waitForFunction(() => window.directLine && window.directLine.connectionStatus$.getValue() === 2, null, { timeout: 30000 });
  result.conversations.push(await page.evaluate(() => window.directLine.conversationId));
}

// The transcript once it holds at least `count` activities and has stopped changing.
async function settled(page, count) {
  await page.waitForFunction(n => document.querySelectorAll('article.webchat__basic-transcript__activity').length >= n, count, { timeout: 30000 });
  let last = '';
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(400);
    const now = JSON.stringify(await page.evaluate(readTranscript));
    if (now === last) {
      break;
    }
    last = now;
  }
  return JSON.parse(last);
}

async function ask(page, question, count) {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.fill(question);
  await input.press('Enter');
  return settled(page, count);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, locale: 'en-US' });
    const first = await open(context);
    await first.getByText('Hello! I am BriefingBot', { exact: false }).first().waitFor({ timeout: 30000 });
    let count = 1;
    for (const question of questions) {
      count += 2;
      result.asked = await ask(first, question, count);
    }

    await first.reload();
    await connected(first);
    result.reloaded = await settled(first, count);
    if (screenshots) {
      await first.screenshot({ path: path.join(screenshots, 'webchat-reloaded.png'), fullPage: true });
    }

    const second = await open(context);
    result.secondTab = await settled(second, count);

    count += 2;
    result.secondAfterLater = await ask(second, later, count);
    result.firstAfterLater = await settled(first, count);
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
