import { describe, expect, it } from 'vitest';
import { MUNICIPALITIES } from '../../src/knowledge/schema.js';
import { PROCEDURE_TOPIC_IDS } from '../../src/engine/procedure-topics.js';
import { encodePostback, MAX_POSTBACK_DATA_LENGTH, MENU_ITEMS, parsePostback, type PostbackData } from '../../src/line/postback-data.js';

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

describe('encodePostback / parsePostback', () => {
  it('round-trips every city, both feedback values and a question', () => {
    const samples: PostbackData[] = [
      ...MUNICIPALITIES.map((value): PostbackData => ({ action: 'municipality', value })),
      { action: 'feedback', entry: 'rpa', helpful: true },
      { action: 'feedback', entry: 'kanoya-online-application-rate', helpful: false },
      { action: 'more', q: '児童手当の現況届はオンラインで出せますか' },
      { action: 'more', q: 'LGWAN & RPA = 何? 100% 😀 𠮷' },
      ...MENU_ITEMS.map((item): PostbackData => ({ action: 'menu', item })),
      ...PROCEDURE_TOPIC_IDS.map((value): PostbackData => ({ action: 'category', value })),
      { action: 'detail', entry: 'nat-10' },
      { action: 'others', entry: 'kanoya-online-application' },
    ];
    for (const sample of samples) {
      const data = encodePostback(sample);
      expect(data.length).toBeLessThanOrEqual(MAX_POSTBACK_DATA_LENGTH);
      expect(data).toMatch(/^[\x21-\x7e]+$/); // plain ASCII: 300 characters are 300 bytes
      expect(parsePostback(data)).toEqual(sample);
    }
  });

  it('writes readable, stable data', () => {
    expect(encodePostback({ action: 'feedback', entry: 'rpa', helpful: true })).toBe('action=feedback&entry=rpa&helpful=true');
    expect(encodePostback({ action: 'municipality', value: '鹿屋市' })).toBe('action=municipality&value=%E9%B9%BF%E5%B1%8B%E5%B8%82');
  });

  it('clips a long question so the whole data fits in 300 characters, never splitting a character', () => {
    for (const unit of ['あ', 'a', '😀', '👨‍👩‍👧‍👦', 'か゚', ' ']) {
      const q = `児童手当${unit.repeat(400)}`;
      const data = encodePostback({ action: 'more', q });
      expect(data.length).toBeLessThanOrEqual(MAX_POSTBACK_DATA_LENGTH);
      const parsed = parsePostback(data);
      expect(parsed?.action).toBe('more');
      const clipped = parsed?.action === 'more' ? parsed.q : '';
      expect(q.startsWith(clipped)).toBe(true);
      expect(clipped).not.toMatch(LONE_SURROGATE);
      expect(clipped.length).toBeGreaterThanOrEqual('児童手当'.length);
    }
  });

  it('uses the room well: a 300-character budget holds 31 kanji (9 characters each when encoded)', () => {
    const data = encodePostback({ action: 'more', q: '漢'.repeat(100) });
    const parsed = parsePostback(data);
    expect(parsed).toEqual({ action: 'more', q: '漢'.repeat(Math.floor((300 - 'action=more&q='.length) / 9)) });
  });

  it('refuses to encode what could not be parsed back', () => {
    expect(() => encodePostback({ action: 'more', q: '   ' })).toThrow(RangeError);
    expect(() => encodePostback({ action: 'feedback', entry: 'Not An Id', helpful: true })).toThrow(RangeError);
    expect(() => encodePostback({ action: 'feedback', entry: 'a'.repeat(290), helpful: true })).toThrow(RangeError);
    expect(() => encodePostback({ action: 'municipality', value: '東京都' as never })).toThrow(RangeError);
  });

  it('returns null for garbage, never throwing', () => {
    const garbage: unknown[] = [
      '',
      'hello',
      'action=',
      'action=unknown&value=1',
      'action=municipality',
      'action=municipality&value=%E6%9D%B1%E4%BA%AC%E9%83%BD', // 東京都
      'action=municipality&value=鹿屋市&value=垂水市',
      'action=municipality&value=鹿屋市&extra=1',
      'action=feedback&entry=rpa',
      'action=feedback&entry=rpa&helpful=yes',
      'action=feedback&entry=RPA&helpful=true',
      'action=feedback&entry=rpa&helpful=true&helpful=false',
      'action=feedback&entry=../etc/passwd&helpful=true',
      'action=more&q=',
      'action=more&q=+++',
      'action=more&q=%',
      'action=more&q=%E3%81',
      `action=more&q=${'a'.repeat(300)}`,
      'action=more&q=\uD83D',
      '%%%%',
      '{"action":"more","q":"RPA"}',
      'action=more&action=more&q=RPA',
      null,
      undefined,
      42,
      { action: 'more', q: 'RPA' },
    ];
    for (const data of garbage) {
      expect(() => parsePostback(data)).not.toThrow();
      const parsed = parsePostback(data);
      if (parsed?.action === 'more') expect(parsed.q).not.toMatch(/[\uD800-\uDFFF\uFFFD]/u);
    }
    // A lone "%" is kept literally by form decoding: a (silly) question, but a well-formed one.
    expect(garbage.filter((data) => parsePostback(data) !== null)).toEqual(['action=more&q=%']);
  });

  it('reads fuzzed byte strings without throwing', () => {
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
    const alphabet = 'action=moreqfeedbackentryhelpfultrue&%E3%81%82+municipalityvalue\uD83D\uDE00';
    for (let round = 0; round < 2000; round++) {
      const data = Array.from({ length: next() % 80 }, () => alphabet[next() % alphabet.length]).join('');
      expect(() => parsePostback(data)).not.toThrow();
    }
  });
});

describe('rich-menu, topic and 「くわしく」 postbacks', () => {
  it('reads only the menu items, topics and entry ids the bot knows', () => {
    expect(encodePostback({ action: 'menu', item: 'procedures' })).toBe('action=menu&item=procedures');
    expect(encodePostback({ action: 'detail', entry: 'rpa' })).toBe('action=detail&entry=rpa');
    for (const data of ['action=menu&item=admin', 'action=category&value=%E5%AD%90%E8%82%B2%E3%81%A6', 'action=detail&entry=RPA', 'action=others&entry=rpa&x=1', 'action=detail']) {
      expect(parsePostback(data), data).toBeNull();
    }
    expect(() => encodePostback({ action: 'menu', item: 'admin' as never })).toThrow(RangeError);
    expect(() => encodePostback({ action: 'category', value: '子育て' as never })).toThrow(RangeError);
  });
});
