/**
 * `npm run richmenu -- --dry-run | --apply`: the bot's rich menu (six areas under the chat).
 *   --dry-run   prints the rich-menu JSON that would be sent, and the image; contacts nothing
 *   --apply     creates it through the Messaging API, uploads src/richmenu/image/rich-menu.png, makes it
 *               the default for every user, and deletes the menu it made before. Running it twice
 *               changes nothing the second time.
 * LINE_API_BASE_URL and LINE_API_DATA_BASE_URL (default https://api.line.me, https://api-data.line.me)
 * point it at a local stand-in; RICH_MENU_LINK_URL is the 市のホームページ area's link.
 */
import './quiet-broken-pipe.js';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { HTTPFetchError } from '@line/bot-sdk';
import { applyRichMenu, richMenuClients } from '../richmenu/apply-rich-menu.js';
import { loadRichMenuConfig } from '../richmenu/rich-menu-config.js';
import { MAX_RICH_MENU_IMAGE_BYTES, pngSize, RICH_MENU_PNG_PATH } from '../richmenu/rich-menu-image.js';
import { namedRichMenuRequest } from '../richmenu/rich-menu-request.js';

const USAGE = 'usage: npm run richmenu -- --dry-run | --apply   (RICH_MENU_LINK_URL, LINE_CHANNEL_ACCESS_TOKEN, LINE_API_BASE_URL, LINE_API_DATA_BASE_URL)';
let values: { 'dry-run': boolean; apply: boolean; help: boolean };
try {
  ({ values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false }, apply: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help || values['dry-run'] === values.apply) {
  (values.help ? console.log : console.error)(USAGE);
  process.exit(values.help ? 0 : 2);
}

const loaded = loadRichMenuConfig(process.env, { needToken: values.apply });
if ('problems' in loaded) {
  console.error(`richmenu: fix these settings first:\n${loaded.problems.map((problem) => `  ${problem}`).join('\n')}`);
  process.exit(1);
}
const { config } = loaded;
const image = new Uint8Array(await readFile(RICH_MENU_PNG_PATH));
const size = pngSize(image);
if (!size || image.byteLength >= MAX_RICH_MENU_IMAGE_BYTES) {
  console.error(`richmenu: ${RICH_MENU_PNG_PATH} is not a PNG under 1 MB; run npm run richmenu:image`);
  process.exit(1);
}
const request = namedRichMenuRequest(config.linkUrl, image);

if (values['dry-run']) {
  console.log(JSON.stringify(request, null, 2));
  console.error(`image: ${RICH_MENU_PNG_PATH} (${size.width}x${size.height}, ${image.byteLength} bytes); would be sent to ${config.lineApiBaseUrl} and ${config.lineApiDataBaseUrl}`);
  process.exit(0);
}

try {
  const outcome = await applyRichMenu(
    richMenuClients({ baseUrl: config.lineApiBaseUrl, dataBaseUrl: config.lineApiDataBaseUrl, channelAccessToken: config.channelAccessToken }),
    request,
    { bytes: image, type: 'image/png' },
    (line) => console.log(line),
  );
  console.log(outcome.created ? `done: ${outcome.richMenuId} is the default rich menu` : `done: nothing to change (${outcome.richMenuId})`);
} catch (error) {
  if (error instanceof HTTPFetchError) {
    console.error(`richmenu: the Messaging API answered ${error.status}: ${error.body.slice(0, 500)} (x-line-request-id ${error.headers.get('x-line-request-id') ?? '-'})`);
  } else {
    console.error(`richmenu: ${(error as Error).message}`);
  }
  process.exit(1);
}
