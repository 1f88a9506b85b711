/**
 * The admin page in Debian's headless Chromium: a member of staff logs in, reads the report of a
 * known week sent through the webhook, saves a CSV, and turns an unanswered question into an
 * alias the bot then answers. Only the page and its own API are involved; nothing is mocked.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioBodies } from '../insights/scenario.js';
import { sendAll } from '../insights/webhook-events.js';
import { CHROMIUM_SKIP_REASON, hasChromium, launchChromium, localOnlyContext, recordPageErrors } from '../support/chromium.js';
import { ADMIN_TOKEN, copyKnowledge, removeKnowledgeCopy, startAdminHarness, type AdminHarness } from './admin-harness.js';

// An edit or a reload rebuilds the index: about a second alone, several on a machine shared with other work.
const RELOAD_WAIT = { timeout: 20_000, interval: 100 };

describe.skipIf(!hasChromium)(hasChromium ? 'admin page in Chromium' : CHROMIUM_SKIP_REASON, { timeout: 60_000 }, () => {
  let h: AdminHarness;
  let knowledgeDir: string;
  let server: Server;
  let url: string;
  let browser: Browser;
  let page: Page;
  let downloads: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    knowledgeDir = await copyKnowledge();
    [h, browser, downloads] = await Promise.all([
      startAdminHarness({ knowledgeDir }),
      launchChromium(),
      mkdtemp(path.join(tmpdir(), 'dx-admin-downloads-')),
    ]);
    await sendAll(h, scenarioBodies());
    server = h.bot.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    url = `http://127.0.0.1:${address.port}/admin`;
    const context = await localOnlyContext(browser, /^http:\/\/127\.0\.0\.1:\d+\//, pageErrors, { acceptDownloads: true });
    page = await context.newPage();
    // The wrong token (401) and the rejected edit (422) below are logged by Chromium as failed loads.
    recordPageErrors(page, pageErrors, /status of (401|422)/);
    await page.goto(url);
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
    await h?.close();
    if (downloads) await rm(downloads, { recursive: true, force: true });
    if (knowledgeDir) await removeKnowledgeCopy(knowledgeDir);
  });

  it('refuses a wrong token and keeps the report hidden', async () => {
    await page.getByLabel('管理トークン').fill('wrong-token');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await expect.poll(() => page.locator('#login-error').textContent()).toContain('トークンが違う');
    expect(await page.locator('#app').isHidden()).toBe(true);
  });

  it('logs in with the right token and shows the report for the chosen period', async () => {
    await page.getByLabel('管理トークン').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.locator('#app').waitFor();
    expect(await page.evaluate("sessionStorage.getItem('dx-navi-admin-token')")).toBe(ADMIN_TOKEN);
    await page.getByLabel('開始日').fill('2026-06-01');
    await page.getByLabel('終了日').fill('2026-06-04');
    await page.getByRole('button', { name: '表示', exact: true }).click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('2026-06-01 〜 2026-06-04');
    expect(await page.locator('#summary').textContent()).toContain('3件（回答率 37.5%）');
    expect(await page.locator('#daily tbody tr').count()).toBe(4);
    const firstGap = page.locator('#unanswered tbody tr').first();
    expect(await firstGap.textContent()).toContain('図書館の開館時間は？');
    // What residents typed is shown as text, never run as markup.
    expect(await page.locator('#unanswered').textContent()).toContain('=HYPERLINK("x")');
    expect(await page.locator('#feedback tbody tr').first().textContent()).toContain('RPA');
  });

  it('saves a table as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-csv="unanswered"]').click()]);
    expect(download.suggestedFilename()).toBe('dx-navi-unanswered-2026-06-01_2026-06-04.csv');
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('図書館の開館時間は？');
  });

  it('turns an unanswered question into an alias the bot then answers', async () => {
    await page.getByRole('button', { name: '「ロボパとは」を直す' }).click();
    await expect.poll(() => page.locator('#nearest tbody tr').first().textContent()).toContain('RPA');
    expect(await page.getByLabel('用語').inputValue()).toBe('rpa');
    expect(await page.getByLabel('追加する別名').inputValue()).toBe('ロボパ');
    await page.getByRole('button', { name: '別名を追加' }).click();
    await expect.poll(() => page.locator('#fix-result').textContent(), RELOAD_WAIT).toContain('追加しました');
    expect(h.engine.current().ask('ロボパとは')).toMatchObject({ answered: true, entryId: 'rpa' });
  });

  it('shows the validation report when an edit is rejected', async () => {
    await page.getByLabel('追加する別名').fill('BPR');
    await page.getByRole('button', { name: '別名を追加' }).click();
    await expect.poll(() => page.locator('#fix-result').textContent(), RELOAD_WAIT).toContain('変更しませんでした');
    expect(await page.locator('#fix-result table').textContent()).toContain('glossary/rpa.yaml');
  });

  it('reloads the knowledge on request', async () => {
    await page.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => page.locator('#reload-result').textContent(), RELOAD_WAIT).toContain('再読み込みしました');
    // The report the page reloads after it must have arrived before the next test logs out.
    await expect.poll(() => page.locator('#status').textContent(), RELOAD_WAIT).not.toContain('読み込み中');
  });

  it('logs out, forgetting the token, and raised no errors and made no outside requests', async () => {
    await page.getByRole('button', { name: 'ログアウト' }).click();
    expect(await page.evaluate("sessionStorage.getItem('dx-navi-admin-token')")).toBeNull();
    expect(await page.locator('#login-section').isVisible()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
