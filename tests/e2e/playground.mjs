// The Microsoft 365 Agents Playground's page as run.mjs drives it: its DOM (0.2.28, read from its bundle and checked
// against the running client), asking a question and waiting for the replies, finding messages and buttons, and
// screenshots. Environment: E2E_OUT (screenshots), E2E_ANSWER_TIMEOUT_MS.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const out = process.env.E2E_OUT ?? join(here, '..', '..', '.ci', 'out', 'e2e');
export const answerTimeout = Number(process.env.E2E_ANSWER_TIMEOUT_MS ?? 60000);
mkdirSync(out, { recursive: true });
let shot = 0;

// Selectors of the Playground's page.
export const sel = {
  compose: 'div[role=textbox][data-lexical-editor]',
  send: 'button[aria-label="Send Message"]',
  botMessage: '.fai-OutputCard',
  aiLabel: '.fai-AiGeneratedDisclaimer',
  citation: '.fai-Citation',
  feedbackButtons: '.fai-FeedbackButtons',
  like: '.fai-FeedbackButtons__positiveFeedbackButton',
  card: '.ac-adaptiveCard',
  cardImage: '.ac-adaptiveCard img',
  dialog: '[role=dialog]',
  preview: '.fai-PreviewSurface',
  previewLink: '.fai-PreviewHeader__label a[href]',
  previewTitle: '.fai-PreviewMetadata__primaryText',
};

/** A numbered screenshot of `target` (an element; the page when absent or when the element cannot be shot). */
export async function screenshot(page, name, target) {
  const file = join(out, `${String(++shot).padStart(2, '0')}-${name}.png`);
  try {
    await (target ?? page).screenshot({ path: file, timeout: 10000 });
  } catch {
    await page.screenshot({ path: file, timeout: 10000 }).catch(() => {});
  }
  return file;
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

export const clip = (text, n = 100) => (text.length > n ? `${text.slice(0, n - 1)}…` : text).replace(/\s+/g, ' ');

/** Bot messages after index `before`, once at least one arrived and none has followed for a moment. */
export async function waitForReplies(page, before) {
  const messages = page.locator(sel.botMessage);
  const deadline = Date.now() + answerTimeout;
  let count = await messages.count();
  while (count <= before) {
    expect(Date.now() < deadline, `no reply within ${answerTimeout / 1000} s`);
    await page.waitForTimeout(200);
    count = await messages.count();
  }
  // One turn may show as several messages (the Playground draws an answer's text and its card apart): wait until
  // they stop coming.
  let quietSince = Date.now();
  while (Date.now() - quietSince < 1500 && Date.now() < deadline) {
    await page.waitForTimeout(250);
    const now = await messages.count();
    if (now !== count) {
      count = now;
      quietSince = Date.now();
    }
  }
  return Array.from({ length: count - before }, (_, i) => messages.nth(before + i));
}

export async function ask(page, text) {
  const before = await page.locator(sel.botMessage).count();
  await page.locator(sel.compose).click();
  await page.keyboard.type(text);
  await page.locator(sel.send).click();
  return waitForReplies(page, before);
}

/**
 * The whole message a bot card belongs to (header with name, AI label and time; the card; the feedback buttons):
 * the largest ancestor of the card that holds no other bot message. Returned as a locator on a marker attribute.
 */
export async function messageOf(card) {
  const id = `m${Math.random().toString(36).slice(2)}`;
  await card.evaluate((el, [marker, botMessage]) => {
    let node = el;
    while (node.parentElement && node.parentElement.querySelectorAll(botMessage).length === 1) node = node.parentElement;
    node.setAttribute('data-e2e-message', marker);
  }, [id, sel.botMessage]);
  return card.page().locator(`[data-e2e-message="${id}"]`);
}

/**
 * The user's own messages in the chat showing exactly `text` (not a button, not a bot message, not the log panel):
 * how many there are, and the last one as a locator.
 */
async function findUserMessages(page, text) {
  const id = `u${Math.random().toString(36).slice(2)}`;
  const count = await page.evaluate(([wanted, botMessage, marker]) => {
    const cards = [...document.querySelectorAll(botMessage)];
    let chat = cards[0]?.parentElement;
    while (chat && !cards.every((c) => chat.contains(c))) chat = chat.parentElement;
    if (!chat) return 0;
    const found = [...chat.querySelectorAll('*')].filter((e) => e.children.length === 0
      && e.textContent.trim() === wanted && !e.closest('button') && !e.closest(botMessage));
    found.at(-1)?.setAttribute('data-e2e-user', marker);
    return found.length;
  }, [text, sel.botMessage, id]);
  return { count, last: page.locator(`[data-e2e-user="${id}"]`) };
}

/** How many of the user's own messages in the chat show exactly `text`. */
export async function userMessages(page, text) {
  return (await findUserMessages(page, text)).count;
}

/** The last of the user's own messages showing exactly `text`, as a locator (for framing a screenshot). */
export async function userMessage(page, text) {
  return (await findUserMessages(page, text)).last;
}

/** A screenshot of the part of the page that holds every one of `targets` found, with a small margin. */
export async function screenshotAround(page, name, targets) {
  const boxes = [];
  for (const target of targets) {
    const box = await target.boundingBox({ timeout: 2000 }).catch(() => null);
    if (box) boxes.push(box);
  }
  if (boxes.length === 0) return screenshot(page, name);
  const margin = 16;
  const left = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const top = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + margin;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + margin;
  const file = join(out, `${String(++shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, clip: { x: left, y: top, width: right - left, height: bottom - top }, timeout: 10000 })
    .catch(() => {});
  return file;
}

/** Suggested-action buttons the Playground shows under the last message (plain buttons, not Fluent ones). */
export function suggestionButtons(page) {
  return page.locator(`xpath=(//div[contains(concat(' ', normalize-space(@class), ' '), ' fai-OutputCard ')])[last()]`
    + `/following::button[not(contains(concat(' ', normalize-space(@class), ' '), ' fui-Button '))][normalize-space()]`);
}
