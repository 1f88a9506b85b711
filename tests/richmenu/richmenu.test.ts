/**
 * `npm run richmenu` against the local Messaging API stand-in: the requests LINE would get, each
 * checked against LINE's own OpenAPI schema; the default menu with its image; idempotence; the
 * menu it made before replaced and deleted. Nothing here talks to LINE.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMessagingApiStub, type MessagingApiStub } from '../../src/line-stub/messaging-api-stub.js';
import { parsePostback } from '../../src/line/postback-data.js';
import { applyRichMenu, richMenuClients } from '../../src/richmenu/apply-rich-menu.js';
import { loadRichMenuConfig } from '../../src/richmenu/rich-menu-config.js';
import { MAX_RICH_MENU_IMAGE_BYTES, pngSize, RICH_MENU_PNG_PATH, RICH_MENU_SVG_PATH } from '../../src/richmenu/rich-menu-image.js';
import { RICH_MENU_AREAS, RICH_MENU_SIZE } from '../../src/richmenu/rich-menu-layout.js';
import { namedRichMenuRequest, richMenuRequest } from '../../src/richmenu/rich-menu-request.js';
import { richMenuSvg } from '../../src/richmenu/rich-menu-svg.js';
import { LINE_OPENAPI_SKIP, lineSchemaValidator } from '../support/line-openapi.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const LINK = 'https://www.city.kanoya.lg.jp/';
const run = promisify(execFile);

let stub: MessagingApiStub;
let image: Uint8Array;
beforeAll(async () => {
  stub = await startMessagingApiStub();
  image = new Uint8Array(await readFile(RICH_MENU_PNG_PATH));
});
afterAll(async () => {
  await stub.close();
});
beforeEach(() => stub.reset());

const clients = () => richMenuClients({ baseUrl: stub.url, dataBaseUrl: stub.url, channelAccessToken: 'token' });
/** The SDK types every field as optional; the request this project builds has them all. */
type BuiltArea = { bounds: { x: number; y: number; width: number; height: number }; action: { type: string; label?: string; data?: string; displayText?: string; uri?: string } };
const areasOf = (request: { areas?: unknown }) => request.areas as BuiltArea[];
const png = () => ({ bytes: image, type: 'image/png' as const });

describe('the rich-menu image', () => {
  it('is the committed rendering of the layout: a PNG of the menu size, under 1 MB', async () => {
    expect(await readFile(RICH_MENU_SVG_PATH, 'utf8')).toBe(richMenuSvg());
    expect(pngSize(image)).toEqual(RICH_MENU_SIZE);
    expect(image.byteLength).toBeLessThan(MAX_RICH_MENU_IMAGE_BYTES);
    for (const area of RICH_MENU_AREAS) expect(richMenuSvg()).toContain(`>${area.label}</text>`);
  });
});

describe('the rich-menu request', () => {
  const validate = lineSchemaValidator('messaging-api', 'RichMenuRequest');
  it.skipIf(!validate)(validate ? "is a RichMenuRequest by LINE's schema, its areas tiling the image" : LINE_OPENAPI_SKIP, () => {
    const request = namedRichMenuRequest(LINK, image);
    expect(validate!(request).errors).toEqual([]);
    const area = areasOf(request).reduce((sum, { bounds }) => sum + bounds.width * bounds.height, 0);
    expect(area).toBe(RICH_MENU_SIZE.width * RICH_MENU_SIZE.height);
  });

  it('has five postbacks the bot understands, each shown as what was tapped, and the city link', () => {
    const actions = areasOf(richMenuRequest(LINK)).map((area) => area.action);
    const postbacks = actions.filter((action) => action.type === 'postback');
    expect(postbacks.map((action) => parsePostback(action.data))).toEqual(['procedures', 'terms', 'plan', 'city', 'help'].map((item) => ({ action: 'menu', item })));
    expect(postbacks.map((action) => action.displayText)).toEqual(['手続きを調べる', '用語を調べる', '市の計画', '市を選ぶ', '使い方']);
    expect(actions.filter((action) => action.type === 'uri')).toEqual([{ type: 'uri', label: '市のホームページ', uri: LINK }]);
  });

  it('is named after its content: another link or image is another name', () => {
    expect(namedRichMenuRequest(LINK, image).name).toBe(namedRichMenuRequest(LINK, image).name);
    expect(namedRichMenuRequest('https://www.city.tarumizu.lg.jp/', image).name).not.toBe(namedRichMenuRequest(LINK, image).name);
    expect(namedRichMenuRequest(LINK, image.slice(0, -1)).name).not.toBe(namedRichMenuRequest(LINK, image).name);
  });
});

