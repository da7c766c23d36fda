// Holds a whole conversation on the real Web Chat page in headless Chromium (Debian's) with playwright-core and prints
// one JSON result line: the transcript as the DOM shows it, top to bottom, and the bot's final messages as Direct
// Line delivered them (by the id of the question they reply to), and the Direct Line conversation's id.
// Environment: PAGE_URL, QUESTIONS (JSON array), RAPID ("1": type every question at once, without waiting for the
// answers), SCREENSHOT (path of the full-transcript screenshot), FEEDBACK_ON (click thumbs down under that answer,
// 1-based), CHROMIUM (default /usr/bin/chromium).
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const pageUrl = process.env.PAGE_URL;
const questions = JSON.parse(process.env.QUESTIONS || '[]');
const rapid = process.env.RAPID === '1';
const screenshot = process.env.SCREENSHOT;
const feedbackOn = Number(process.env.FEEDBACK_ON || '0');
const result = { ok: false, external: [], consoleErrors: [], transcript: [], replies: [], sendFailed: 0, conversationId: null };

function loopback(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'data:' || u.protocol === 'blob:' || u.hostname === '127.0.0.1' || u.hostname === 'localhost';
  } catch (e) {
    return false;
  }
}

// Every rendered activity, top to bottom: who said it and the text of its bubble.
function readTranscript() {
  return Array.from(document.querySelectorAll('article.webchat__basic-transcript__activity')).map(article => {
    const bubble = article.querySelector('.webchat__bubble');
    const content = article.querySelector('.webchat__text-content__markdown, .webchat__text-content') || bubble || article;
    const definitions = article.querySelector('.webchat__link-definitions');
    return {
      from: bubble && bubble.classList.contains('webchat__bubble--from-user') ? 'user' : 'bot',
      text: content.innerText.trim(),
      // The titles of the sources listed under the answer (the list alternates numbers and titles).
      sources: definitions
        ? definitions.innerText.split('\n').map(l => l.trim()).filter(l => l && !/^\d+$/.test(l) && !/^\d+ references?$/.test(l))
        : []
    };
  });
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'en-US' });
    await context.route('**/*', route => {
      const url = route.request().url();
      if (loopback(url)) {
        return route.continue();
      }
      result.external.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('console', message => { if (message.type() === 'error') result.consoleErrors.push(message.text()); });
    page.on('pageerror', error => result.consoleErrors.push(String(error)));

    await page.goto(pageUrl);
    await page.waitForFunction(() => window.directLine && window.directLine.connectionStatus$.getValue() === 2, null, { timeout: 30000 });
    await page.evaluate(() => {
      window.__seen = [];
      window.directLine.activity$.subscribe(a => window.__seen.push({
        type: a.type, id: a.id, from: a.from && a.from.role, replyToId: a.replyToId, text: a.text || '',
        streamType: a.channelData && a.channelData.streamType
      }));
    });
    await page.getByText('Hello! I am BriefingBot', { exact: false }).first().waitFor({ timeout: 30000 });

    const input = page.locator('[data-id="webchat-sendbox-input"]');
    // An answer is in when Direct Line delivered a bot message replying to the question's echo.
    const answered = question => page.waitForFunction(text => {
      const echo = window.__seen.find(a => a.from === 'user' && a.type === 'message' && a.text === text && a.id);
      return echo && window.__seen.some(a => a.type === 'message' && a.from === 'bot' && a.replyToId === echo.id);
    }, question, { timeout: 60000 });
    for (const question of questions) {
      await input.fill(question);
      await input.press('Enter');
      if (!rapid) {
        await answered(question);
      }
    }
    for (const question of questions) {
      await answered(question);
    }

    // Let Web Chat render the last activities, then read the transcript once it stops changing.
    let last = '';
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(500);
      const now = JSON.stringify(await page.evaluate(readTranscript));
      if (now === last) {
        break;
      }
      last = now;
    }
    result.transcript = JSON.parse(last);
    result.replies = await page.evaluate(() => {
      const echoes = window.__seen.filter(a => a.from === 'user' && a.type === 'message');
      return echoes.map(echo => ({
        question: echo.text,
        answers: window.__seen.filter(a => a.type === 'message' && a.from === 'bot' && a.replyToId === echo.id).map(a => a.text),
        answerIds: window.__seen.filter(a => a.type === 'message' && a.from === 'bot' && a.replyToId === echo.id).map(a => a.id)
      }));
    });
    result.sendFailed = await page.getByText('Send failed', { exact: false }).count();
    result.conversationId = await page.evaluate(() => window.directLine.conversationId);

    // Thumbs down on the FEEDBACK_ON-th answer (1-based), as a user clicks it under that answer.
    if (feedbackOn > 0) {
      const answer = page.locator('article.webchat__basic-transcript__activity').nth(2 * feedbackOn);
      const dislike = answer.locator('.webchat__thumb-button').nth(1);
      await dislike.click();
      await page.waitForFunction(el => el.getAttribute('aria-pressed') === 'true', await dislike.elementHandle(), { timeout: 10000 });
      result.feedbackPressed = await page.locator('.webchat__thumb-button[aria-pressed="true"]').count();
    }

    if (screenshot) {
      fs.mkdirSync(path.dirname(screenshot), { recursive: true });
      // Grow the window to the whole transcript so that one picture shows every turn.
      const height = await page.evaluate(() => {
        const scroller = document.querySelector('.webchat__basic-transcript__scrollable');
        return scroller ? scroller.scrollHeight + 400 : 2000;
      });
      await page.setViewportSize({ width: 1000, height: Math.min(height, 16000) });
      await page.waitForTimeout(800);
      await page.screenshot({ path: screenshot, fullPage: true });
    }
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
