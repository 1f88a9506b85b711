/**
 * The rich menu and changing one's city, in the simulator page in Debian's headless Chromium: the
 * menu under the chat as LINE draws it, folding at its chat bar; each area tapped as on a phone,
 * answered by the real bot through the real webhook; the city chosen from a typed name or a request
 * to change it. Nothing is mocked.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../src/simulator/personas.js';
import { SIMULATOR_RICH_MENU_LINK } from '../../src/simulator/start-simulator.js';
import { CHROMIUM_SKIP_REASON, hasChromium, launchChromium, localOnlyContext, recordPageErrors } from '../support/chromium.js';
import { startTestSimulator } from './simulator-fixture.js';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 5000 });

describe.skipIf(!hasChromium)(hasChromium ? 'rich menu and city change in the simulator (Chromium)' : CHROMIUM_SKIP_REASON, () => {
  let simulator: Awaited<ReturnType<typeof startTestSimulator>>;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const persona = PERSONAS[0]!;

  beforeAll(async () => {
    [simulator, browser] = await Promise.all([
      startTestSimulator(),
      launchChromium(),
    ]);
    const context = await localOnlyContext(browser, /^http:\/\/localhost:\d+\//, pageErrors);
    page = await context.newPage();
    recordPageErrors(page, pageErrors);
    await page.goto(simulator.url);
    await page.locator('#message-input:not([disabled])').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await simulator?.close();
  });

  const chat = () => page.locator('#messages');
  const botRows = () => chat().locator('.row-bot:not(.row-loading)');
  const lastBotRow = () => botRows().last();
  const quickReply = (label: string | RegExp) => page.locator('#quick-replies .quick-reply', { hasText: label });
  const area = (label: string) => page.locator(`#rich-menu .rich-menu-area[aria-label="${label}"]`);

  /** Runs `action` and waits for the bot's next message. */
  async function andReply(action: () => Promise<unknown>): Promise<void> {
    const before = await botRows().count();
    await action();
    await poll(() => botRows().count()).toBeGreaterThan(before);
  }
  const send = (text: string) =>
    andReply(async () => {
      await page.fill('#message-input', text);
      await page.press('#message-input', 'Enter');
    });

  it('shows the default rich menu under the chat: six labelled areas over the image, folding at the chat bar', async () => {
    const panel = page.locator('#rich-menu-panel');
    await panel.waitFor();
    expect(await page.locator('#rich-menu .rich-menu-area').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label')))).toEqual([
      '手続きを調べる',
      '用語を調べる',
      '市の計画',
      '市を選ぶ',
      '使い方',
      '市のホームページ',
    ]);
    // Under the input, as in LINE, and drawn from the menu's own image.
    const composer = await page.locator('#composer').boundingBox();
    const menu = await panel.boundingBox();
    expect(menu!.y).toBeGreaterThanOrEqual(composer!.y + composer!.height - 1);
    expect(await page.locator('#rich-menu .rich-menu-image').evaluate((image) => { const img = image as unknown as { complete: boolean; naturalWidth: number; naturalHeight: number }; return [img.complete, img.naturalWidth, img.naturalHeight]; })).toEqual([true, 2500, 1686]);
    // Each area covers its sixth of the image.
    const first = await area('手続きを調べる').boundingBox();
    expect(first!.width).toBeCloseTo(menu!.width / 3, 0);
    expect(first!.height).toBeCloseTo(menu!.height / 2, 0);

    const bar = page.locator('#rich-menu-bar');
    expect(await bar.getAttribute('aria-expanded')).toBe('true');
    expect(await bar.innerText()).toContain('メニュー');
    await bar.click();
    expect(await panel.isHidden()).toBe(true);
    expect(await bar.getAttribute('aria-expanded')).toBe('false');
    await bar.click();
    expect(await panel.isVisible()).toBe(true);
  });

  it("opens the city's link from the 市のホームページ area, in a new tab", async () => {
    const link = area('市のホームページ');
    expect(await link.getAttribute('href')).toBe(SIMULATOR_RICH_MENU_LINK);
    expect(await link.getAttribute('target')).toBe('_blank');
  });

  it('手続きを調べる: the tap shows as the person\'s message, the topics come as quick replies, and a city is asked for first', async () => {
    await andReply(() => area('手続きを調べる').click());
    expect(await chat().locator('.bubble-user').last().innerText()).toMatch(/手続きを調べる$/);
    expect(await lastBotRow().innerText()).toContain('どの分野の手続きを調べますか');
    // The staff panel shows what the tap sent, decoded.
    await poll(() => page.locator('#explain').innerText()).toContain('action=menu, item=procedures');

    await andReply(() => quickReply('子育て・教育').click());
    expect(await lastBotRow().innerText()).toContain('お住まいの市を選んで');
    await poll(() => page.locator('#explain').innerText()).toContain('action=category, value=childcare');
    await andReply(() => quickReply('鹿屋市').click());
    expect(await lastBotRow().innerText()).toContain('鹿屋市に設定しました。');
    await poll(() => page.locator('#chat-subtitle').innerText()).toContain('市の設定：鹿屋市');
  });

  it("then answers a topic with the person's city's online procedures in it", async () => {
    await andReply(() => area('手続きを調べる').click());
    await andReply(() => quickReply('子育て・教育').click());
    const bubble = lastBotRow().locator('.flex-bubble');
    await bubble.waitFor();
    const text = await bubble.innerText();
    expect(text).toContain('鹿屋市の子育て・教育の手続');
    expect(text).toMatch(/出典：.+（令和\d+〜\d+年度）/);
  });

  it('用語を調べる, 市の計画 and 使い方 each answer with something to tap', async () => {
    await andReply(() => area('用語を調べる').click());
    expect(await lastBotRow().innerText()).toContain('調べたい用語');
    expect(await quickReply('RPAとは').count()).toBe(1);

    await andReply(() => area('市の計画').click());
    expect(await lastBotRow().innerText()).toMatch(/鹿屋市の計画は「第2期鹿屋市DX推進計画」（令和8〜11年度）/);
    await andReply(() => quickReply('計画の期間').click());
    expect(await lastBotRow().innerText()).toContain('令和8年度');

    await andReply(() => area('使い方').click());
    expect(await lastBotRow().innerText()).toContain('お答えします');
  });

  it('changes the city from a name typed alone, in kana, with the named city offered first', async () => {
    await send('たるみず');
    expect(await lastBotRow().innerText()).toContain('垂水市に設定しますか');
    expect(await page.locator('#quick-replies .quick-reply').allInnerTexts()).toEqual(['垂水市', '西之表市', '鹿屋市', '嬉野市', '薩摩川内市']);
    await andReply(() => quickReply('垂水市').click());
    // One short line confirms it.
    expect(await lastBotRow().locator('.bubble').innerText()).toBe('垂水市に設定しました。');
    await poll(() => page.locator('#chat-subtitle').innerText()).toContain('市の設定：垂水市');
  });

  it('changes the city on 「住んでる市を変えたい」 and from the 市を選ぶ area', async () => {
    await send('住んでる市を変えたい');
    expect(await lastBotRow().innerText()).toContain('いまの設定：垂水市');
    await andReply(() => quickReply('嬉野市').click());
    await poll(() => page.locator('#chat-subtitle').innerText()).toContain('市の設定：嬉野市');

    await andReply(() => area('市を選ぶ').click());
    expect(await lastBotRow().innerText()).toContain('いまの設定：嬉野市');
    await andReply(() => quickReply('薩摩川内市').click());
    await poll(() => page.locator('#chat-subtitle').innerText()).toContain('市の設定：薩摩川内市');
    expect(await simulator.store.getMunicipality((await import('../../src/storage/user-key.js')).userKeyFor(`user:${persona.userId}`, simulator.deps.userHashSalt))).toBe('薩摩川内市');
  });

  it("answers 「くわしく」 and 「他の市では」 under a short answer in the next message, as the person's taps", async () => {
    await send('さつませんだい');
    await andReply(() => quickReply('薩摩川内市').click());
    await send('児童手当の現況届はオンラインで出せますか');
    // Fixed by position: the answers to the buttons are bubbles too, added after it.
    const card = chat().locator('.flex-bubble').nth((await chat().locator('.flex-bubble').count()) - 1);
    expect(await card.innerText()).toMatch(/^[\s\S]*薩摩川内市(では、|の計画には記載がありません)/);
    await andReply(() => card.getByRole('button', { name: 'くわしく' }).click());
    expect(await chat().locator('.bubble-user').last().innerText()).toMatch(/くわしく$/);
    expect(await lastBotRow().innerText()).toMatch(/出典：.+「.+」（令和\d+〜\d+年度） /);
    await andReply(() => card.getByRole('button', { name: '他の市では' }).click());
    expect(await lastBotRow().innerText()).toContain('他の市では');
  });

  it('keeps the page as tall as the window after many messages (nothing stretches it below the chat)', async () => {
    for (const text of ['RPAとは', 'LGWANとは', 'DXとは', 'AIとは', 'クラウドとは', 'オープンデータとは']) await send(text);
    const { scrollHeight, innerHeight } = await page.evaluate('({ scrollHeight: document.documentElement.scrollHeight, innerHeight: window.innerHeight })') as { scrollHeight: number; innerHeight: number };
    expect(scrollHeight).toBeLessThanOrEqual(innerHeight);
  });

  it('raised no page errors and requested nothing outside the simulator', () => {
    expect(pageErrors).toEqual([]);
  });
});