describe('applying the rich menu', () => {
  it('creates it, uploads the image to the data host, and makes it the default', async () => {
    const outcome = await applyRichMenu(clients(), namedRichMenuRequest(LINK, image), png());
    expect(outcome).toMatchObject({ created: true, deleted: [] });
    const menu = stub.richMenus.defaultMenu();
    expect(menu?.richMenuId).toBe(outcome.richMenuId);
    expect(menu?.image?.type).toBe('image/png');
    expect(Buffer.compare(menu!.image!.bytes, Buffer.from(image))).toBe(0);
    const calls = stub.requests.map((request) => `${request.method} ${request.path.replace(outcome.richMenuId, ':id')}`);
    expect(calls).toEqual([
      'GET /v2/bot/richmenu/list',
      'GET /v2/bot/user/all/richmenu',
      'POST /v2/bot/richmenu/validate',
      'POST /v2/bot/richmenu',
      'POST /v2/bot/richmenu/:id/content',
      'POST /v2/bot/user/all/richmenu/:id',
    ]);
    expect(stub.requests.every((request) => request.authorization === 'Bearer token')).toBe(true);
  });

  const validate = lineSchemaValidator('messaging-api', 'RichMenuRequest');
  it.skipIf(!validate)(validate ? "sends LINE only requests its schema accepts" : LINE_OPENAPI_SKIP, async () => {
    await applyRichMenu(clients(), namedRichMenuRequest(LINK, image), png());
    const bodies = stub.requests.filter((request) => request.method === 'POST' && (request.path === '/v2/bot/richmenu' || request.path === '/v2/bot/richmenu/validate'));
    expect(bodies).toHaveLength(2);
    for (const request of bodies) expect(validate!(request.body).errors).toEqual([]);
    const upload = stub.requests.find((request) => request.path.endsWith('/content'));
    expect(upload?.contentType).toBe('image/png');
  });

  it('is idempotent: applied twice, the second run changes nothing', async () => {
    const first = await applyRichMenu(clients(), namedRichMenuRequest(LINK, image), png());
    const before = stub.requests.length;
    const second = await applyRichMenu(clients(), namedRichMenuRequest(LINK, image), png());
    expect(second).toEqual({ richMenuId: first.richMenuId, created: false, deleted: [], replacedForeignDefault: null });
    expect(stub.requests.slice(before).map((request) => request.method)).toEqual(['GET', 'GET']);
    expect([...stub.richMenus.menus.keys()]).toEqual([first.richMenuId]);
  });

  it('replaces the menu it made before and deletes it, leaving a menu it did not make alone', async () => {
    const foreign = await clients().api.createRichMenu({ ...richMenuRequest(LINK), name: '防災メニュー' });
    const old = await applyRichMenu(clients(), namedRichMenuRequest('https://old.example.lg.jp/', image), png());
    const next = await applyRichMenu(clients(), namedRichMenuRequest(LINK, image), png());
    expect(next).toMatchObject({ created: true, deleted: [old.richMenuId] });
    expect(stub.richMenus.defaultId).toBe(next.richMenuId);
    expect([...stub.richMenus.menus.keys()].sort()).toEqual([foreign.richMenuId, next.richMenuId].sort());
  });

  it('deletes the half-made menu when the image is refused (a size other than the menu\'s)', async () => {
    const wrongSize = image.slice();
    new DataView(wrongSize.buffer).setUint32(16, 1200); // IHDR width
    await expect(applyRichMenu(clients(), namedRichMenuRequest(LINK, image), { bytes: wrongSize, type: 'image/png' })).rejects.toMatchObject({ status: 400 });
    expect(stub.richMenus.menus.size).toBe(0);
    expect(stub.richMenus.defaultId).toBeNull();
  });
});

describe('npm run richmenu', () => {
  const cli = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli/richmenu.ts', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 }).then(
      (result) => ({ code: 0, ...result }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('--dry-run prints the request and contacts nothing', async () => {
    const result = await cli(['--dry-run'], { RICH_MENU_LINK_URL: LINK, LINE_API_BASE_URL: stub.url, LINE_API_DATA_BASE_URL: stub.url });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ size: RICH_MENU_SIZE, chatBarText: 'メニュー', selected: true });
    expect(stub.requests).toEqual([]);
  });

  it('--apply through the stand-in, twice: one default menu, and "nothing to change" the second time', async () => {
    const env = { RICH_MENU_LINK_URL: LINK, LINE_CHANNEL_ACCESS_TOKEN: 'token', LINE_API_BASE_URL: stub.url, LINE_API_DATA_BASE_URL: stub.url };
    const first = await cli(['--apply'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/is the default rich menu/);
    const second = await cli(['--apply'], env);
    expect(second.stdout).toMatch(/nothing to change/);
    expect(stub.richMenus.menus.size).toBe(1);
  });

  it('names every missing setting at once', async () => {
    const result = await cli(['--apply'], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('LINE_CHANNEL_ACCESS_TOKEN');
    expect(result.stderr).toContain('RICH_MENU_LINK_URL');
  });
});

describe('loadRichMenuConfig', () => {
  it('defaults to the real hosts and refuses a link that is not https', () => {
    expect(loadRichMenuConfig({ RICH_MENU_LINK_URL: LINK }, { needToken: false })).toEqual({
      config: { channelAccessToken: '', lineApiBaseUrl: 'https://api.line.me', lineApiDataBaseUrl: 'https://api-data.line.me', linkUrl: LINK },
    });
    const bad = loadRichMenuConfig({ RICH_MENU_LINK_URL: 'javascript:alert(1)', LINE_API_DATA_BASE_URL: 'ftp://x' }, { needToken: true });
    expect('problems' in bad && bad.problems.map((problem) => problem.split(':')[0])).toEqual(['LINE_CHANNEL_ACCESS_TOKEN', 'LINE_API_DATA_BASE_URL', 'RICH_MENU_LINK_URL']);
  });
});
