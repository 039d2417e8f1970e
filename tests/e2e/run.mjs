// Drives the Microsoft 365 Agents Playground (channel msteams) in headless Chromium against a running bot and
// prints one line per check: PASS or FAIL. run.sh starts the bot and the Playground and passes their
// addresses in; this script only speaks to the browser.
//
// Environment: E2E_PLAYGROUND_URL (required), E2E_CHROMIUM (browser binary), E2E_OUT (screenshots, frames),
// E2E_COUNTS (file that receives "passed failed skipped"), E2E_ANSWER_TIMEOUT_MS, E2E_FEEDBACK_STORE_CMD.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import {
  answerTimeout, ask, clip, expect, messageOf, out, screenshot, screenshotAround, sel, suggestionButtons, userMessage,
  userMessages, waitForReplies,
} from './playground.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const scenario = JSON.parse(readFileSync(join(here, 'scenario.json'), 'utf8'));

const url = process.env.E2E_PLAYGROUND_URL;
const chromiumPath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

const counts = { passed: 0, failed: 0, skipped: 0 };

// "skipped" stays in the counts .ci/run reads, though every check now runs.
function report(status, name, detail) {
  counts[{ PASS: 'passed', FAIL: 'failed' }[status]]++;
  console.log(`${status} e2e: ${name}${detail ? ` — ${detail}` : ''}`);
}

/** Runs one check: PASS with what it saw, FAIL with why (and a screenshot). */
async function check(page, name, fn) {
  try {
    const result = await fn();
    report('PASS', name, result?.detail);
    return result ?? {};
  } catch (error) {
    const file = await screenshot(page, 'failed');
    report('FAIL', name, `${String(error.message).split('\n')[0]} (screenshot ${file})`);
    return undefined;
  }
}

async function feedbackInStore(comment) {
  const command = process.env.E2E_FEEDBACK_STORE_CMD;
  expect(command, 'E2E_FEEDBACK_STORE_CMD is not set (run.sh sets it)');
  const { stdout } = await promisify(execFile)('bash', ['-c', command], { timeout: 120000, maxBuffer: 16 << 20 });
  writeFileSync(join(out, 'feedback-export.json'), stdout);
  const records = JSON.parse(stdout);
  const list = Array.isArray(records) ? records : records.feedback ?? records.records ?? [];
  const mine = list.find((r) => JSON.stringify(r).includes(comment));
  expect(mine, `no stored feedback carries the comment "${comment}" (${list.length} record(s); see feedback-export.json)`);
  return mine;
}

