import { describe, expect, it } from 'vitest';
import type { messagingApi } from '@line/bot-sdk';
import type { QuickReply } from '../../src/engine/answer.js';
import { MUNICIPALITIES } from '../../src/knowledge/schema.js';
import { parsePostback } from '../../src/line/postback-data.js';
import {
  feedbackQuickReplies,
  moreCandidatesQuickReply,
  municipalityQuickReplies,
  MAX_QUICK_REPLY_ITEMS,
  toLineQuickReplies,
} from '../../src/line/quick-replies.js';
import { graphemeCount } from '../../src/line/text-limits.js';

const postback = (item: messagingApi.QuickReplyItem | null | undefined) => {
  if (item?.action?.type !== 'postback') throw new Error('not a postback item');
  return item.action;
};

describe('municipalityQuickReplies', () => {
  it('offers the five cities as postbacks that parse back to each city', () => {
    const items = municipalityQuickReplies();
    expect(items.map((item) => item.action?.label)).toEqual([...MUNICIPALITIES]);
    for (const [index, item] of items.entries()) {
      expect(item.type).toBe('action');
      const action = postback(item);
      expect(action.displayText).toBe(MUNICIPALITIES[index]);
      expect(parsePostback(action.data)).toEqual({ action: 'municipality', value: MUNICIPALITIES[index] });
    }
  });
});

describe('feedbackQuickReplies', () => {
  it('gives 役に立った / 役に立たなかった with display texts, for the entry', () => {
    const [yes, no] = feedbackQuickReplies('rpa').map(postback);
    expect(yes).toMatchObject({ label: '役に立った', displayText: '役に立った' });
    expect(no).toMatchObject({ label: '役に立たなかった', displayText: '役に立たなかった' });
    expect(parsePostback(yes?.data)).toEqual({ action: 'feedback', entry: 'rpa', helpful: true });
    expect(parsePostback(no?.data)).toEqual({ action: 'feedback', entry: 'rpa', helpful: false });
  });

  it('gives none for an id that cannot travel in a postback', () => {
    expect(feedbackQuickReplies('Document 12')).toEqual([]);
  });
});

describe('moreCandidatesQuickReply', () => {
  it('carries the question', () => {
    const action = postback(moreCandidatesQuickReply('児童手当の現況届はオンラインで出せますか'));
    expect(parsePostback(action.data)).toEqual({ action: 'more', q: '児童手当の現況届はオンラインで出せますか' });
    expect(moreCandidatesQuickReply('  ')).toBeNull();
  });
});

describe('toLineQuickReplies', () => {
  it('turns message and postback suggestions into LINE items', () => {
    const items = toLineQuickReplies([
      { type: 'message', label: 'BPRとは', text: 'BPRとは' },
      { type: 'postback', label: '鹿屋市', data: 'action=municipality&value=%E9%B9%BF%E5%B1%8B%E5%B8%82' },
    ]);
    expect(items).toEqual([
      { type: 'action', action: { type: 'message', label: 'BPRとは', text: 'BPRとは' } },
      { type: 'action', action: { type: 'postback', label: '鹿屋市', data: 'action=municipality&value=%E9%B9%BF%E5%B1%8B%E5%B8%82', displayText: '鹿屋市' } },
    ]);
  });

  it('shortens long labels to 20 characters but sends the whole question', () => {
    const text = 'オンラインでできる介護の手続きを全部教えてください';
    const [item] = toLineQuickReplies([{ type: 'message', label: text, text }]);
    expect(graphemeCount(item?.action?.label ?? '')).toBe(20);
    expect(item?.action?.type === 'message' && item.action.text).toBe(text);
  });

  it('drops empty labels, repeated labels and data LINE would reject', () => {
    const replies: QuickReply[] = [
      { type: 'message', label: '  ', text: 'RPAとは' },
      { type: 'message', label: 'RPAとは', text: 'RPAとは' },
      { type: 'message', label: 'RPAとは', text: 'RPAとは？' },
      { type: 'message', label: '空', text: '' },
      { type: 'postback', label: '長すぎ', data: 'x'.repeat(301) },
      { type: 'postback', label: 'から', data: '' },
    ];
    expect(toLineQuickReplies(replies).map((item) => item.action?.label)).toEqual(['RPAとは']);
  });

  it('stops at 13', () => {
    const replies = Array.from({ length: 20 }, (_, index): QuickReply => ({ type: 'message', label: `候補${index}`, text: `候補${index}` }));
    expect(toLineQuickReplies(replies)).toHaveLength(MAX_QUICK_REPLY_ITEMS);
  });
});
