import { describe, expect, it } from 'vitest';
import type { messagingApi } from '@line/bot-sdk';
import type { AnswerCard } from '../../src/engine/answer.js';
import { cardAltText, cardToFlexMessage, linkableUri, MAX_BUBBLE_BYTES } from '../../src/line/answer-card-flex.js';
import { lineLimitViolations } from '../support/line-limits.js';
import { LINE_OPENAPI_SKIP, lineSchemaValidator } from '../support/line-openapi.js';
import { faqAnswer, glossaryAnswer, procedureAnswer } from '../support/sample-answers.js';

const validateMessage = lineSchemaValidator('messaging-api', 'Message');
if (!validateMessage) console.warn(LINE_OPENAPI_SKIP);

const card = (answer: { card: AnswerCard | null }): AnswerCard => {
  if (!answer.card) throw new Error('sample has no card');
  return answer.card;
};
const bubbleOf = (message: messagingApi.FlexMessage) => message.contents as messagingApi.FlexBubble;
const texts = (components: readonly messagingApi.FlexComponent[] | undefined): messagingApi.FlexText[] =>
  (components ?? []).flatMap((component) =>
    component.type === 'text' ? [component] : component.type === 'box' ? texts(component.contents) : [],
  );

describe('cardToFlexMessage', () => {
  it('puts the title in the header, the lead first, then details, a separator, grey sources', () => {
    const glossary = card(glossaryAnswer());
    const bubble = bubbleOf(cardToFlexMessage(glossary));
    expect(texts(bubble.header?.contents).map((text) => text.text)).toEqual([glossary.title]);
    const body = bubble.body?.contents ?? [];
    expect(body[0]).toMatchObject({ type: 'text', text: glossary.lead, wrap: true });
    expect(body.slice(1, 1 + glossary.details.length).map((component) => component.type === 'text' && component.text)).toEqual(glossary.details);
    expect(body[1 + glossary.details.length]?.type).toBe('separator');
    const sources = texts([body[2 + glossary.details.length]!]);
    expect(sources.map((text) => text.text)).toEqual(glossary.sources);
    for (const source of sources) expect(source).toMatchObject({ size: 'xs', color: '#8C8C8C', wrap: true });
    expect(bubble.footer).toBeUndefined();
  });

  it('ends with the note and links the page from a footer button', () => {
    const procedure = card(procedureAnswer());
    const bubble = bubbleOf(cardToFlexMessage(procedure));
    const body = bubble.body?.contents ?? [];
    expect(body[body.length - 1]).toMatchObject({ type: 'text', text: procedure.note });
    expect(bubble.footer?.contents[0]).toMatchObject({ type: 'button', action: { type: 'uri', label: '詳しく見る', uri: procedure.url } });
  });

  it('writes a meaningful altText: title and lead on one line', () => {
    const procedure = card(procedureAnswer());
    expect(cardAltText(procedure)).toBe(`【${procedure.title}】${procedure.lead}`);
    expect(cardAltText({ ...procedure, lead: '一行目\n二行目'.repeat(200) }).length).toBeLessThanOrEqual(400);
    expect(cardAltText({ ...procedure, lead: '一行目\n二行目' })).not.toContain('\n');
  });

  it('keeps an enormous card under 30 KB and every text bounded', () => {
    const huge: AnswerCard = {
      title: '大きな見出し'.repeat(100),
      lead: '長い説明です。'.repeat(1000),
      details: Array.from({ length: 60 }, (_, index) => `${index + 1}. ${'詳細な記載が続きます。'.repeat(80)}`),
      sources: Array.from({ length: 30 }, (_, index) => `出典：鹿屋市「第2期鹿屋市DX推進計画」第${index + 1}章`),
      note: '※注意書き'.repeat(500),
    };
    const message = cardToFlexMessage(huge);
    expect(Buffer.byteLength(JSON.stringify(message.contents))).toBeLessThanOrEqual(MAX_BUBBLE_BYTES);
    expect(lineLimitViolations([message])).toEqual([]);
    const body = texts(bubbleOf(message).body?.contents).map((text) => text.text);
    expect(body).toContain('（長いため一部を省略しました）');
    if (validateMessage) expect(validateMessage(message).errors).toEqual([]);
  });

  it('still draws a card that has only a title', () => {
    const message = cardToFlexMessage({ title: 'RPA', lead: '', details: [], sources: [] });
    expect(bubbleOf(message).header).toBeUndefined();
    expect(texts(bubbleOf(message).body?.contents).map((text) => text.text)).toEqual(['RPA']);
    expect(lineLimitViolations([message])).toEqual([]);
  });

  it.skipIf(!validateMessage)('produces Flex messages LINE’s schema accepts', () => {
    for (const sample of [card(glossaryAnswer()), card(procedureAnswer()), card(faqAnswer())]) {
      expect(validateMessage?.(cardToFlexMessage(sample)).errors).toEqual([]);
    }
  });
});

describe('an FAQ card', () => {
  it('shows who to ask in the body, and its own link label and a 電話する button in the footer', () => {
    const bubble = bubbleOf(cardToFlexMessage(card(faqAnswer())));
    expect(texts(bubble.body?.contents).map((text) => text.text)).toEqual(expect.arrayContaining(['お問い合わせ', 'マイナンバー総合フリーダイヤル 0120-95-0178']));
    expect(JSON.stringify(bubble.footer)).toContain('"label":"マイナポータル","uri":"https://myna.go.jp/"');
    expect(JSON.stringify(bubble.footer)).toContain('"label":"電話する","uri":"tel:0120950178"');
  });

  it('offers no call button when the contact has no phone number', () => {
    const bubble = bubbleOf(cardToFlexMessage({ ...card(faqAnswer()), contact: '市民課', url: undefined }));
    expect(bubble.footer).toBeUndefined();
  });
});

describe('linkableUri', () => {
  it('accepts http(s) and percent-encodes Japanese paths', () => {
    expect(linkableUri('https://www.city.tarumizu.lg.jp/')).toBe('https://www.city.tarumizu.lg.jp/');
    expect(linkableUri('https://example.jp/児童手当')).toBe('https://example.jp/%E5%85%90%E7%AB%A5%E6%89%8B%E5%BD%93');
  });

  it('refuses other schemes, junk and URIs over 1,000 characters', () => {
    expect(linkableUri('javascript:alert(1)')).toBeNull();
    expect(linkableUri('ftp://example.jp/file')).toBeNull();
    expect(linkableUri('市のホームページ')).toBeNull();
    expect(linkableUri(`https://example.jp/${'a'.repeat(1000)}`)).toBeNull();
    expect(linkableUri(undefined)).toBeNull();
  });
});
