/**
 * The simulator page in Debian's headless Chromium: a member of staff's session from question to
 * batch CSV. The page signs real webhook bodies, the real bot answers, and what it sent to the
 * stand-in LINE comes back to the page; nothing here is mocked.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../src/simulator/personas.js';
import { CHROMIUM_SKIP_REASON, hasChromium, launchChromium, localOnlyContext, recordPageErrors } from '../support/chromium.js';
import { startTestSimulator } from './simulator-fixture.js';

/** Replies take milliseconds; a generous bound keeps a loaded CI machine from flaking. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 5000 });

describe.skipIf(!hasChromium)(hasChromium ? 'simulator page in Chromium' : CHROMIUM_SKIP_REASON, () => {
  let simulator: Awaited<ReturnType<typeof startTestSimulator>>;
  let browser: Browser;
  let page: Page;
  let downloads: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [simulator, browser, downloads] = await Promise.all([
      startTestSimulator(),
      launchChromium(['--disable-quic']),
      mkdtemp(path.join(tmpdir(), 'dx-navi-downloads-')),
    ]);
    const context = await localOnlyContext(browser, /^http:\/\/localhost:\d+\//, pageErrors, { acceptDownloads: true });
    page = await context.newPage();
    recordPageErrors(page, pageErrors);
    await page.goto(simulator.url);
    await page.locator('#message-input:not([disabled])').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await simulator?.close();
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  const chat = () => page.locator('#messages');
  const lastBotRow = () => chat().locator('.row-bot:not(.row-loading)').last();

  async function ask(text: string): Promise<void> {
    const before = await chat().locator('.row-bot:not(.row-loading)').count();
    await page.fill('#message-input', text);
    await page.press('#message-input', 'Enter');
    await poll(() => chat().locator('.row-bot:not(.row-loading)').count()).toBeGreaterThan(before);
  }

  it('is an accessible chat: a live log, real buttons, Enter sends and clears the input', async () => {
    expect(await chat().getAttribute('role')).toBe('log');
    expect(await chat().getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('#send').evaluate((node) => node.tagName)).toBe('BUTTON');
    await ask('RPAとは');
    expect(await page.inputValue('#message-input')).toBe('');
    await poll(() => chat().locator('.row-user .bubble-user').last().innerText()).toContain('RPAとは');
  });

  it('shows a glossary answer as a Flex bubble with the definition and its source line', async () => {
    const bubble = lastBotRow().locator('.flex-bubble');
    await bubble.waitFor();
    const text = await bubble.innerText();
    expect(text).toContain('RPA');
    expect(text).toContain('Robotic Process Automation');
    expect(text).toMatch(/出典：.+（令和\d+〜\d+年度|期間の定めなし）/);
  });

  it('explains the answer in the staff panel: intent, tokens and the top hit', async () => {
    await poll(() => page.locator('#explain [data-field="intent"]').innerText()).toContain('definition');
    expect(await page.locator('#explain [data-field="terms"]').innerText()).toContain('rpa');
    const topHit = page.locator('#explain table.hits tbody tr').first();
    expect(await topHit.innerText()).toContain('RPA');
    expect(await topHit.innerText()).toContain('用語');
    expect(await page.locator('#explain .sources li').count()).toBeGreaterThan(0);
    // The answer decision, explained: the rule that decided and how sure the engine is.
    expect(await page.locator('#explain [data-field="decision"]').innerText()).toMatch(/名前.*確信度 \d+/);
    expect(await page.locator('#explain [data-field="decision-features"]').innerText()).toContain('焦点のカバー率');
  });

  it("shows a procedure answer's status and the caveat to check with the city", async () => {
    await ask('児童手当の現況届はオンラインで出せますか');
    // This person never chose a city, and the answer depends on it: asked once more, under the answer.
    await poll(() => lastBotRow().innerText()).toContain('お住まいの市を選ぶと');
    expect(await page.locator('#quick-replies .quick-reply', { hasText: '鹿屋市' }).count()).toBe(1);
    const text = await chat().locator('.flex-bubble').last().innerText();
    expect(text).toContain('児童手当等の現況届');
    expect(text).toContain('マイナポータル');
    expect(text).toContain('受付状況は');
    await poll(() => page.locator('#explain [data-field="intent"]').innerText()).toContain('procedure');
  });

  it('sends a tapped message quick reply as the person, and a postback with its display text', async () => {
    const suggestion = page.locator('#quick-replies .quick-reply', { hasText: '児童扶養手当の現況届の事前送信' });
    await suggestion.click();
    await poll(() => chat().locator('.bubble-user').last().innerText()).toContain('児童扶養手当の現況届の事前送信');
    await poll(() => lastBotRow().innerText()).toContain('児童扶養手当');
    await poll(() => page.locator('.explain-question').innerText()).toContain('児童扶養手当の現況届の事前送信');

    // Keyboard only: focus the 役に立った button and press Enter.
    const helpful = page.locator('#quick-replies .quick-reply', { hasText: /^役に立った$/ });
    await helpful.focus();
    await page.keyboard.press('Enter');
    await poll(() => chat().locator('.bubble-user').last().innerText()).toContain('役に立った');
    await poll(() => lastBotRow().innerText()).toContain('ありがとうございます。今後の改善に役立てます。');
    // The thanks carries no quick replies: the bar goes away, as in LINE.
    await poll(() => page.locator('#quick-replies').isHidden()).toBe(true);
    const feedback = await simulator.store.listFeedback();
    expect(feedback).toHaveLength(1);
    expect(feedback[0]?.helpful).toBe(true);
  });

  it('sends a sticker and shows the bot saying it reads text only', async () => {
    await page.click('#send-sticker');
    await poll(() => chat().locator('.row-user .sticker').count()).toBe(1);
    await poll(() => lastBotRow().innerText()).toContain('スタンプ');
  });

  it('shows the three dots while the bot prepares a reply, until the reply arrives', async () => {
    // Hold the page's webhook request, then start the loading animation as the bot does (a call
    // to the stand-in LINE), so the page is caught waiting, deterministically.
    let intercepted!: () => void;
    const sent = new Promise<void>((resolve) => (intercepted = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/webhook', async (route) => {
      intercepted();
      await held;
      await route.continue();
    });
    try {
      await page.fill('#message-input', '転出届はオンラインで出せますか');
      await page.press('#message-input', 'Enter');
      await sent;
      const loading = await fetch(`${simulator.stub.url}/v2/bot/chat/loading/start`, {
        method: 'POST',
        headers: { authorization: 'Bearer simulator', 'content-type': 'application/json' },
        body: JSON.stringify({ chatId: PERSONAS[0]!.userId, loadingSeconds: 5 }),
      });
      expect(loading.status).toBe(202);
      await poll(() => page.locator('#messages .loading-dots').count()).toBe(1);
      expect(await page.locator('#messages .row-loading').evaluate((row) => row === row.parentElement?.lastElementChild)).toBe(true);
      release();
      await poll(() => lastBotRow().innerText()).toContain('転出');
      expect(await page.locator('#messages .loading-dots').count()).toBe(0);
    } finally {
      release();
      await page.unroute('**/webhook');
    }
  });

  it("keeps each persona's chat, and each persona's city in the bot", async () => {
    const second = PERSONAS[1]!;
    await page.selectOption('#persona', second.id);
    await poll(() => chat().locator('.row-user').count()).toBe(0);
    await page.click('#follow');
    await poll(() => chat().innerText()).toContain('友だち追加ありがとうございます');
    await page.locator('#quick-replies .quick-reply', { hasText: '鹿屋市' }).click();
    await poll(() => lastBotRow().innerText()).toContain('鹿屋市に設定しました');
    await poll(() => page.locator('#chat-subtitle').innerText()).toContain('市の設定：鹿屋市');

    await page.selectOption('#persona', PERSONAS[0]!.id);
    await poll(() => page.locator('#chat-subtitle').innerText()).toContain('市の設定：未設定');
    expect(await chat().innerText()).toContain('RPAとは');
    expect(await chat().innerText()).not.toContain('鹿屋市に設定しました');
  });

  it('runs a batch of two questions and downloads it as CSV with a BOM', async () => {
    await page.click('#tab-batch');
    await page.fill('#batch-questions', 'RPAとは\n児童手当の現況届はオンラインで出せますか');
    await page.click('#batch-run');
    const rows = page.locator('#batch-table tbody tr');
    await poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toMatch(/RPAとは[\s\S]*用語の意味[\s\S]*RPA[\s\S]*はい/);
    expect(await rows.nth(1).innerText()).toContain('手続き');
    expect(await page.locator('#batch-status').innerText()).toContain('2件のうち2件に回答しました');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#batch-csv')]);
    expect(download.suggestedFilename()).toMatch(/^dx-navi-batch-\d{8}-\d{4}\.csv$/);
    const file = path.join(downloads, 'batch.csv');
    await download.saveAs(file);
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toContain('質問,意図,回答できた');
    // The CSV says what the table says.
    expect(csv).toContain('RPAとは,用語の意味,はい');
    expect(csv).toContain('児童手当の現況届はオンラインで出せますか,手続き,はい');
    expect(csv).toContain(',共通,');
  });

  it('keeps the page as tall as the window after a conversation and a batch (no hidden label stretches it)', async () => {
    const { scrollHeight, innerHeight } = (await page.evaluate('({ scrollHeight: document.documentElement.scrollHeight, innerHeight: window.innerHeight })')) as { scrollHeight: number; innerHeight: number };
    expect(scrollHeight).toBeLessThanOrEqual(innerHeight);
  });

  it('stacks the staff panel under the chat on a phone-sized window', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const phone = await page.locator('.phone').boundingBox();
    const staff = await page.locator('.staff').boundingBox();
    expect(phone!.width).toBeLessThanOrEqual(390);
    expect(staff!.y).toBeGreaterThanOrEqual(phone!.y + phone!.height);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('raised no page errors and requested nothing outside the simulator', () => {
    expect(pageErrors).toEqual([]);
  });
});
