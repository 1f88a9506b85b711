/**
 * The bot's postback protocol: what a button tap sends back in `postback.data`. Encoded as
 * URLSearchParams, so the data is plain ASCII and LINE's 300-character limit means 300 bytes.
 * Anything a tap sends is untrusted (an old client, a forged request), hence the strict parser.
 */
import { PROCEDURE_TOPIC_IDS, type ProcedureTopicId } from '../engine/procedure-topics.js';
import { MUNICIPALITIES, type Municipality } from '../knowledge/schema.js';

/** LINE's limit for a postback action's `data`. */
export const MAX_POSTBACK_DATA_LENGTH = 300;

/** One postback the bot understands. */
export type PostbackData =
  /** The person picked the city whose plan answers should prefer. */
  | { action: 'municipality'; value: Municipality }
  /** 役に立った / 役に立たなかった for one knowledge entry. */
  | { action: 'feedback'; entry: string; helpful: boolean }
  /** Other candidates for a question; `q` may be a clipped prefix of it. */
  | { action: 'more'; q: string }
  /** A rich-menu area: 手続きを調べる, 用語を調べる, 市の計画, 市を選ぶ, 使い方. */
  | { action: 'menu'; item: MenuItem }
  /** The online procedures of one everyday topic (子育て, 引っ越し …), for the person's city. */
  | { action: 'category'; value: ProcedureTopicId }
  /** 「くわしく」 (the whole answer) or 「他の市では」 (other cities' plans) for one entry. */
  | { action: 'detail' | 'others'; entry: string };

/** The rich menu's postback areas. */
export const MENU_ITEMS = ['procedures', 'terms', 'plan', 'city', 'help'] as const;
export type MenuItem = (typeof MENU_ITEMS)[number];

// Same shape as the knowledge base's ids (lower-case ASCII words joined by "-").
const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const KEYS: Record<PostbackData['action'], readonly string[]> = {
  municipality: ['action', 'value'],
  feedback: ['action', 'entry', 'helpful'],
  more: ['action', 'q'],
  menu: ['action', 'item'],
  category: ['action', 'value'],
  detail: ['action', 'entry'],
  others: ['action', 'entry'],
};

const ACTIONS = Object.keys(KEYS) as ReadonlyArray<PostbackData['action']>;

/** Form-encoded length of one piece of text, exactly as URLSearchParams writes it. */
function encodedLength(text: string): number {
  return new URLSearchParams([['', text]]).toString().length - 1;
}

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/** The longest prefix of `text`, whole graphemes only, whose encoding fits in `budget`. */
function clipToEncodedLength(text: string, budget: number): string {
  let used = 0;
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    used += encodedLength(segment);
    if (used > budget) break;
    end = index + segment.length;
  }
  return text.slice(0, end).trim();
}

/**
 * Encodes a postback within LINE's 300-character limit; a `more` question is clipped (between
 * graphemes) to fit. Throws RangeError for what could never be parsed back: an unknown city, an
 * entry id that is not a knowledge-base id or does not fit, or an empty question.
 */
export function encodePostback(data: PostbackData): string {
  switch (data.action) {
    case 'municipality':
      if (!(MUNICIPALITIES as readonly string[]).includes(data.value)) throw new RangeError(`unknown municipality: ${data.value}`);
      return new URLSearchParams({ action: data.action, value: data.value }).toString();
    case 'feedback': {
      if (!ENTRY_ID.test(data.entry)) throw new RangeError(`not a knowledge entry id: ${data.entry}`);
      const encoded = new URLSearchParams({ action: data.action, entry: data.entry, helpful: String(data.helpful) }).toString();
      if (encoded.length > MAX_POSTBACK_DATA_LENGTH) throw new RangeError(`entry id too long for a postback: ${data.entry}`);
      return encoded;
    }
    case 'menu':
      if (!(MENU_ITEMS as readonly string[]).includes(data.item)) throw new RangeError(`unknown menu item: ${data.item}`);
      return new URLSearchParams({ action: data.action, item: data.item }).toString();
    case 'category':
      if (!(PROCEDURE_TOPIC_IDS as readonly string[]).includes(data.value)) throw new RangeError(`unknown procedure topic: ${data.value}`);
      return new URLSearchParams({ action: data.action, value: data.value }).toString();
    case 'detail':
    case 'others': {
      if (!ENTRY_ID.test(data.entry)) throw new RangeError(`not a knowledge entry id: ${data.entry}`);
      const encoded = new URLSearchParams({ action: data.action, entry: data.entry }).toString();
      if (encoded.length > MAX_POSTBACK_DATA_LENGTH) throw new RangeError(`entry id too long for a postback: ${data.entry}`);
      return encoded;
    }
    case 'more': {
      const prefix = new URLSearchParams({ action: data.action, q: '' }).toString();
      const q = clipToEncodedLength(data.q.trim(), MAX_POSTBACK_DATA_LENGTH - prefix.length);
      if (q.length === 0) throw new RangeError('a "more" postback needs a question');
      return new URLSearchParams({ action: data.action, q }).toString();
    }
  }
}

/** Reads postback data; null for anything unknown, malformed, oversized or ambiguous. Never throws. */
export function parsePostback(data: unknown): PostbackData | null {
  if (typeof data !== 'string' || data.length === 0 || data.length > MAX_POSTBACK_DATA_LENGTH) return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(data);
  } catch {
    return null;
  }
  const action = ACTIONS.find((known) => known === params.get('action'));
  if (!action) return null;
  // Exactly the expected keys, each once: a repeated or extra key means the data is not ours.
  const keys = [...params.keys()];
  const expected = KEYS[action];
  if (keys.length !== expected.length || !expected.every((key) => keys.includes(key))) return null;

  switch (action) {
    case 'municipality': {
      const value = MUNICIPALITIES.find((city) => city === params.get('value'));
      return value ? { action, value } : null;
    }
    case 'feedback': {
      const entry = params.get('entry') ?? '';
      const helpful = params.get('helpful');
      if (!ENTRY_ID.test(entry) || (helpful !== 'true' && helpful !== 'false')) return null;
      return { action, entry, helpful: helpful === 'true' };
    }
    case 'menu': {
      const item = MENU_ITEMS.find((known) => known === params.get('item'));
      return item ? { action, item } : null;
    }
    case 'category': {
      const value = PROCEDURE_TOPIC_IDS.find((known) => known === params.get('value'));
      return value ? { action, value } : null;
    }
    case 'detail':
    case 'others': {
      const entry = params.get('entry') ?? '';
      return ENTRY_ID.test(entry) ? { action, entry } : null;
    }
    case 'more': {
      const q = (params.get('q') ?? '').trim();
      // URLSearchParams turns a broken escape or a lone surrogate into U+FFFD: the data was cut
      // or forged, and the engine should not be asked a mangled question.
      return q.length > 0 && !q.includes('\uFFFD') ? { action, q } : null;
    }
  }
}
