/**
 * The FAQ tab in Debian's headless Chromium: staff turn an unanswered question into an FAQ,
 * preview how the bot answers before and after, save it, and the simulator (answering with the
 * same running engine) replies with it. Nothing is mocked; knowledge is a temporary copy.
 */
import type { Server } from 'node:http';
import { once } from 'node:events';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/logging/logger.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/start-simulator.js';
import { scenarioBodies } from '../insights/scenario.js';
import { sendAll } from '../insights/webhook-events.js';
import { CHROMIUM_SKIP_REASON, hasChromium, launchChromium, localOnlyContext, recordPageErrors } from '../support/chromium.js';
import { knowledgeWithFaqs, removeKnowledge } from '../support/faq-knowledge.js';
import { ADMIN_TOKEN, startAdminHarness, type AdminHarness } from './admin-harness.js';

const ANSWER = '（テスト用）図書館の開館時間の回答です。';

describe.skipIf(!hasChromium)(hasChromium ? 'FAQ tab in Chromium' : CHROMIUM_SKIP_REASON, { timeout: 90_000 }, () => {
  let h: AdminHarness;
  let simulator: RunningSimulator;
  let knowledgeDir: string;
  let server: Server;
  let browser: Browser;
  let admin: Page;
  let chat: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    knowledgeDir = await knowledgeWithFaqs();
    [h, browser] = await Promise.all([
      startAdminHarness({ knowledgeDir }),
      launchChromium(),
    ]);
    simulator = await startSimulator({ port: 0, memory: true, currentEngine: () => h.engine.current(), logger: memoryLogger() });
    await sendAll(h, scenarioBodies());
    server = h.bot.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const context = await localOnlyContext(browser, /^http:\/\/(127\.0\.0\.1|localhost):\d+\//, pageErrors);
    admin = await context.newPage();
    chat = await context.newPage();
    for (const page of [admin, chat]) recordPageErrors(page, pageErrors);
    await admin.goto(`http://127.0.0.1:${address.port}/admin`);
    await chat.goto(simulator.url);
    await chat.locator('#message-input:not([disabled])').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await simulator?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
    await h?.close();
    if (knowledgeDir) await removeKnowledge(knowledgeDir);
  });

  const lastBotRow = () => chat.locator('#messages .row-bot:not(.row-loading)').last();
  async function ask(text: string): Promise<string> {
    const before = await chat.locator('#messages .row-bot:not(.row-loading)').count();
    await chat.fill('#message-input', text);
    await chat.press('#message-input', 'Enter');
    await expect.poll(() => chat.locator('#messages .row-bot:not(.row-loading)').count()).toBeGreaterThan(before);
    return lastBotRow().innerText();
  }

  it('turns an unanswered question into a pre-filled FAQ', async () => {
    expect(await ask('図書館の開館時間は？')).not.toContain(ANSWER);
    await admin.getByLabel('管理トークン').fill(ADMIN_TOKEN);
    await admin.getByRole('button', { name: 'ログイン' }).click();
    await admin.locator('#app').waitFor();
    await admin.getByLabel('開始日').fill('2026-06-01');
    await admin.getByLabel('終了日').fill('2026-06-04');
    await admin.getByRole('button', { name: '表示', exact: true }).click();
    await admin.getByRole('button', { name: '「図書館の開館時間は？」をFAQにする' }).click();
    await admin.locator('#faq-form-section').waitFor();
    expect(await admin.getByRole('tab', { name: 'よくある質問（FAQ）' }).getAttribute('aria-selected')).toBe('true');
    expect(await admin.getByLabel('質問', { exact: true }).inputValue()).toBe('図書館の開館時間は？');
    expect(await admin.locator('#faq-municipality').inputValue()).toBe('共通');
  });

  it('previews how the bot answers now and after saving', async () => {
    await admin.getByLabel('言い換え（1行に1つ）').fill('図書館は何時まで');
    await admin.getByLabel('回答（500文字まで、です・ます）').fill(ANSWER);
    await admin.getByLabel('担当（課と電話番号、なくてもよい）').fill('テスト課 0994-00-0003');
    await admin.getByLabel('出典（URL、または資料名と日付）').fill('テスト用の資料 2026-04-01');
    await admin.getByLabel('試す質問（1行に1つ、なくてもよい）').fill('RPAとは');
    await admin.getByRole('button', { name: 'プレビュー' }).click();
    const rows = admin.locator('#faq-preview-result tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    const wording = rows.filter({ hasText: '図書館は何時まで' }).first();
    expect(await wording.innerText()).toContain(ANSWER);
    expect(await wording.innerText()).toContain('変わる');
    expect(await rows.filter({ hasText: 'RPAとは' }).first().innerText()).toContain('同じ');
    // Previewing wrote nothing.
    expect(await ask('図書館は何時まで')).not.toContain(ANSWER);
  });

  it('saves it, and the simulator answers with it at once', async () => {
    await admin.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => admin.locator('#faq-result').textContent(), { timeout: 30_000 }).toContain('追加しました');
    await expect.poll(() => admin.locator('#faq-list').textContent()).toContain('図書館の開館時間は？');
    const reply = await ask('図書館の開館時間は？');
    expect(reply).toContain(ANSWER);
    expect(reply).toContain('テスト課 0994-00-0003');
    expect(reply).toContain('出典：テスト用の資料 2026-04-01');
    await expect.poll(() => admin.locator('#faq-changes').textContent()).toContain('ADMIN_TOKEN');
  });

  it('undoes the addition from the change log, and the simulator stops answering with it', async () => {
    admin.once('dialog', (dialog) => void dialog.accept());
    await admin.locator('#faq-changes tbody tr').first().getByRole('button', { name: /元に戻す/ }).click();
    await expect.poll(() => admin.locator('#faq-result').textContent(), { timeout: 30_000 }).toContain('元に戻しました');
    expect(await ask('図書館の開館時間は？')).not.toContain(ANSWER);
  });

  it('raised no errors and made no outside requests', () => {
    expect(pageErrors).toEqual([]);
  });
});