async function main() {
  expect(url, 'E2E_PLAYGROUND_URL is not set');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // Every frame the Playground pushes to its page (the bot's activities as the client receives them), for diagnosis.
    const frames = join(out, 'playground-frames.jsonl');
    writeFileSync(frames, '');
    page.on('websocket', (ws) => ws.on('framereceived', (f) => appendFileSync(frames, `${f.payload}\n`)));
    await page.goto(url, { waitUntil: 'domcontentloaded' });

    // (a) The welcome: the bot greets the new conversation once, with example questions shown whole on its buttons.
    let examples = [];
    await check(page, 'welcome message appears once with whole example questions', async () => {
      const welcome = page.locator(sel.botMessage, { hasText: scenario.welcome });
      await welcome.first().waitFor({ timeout: answerTimeout });
      await page.waitForTimeout(2000); // a second welcome would arrive within milliseconds of the first
      await screenshot(page, 'welcome');
      const n = await welcome.count();
      expect(n === 1, `the welcome appears ${n} times`);
      examples = (await suggestionButtons(page).allInnerTexts()).map((t) => t.trim());
      expect(examples.length > 0, 'the welcome has no example-question buttons');
      // The Playground sends a button's title as the question: a title cut short with "…" asks a cut-off question.
      const cut = examples.filter((t) => t.endsWith('…') || t.length > 40);
      expect(cut.length === 0, `example buttons not shown whole (over 40 characters or cut): ${cut.join(' | ')}`);
      return { detail: `${clip(await welcome.first().innerText(), 60)} (buttons: ${examples.join(' | ')})` };
    });

    // (b) A figure question, asked with the welcome's first button: the figure and a citation.
    let answer;
    const figure = await check(page, 'example button asks its whole question, answered with the figure and a citation', async () => {
      expect(examples.includes(scenario.figureQuestion), `no welcome button reads "${scenario.figureQuestion}" (buttons: ${examples.join(' | ')})`);
      const before = await page.locator(sel.botMessage).count();
      await suggestionButtons(page).filter({ hasText: scenario.figureQuestion }).first().click();
      answer = (await waitForReplies(page, before))[0];
      const text = await answer.innerText();
      await screenshot(page, 'figure-answer', await messageOf(answer));
      expect(await userMessages(page, scenario.figureQuestion) === 1, `"${scenario.figureQuestion}" was not sent whole as the user's message`);
      expect(!new RegExp(scenario.errorReply, 'i').test(text), `the bot replied with an error: ${clip(text)}`);
      expect(new RegExp(scenario.figure, 'i').test(text), `no figure matching /${scenario.figure}/ in: ${clip(text, 200)}`);
      // A citation is a pill (Teams' citation entity) or a numbered marker with a linked source in the text.
      const pills = await answer.locator(sel.citation).count();
      const marker = /\[\d+\]/.test(text);
      const links = await answer.locator('a[href^="http"]').count();
      expect(pills > 0 || (marker && links > 0), `no citation: ${pills} pill(s), marker ${marker}, ${links} source link(s)`);
      return { detail: `${clip(text, 90)} (${pills ? `${pills} citation pill(s)` : `[n] marker and ${links} source link(s)`})` };
    });

    // The AI label and the citation pill the Playground draws from the schema.org Message entity.
    await check(page, 'answer carries the "AI generated" label', async () => {
      expect(figure, 'no answer to look at');
      const label = (await messageOf(answer)).locator(sel.aiLabel);
      expect(await label.count() > 0, `no ${sel.aiLabel} in the answer's header`);
      const text = (await label.first().innerText()).trim();
      expect(/AI generated/i.test(text), `label reads "${text}"`);
      return { detail: `label "${text}"` };
    });

    await check(page, 'citation pill shows its source', async () => {
      expect(figure, 'no answer to look at');
      // The Playground (0.2.28) draws a message that carries suggested actions without its pills (Teams shows both),
      // so the pills are checked on an answer without follow-ups; see the README.
      const followUps = await suggestionButtons(page).count();
      expect(followUps === 0, `the answer carries ${followUps} follow-up(s), and the Playground draws no pills on such a message`);
      const pills = answer.locator(sel.citation);
      expect(await pills.count() > 0, `no ${sel.citation} pill in the answer`);
      const number = (await pills.first().innerText()).trim();
      // The question and its answer (AI label, pill, feedback buttons), framed for the README.
      await screenshotAround(page, 'answer', [await userMessage(page, scenario.figureQuestion), await messageOf(answer)]);
      // The preview opens on hover (a click toggles it shut again).
      await pills.first().hover();
      const preview = page.locator(sel.preview).last();
      await preview.waitFor({ timeout: 10000 });
      await page.waitForTimeout(600); // let it fade in before the screenshot
      await screenshot(page, 'citation-preview');
      const link = preview.locator(sel.previewLink).first();
      expect(await link.count() > 0, 'the preview has no link to the source');
      const href = await link.getAttribute('href');
      const title = (await preview.locator(sel.previewTitle).first().innerText().catch(() => '')).trim();
      expect(/^https?:\/\//.test(href ?? ''), `the preview links to "${href}"`);
      expect(title.length > 0, 'the preview names no source title');
      await page.mouse.move(0, 0);
      return { detail: `[${number}] "${clip(title, 60)}" → ${href}` };
    });

    // (e) Feedback on that answer: thumbs buttons, the dialog, the invoke and the stored record with its question.
    const comment = `e2e ${new Date().toISOString()} figure and source were right`;
    const gave = await check(page, 'feedback buttons send a like with a comment', async () => {
      expect(figure, 'no answer to give feedback on');
      const message = await messageOf(answer);
      expect(await message.locator(sel.feedbackButtons).count() > 0, `no ${sel.feedbackButtons} on the answer`);
      await message.locator(sel.like).click();
      const dialog = page.locator(sel.dialog).filter({ hasText: 'Submit feedback' }).last();
      await dialog.waitFor({ timeout: 10000 });
      await dialog.locator('textarea').fill(comment);
      await screenshot(page, 'feedback-dialog', dialog);
      await dialog.getByRole('button', { name: 'Submit' }).click();
      const outcome = page.locator(sel.dialog).filter({ hasText: /Thank you!|Unable to reach app/ }).last();
      await outcome.waitFor({ timeout: 20000 });
      const said = (await outcome.innerText()).replace(/\s+/g, ' ').trim();
      await screenshot(page, 'feedback-sent', outcome);
      await outcome.getByRole('button', { name: 'Close' }).click().catch(() => {});
      expect(/Thank you!/.test(said), `the Playground says: ${said} (the bot did not answer the message/submitAction invoke with 200)`);
      return { detail: said };
    });

    await check(page, 'feedback lands in the store with its question', async () => {
      expect(gave, 'no feedback was given');
      const record = await feedbackInStore(comment);
      // The Playground's invoke names no message, so the bot ties it to the conversation's latest answer: this one.
      expect(record.reaction === 'like', `stored reaction "${record.reaction}"`);
      expect(record.question === scenario.figureQuestion, `stored question "${record.question}", not "${scenario.figureQuestion}"`);
      expect(new RegExp(scenario.figure, 'i').test(record.answer ?? ''), `stored answer "${clip(record.answer ?? '')}" lacks the figure`);
      return { detail: `reaction: ${record.reaction}, question: ${record.question}, matched by: ${record.matchedBy}` };
    });

    // (d) A follow-up button: under an answer that offers some, clicking one asks a new question that is answered.
    await check(page, 'follow-up button asks a new question and is answered', async () => {
      const replies = await ask(page, scenario.followUpQuestion);
      const first = await replies[0].innerText();
      expect(!new RegExp(scenario.errorReply, 'i').test(first), `the bot replied with an error: ${clip(first)}`);
      const buttons = suggestionButtons(page);
      await buttons.first().waitFor({ timeout: 5000 }).catch(() => {});
      const titles = (await buttons.allInnerTexts()).map((t) => t.trim());
      expect(titles.length > 0, `no follow-up buttons under the answer to "${scenario.followUpQuestion}"`);
      const repeats = titles.filter((t) => t.toLowerCase() === scenario.followUpQuestion.toLowerCase());
      expect(repeats.length === 0, `a follow-up repeats the question: ${titles.join(' | ')}`);
      const cut = titles.filter((t) => t.endsWith('…') || t.length > 40);
      expect(cut.length === 0, `follow-ups not shown whole: ${cut.join(' | ')}`);
      const before = await page.locator(sel.botMessage).count();
      const asked = await userMessages(page, titles[0]);
      await buttons.first().click();
      const followed = await waitForReplies(page, before);
      const text = await followed[0].innerText();
      await screenshot(page, 'follow-up-answer', await messageOf(followed[0]));
      expect(await userMessages(page, titles[0]) > asked, `"${titles[0]}" was not sent as the user's message`);
      expect(text.trim().length > 0 && !new RegExp(scenario.errorReply, 'i').test(text), `the reply is empty or an error: ${clip(text)}`);
      return { detail: `"${titles[0]}" → ${clip(text, 80)} (buttons: ${titles.join(' | ')})` };
    });

    // (c) A chart request: a card with the chart image, decoded by the browser, naming both indicators.
    let chartCard;
    await check(page, 'chart request renders a card with an image', async () => {
      const replies = await ask(page, scenario.chartRequest);
      for (const reply of replies) {
        if (await reply.locator(sel.card).count() > 0) chartCard = reply;
      }
      expect(chartCard, `no Adaptive Card among ${replies.length} repl(ies): ${clip(await replies[0].innerText())}`);
      const image = chartCard.locator(sel.cardImage).first();
      expect(await chartCard.locator(sel.cardImage).count() > 0, 'the card has no image');
      await image.scrollIntoViewIfNeeded();
      const size = await image.evaluate((img) => (img.complete ? [img.naturalWidth, img.naturalHeight] : [0, 0]));
      await screenshot(page, 'chart-card', await messageOf(chartCard));
      expect(size[0] > 0 && size[1] > 0, 'the image did not load');
      return { detail: `${size[0]}×${size[1]} image in the card` };
    });

    await check(page, 'two-indicator chart shows both indicators', async () => {
      expect(chartCard, 'no chart card');
      const text = (await chartCard.locator(sel.card).innerText()).toLowerCase();
      const missing = scenario.chartIndicators.filter((name) => !text.includes(name.toLowerCase()));
      expect(missing.length === 0, `the card does not name ${missing.join(', ')}`);
      return { detail: scenario.chartIndicators.join(' and ') };
    });

    await screenshot(page, 'conversation');
  } finally {
    await browser.close();
  }
}

const started = Date.now();
try {
  await main();
} catch (error) {
  report('FAIL', 'Playground session', String(error.message).split('\n')[0]);
}
const took = ((Date.now() - started) / 1000).toFixed(1);
console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (browser checks ${took} s; screenshots in ${out})`);
if (process.env.E2E_COUNTS) writeFileSync(process.env.E2E_COUNTS, `${counts.passed} ${counts.failed} ${counts.skipped}\n`);
process.exitCode = counts.failed > 0 || counts.passed === 0 ? 1 : 0;
