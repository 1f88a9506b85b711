/**
 * The rich menu: six areas in a 3 × 2 grid on LINE's large size (2500 × 1686). One layout feeds
 * both the image (rich-menu-svg.ts) and the Messaging API request (rich-menu-request.ts), so a
 * label drawn on the picture and the area that answers a tap on it cannot drift apart.
 */
import type { MenuItem } from '../line/postback-data.js';

/** LINE's large rich-menu size. */
export const RICH_MENU_SIZE = { width: 2500, height: 1686 } as const;
/** The chat bar's text under the chat (LINE allows 14 characters). */
export const CHAT_BAR_TEXT = 'メニュー';
/** Every rich menu this tool makes is named with this prefix, so it finds (and deletes) only its own. */
export const RICH_MENU_NAME_PREFIX = 'DX ナビ';

/** One area: where it is, what it shows and what a tap does. */
export interface RichMenuArea {
  label: string;
  /** One line under the label, smaller. */
  hint: string;
  /** A postback the bot answers, or the city's link from configuration. */
  action: { type: 'postback'; item: MenuItem } | { type: 'link' };
  colour: string;
}

/** Left to right, top to bottom. */
export const RICH_MENU_AREAS: readonly RichMenuArea[] = [
  { label: '手続きを調べる', hint: 'オンラインでできる手続き', action: { type: 'postback', item: 'procedures' }, colour: '#0B6E4F' },
  { label: '用語を調べる', hint: 'DX・デジタルの言葉', action: { type: 'postback', item: 'terms' }, colour: '#1F5F99' },
  { label: '市の計画', hint: '期間・方針・目標', action: { type: 'postback', item: 'plan' }, colour: '#7A4B94' },
  { label: '市を選ぶ', hint: 'お住まいの市の設定', action: { type: 'postback', item: 'city' }, colour: '#A0522D' },
  { label: '使い方', hint: '聞けること・質問の例', action: { type: 'postback', item: 'help' }, colour: '#4A5A6A' },
  { label: '市のホームページ', hint: '最新のお知らせ・窓口', action: { type: 'link' }, colour: '#8A6D00' },
];

const COLUMNS = 3;
const ROWS = 2;

/** The pixel bounds of area `index` (the last column and row take the remainder). */
export function areaBounds(index: number): { x: number; y: number; width: number; height: number } {
  const column = index % COLUMNS;
  const row = Math.floor(index / COLUMNS);
  const width = Math.floor(RICH_MENU_SIZE.width / COLUMNS);
  const height = Math.floor(RICH_MENU_SIZE.height / ROWS);
  return {
    x: column * width,
    y: row * height,
    width: column === COLUMNS - 1 ? RICH_MENU_SIZE.width - column * width : width,
    height: row === ROWS - 1 ? RICH_MENU_SIZE.height - row * height : height,
  };
}
