import { beforeAll, describe, expect, it } from 'vitest';
import type { messagingApi } from '@line/bot-sdk';
import type { Answer } from '../../src/engine/answer.js';
import type { AnswerEngine } from '../../src/engine/answer-engine.js';
import { EXAMPLE_QUESTIONS } from '../../src/engine/compose/canned-replies.js';
import { createAnswerEngine } from '../../src/engine/create-engine.js';
import { answerToMessages, EMPTY_ANSWER_TEXT, municipalityQuickReplies, textMessage } from '../../src/line/answer-messages.js';
import { parsePostback } from '../../src/line/postback-data.js';
import { lineLimitViolations } from '../support/line-limits.js';
import { LINE_OPENAPI_SKIP, lineSchemaValidator } from '../support/line-openapi.js';
import { glossaryAnswer, longMessageAnswer, manyQuickRepliesAnswer, plainMessageAnswer, procedureAnswer } from '../support/sample-answers.js';

const validateReply = lineSchemaValidator('messaging-api', 'ReplyMessageRequest');
if (!validateReply) console.warn(LINE_OPENAPI_SKIP);

/** Everything LINE would say about this reply: its schema, then the documented limits. */
function problems(messages: messagingApi.Message[]): string[] {
  const schema = validateReply?.({ replyToken: 'b60d432864f44d079f6d8efe86cf404b', messages }).errors ?? [];
  return [...schema, ...lineLimitViolations(messages)];
}

const labels = (message: messagingApi.Message | undefined) => (message?.quickReply?.items ?? []).map((item) => item.action?.label);
const FEEDBACK = ['役に立った', '役に立たなかった'];

describe('answerToMessages', () => {
  it('renders a glossary answer as one Flex card with related terms and feedback buttons', () => {
    const answer = glossaryAnswer();
    const messages = answerToMessages(answer, { feedback: true });
    expect(messages.map((message) => message.type)).toEqual(['flex']);
    expect(labels(messages[0])).toEqual(['AI-OCRとは', 'BPRとは', 'ノーコードとは', ...FEEDBACK]);
    const feedback = messages[0]?.quickReply?.items?.slice(-2).map((item) => (item.action?.type === 'postback' ? parsePostback(item.action.data) : null));
    expect(feedback).toEqual([
      { action: 'feedback', entry: 'rpa', helpful: true },
      { action: 'feedback', entry: 'rpa', helpful: false },
    ]);
    expect(messages[0]?.type === 'flex' && messages[0].altText).toBe(`【${answer.card?.title}】${answer.card?.lead}`);
    expect(problems(messages)).toEqual([]);
  });

  it('leaves the feedback buttons out unless asked for', () => {
    expect(labels(answerToMessages(glossaryAnswer())[0])).toEqual(['AI-OCRとは', 'BPRとは', 'ノーコードとは']);
    expect(labels(answerToMessages(glossaryAnswer(), { feedback: false })[0])).not.toContain('役に立った');
  });

  it('renders a procedure answer with its note and a link button', () => {
    const messages = answerToMessages(procedureAnswer(), { feedback: true });
    expect(messages).toHaveLength(1);
    const bubble = messages[0]?.type === 'flex' ? (messages[0].contents as messagingApi.FlexBubble) : null;
    expect(bubble?.footer?.contents[0]).toMatchObject({ type: 'button', action: { type: 'uri' } });
    expect(JSON.stringify(bubble?.body)).toContain('現在の受付状況は');
    expect(problems(messages)).toEqual([]);
  });

  it('renders a plain message as a text message; no feedback without an entry', () => {
    const answer = plainMessageAnswer();
    const messages = answerToMessages(answer, { feedback: true });
    expect(messages).toEqual([
      {
        type: 'text',
        text: answer.message,
        quickReply: { items: answer.quickReplies.map((reply) => ({ type: 'action', action: { type: 'message', label: reply.label, text: reply.label } })) },
      },
    ]);
    expect(problems(messages)).toEqual([]);
  });

  it('splits a very long message into at most five messages, card last, emoji whole', () => {
    const answer = longMessageAnswer();
    expect(answer.message!.length).toBeGreaterThan(15_000);
    const messages = answerToMessages(answer, { feedback: true });
    expect(messages.length).toBe(5);
    expect(messages.map((message) => message.type)).toEqual(['text', 'text', 'text', 'text', 'flex']);
    for (const message of messages.slice(0, -1)) {
      expect(message.quickReply).toBeUndefined();
      if (message.type === 'text') expect(message.text.length).toBeLessThanOrEqual(5000);
    }
    const text = messages.flatMap((message) => (message.type === 'text' ? [message.text] : [])).join('');
    expect(text).toContain('👨‍👩‍👧‍👦🇯🇵𠮷');
    expect(labels(messages[4]).slice(-2)).toEqual(FEEDBACK);
    expect(problems(messages)).toEqual([]);
  });

  it('cuts what still does not fit in five messages, ending with …', () => {
    const answer: Answer = { ...longMessageAnswer(), message: 'デジタル化の取り組みです。'.repeat(2000), card: null };
    const messages = answerToMessages(answer);
    expect(messages).toHaveLength(5);
    const last = messages[4];
    expect(last?.type === 'text' && last.text.endsWith('…')).toBe(true);
    expect(problems(messages)).toEqual([]);
  });

  it('caps 20 suggestions at 13 buttons, keeping room for feedback, labels within 20 characters', () => {
    const answer = manyQuickRepliesAnswer();
    const withFeedback = answerToMessages(answer, { feedback: true });
    expect(labels(withFeedback[0])).toHaveLength(13);
    expect(labels(withFeedback[0]).slice(-2)).toEqual(FEEDBACK);
    expect(labels(answerToMessages(answer)[0])).toHaveLength(13);
    expect(problems(withFeedback)).toEqual([]);
  });

  it('never sends an empty reply', () => {
    const empty: Answer = { ...plainMessageAnswer(), message: '   ', quickReplies: [] };
    expect(answerToMessages(empty)).toEqual([{ type: 'text', text: EMPTY_ANSWER_TEXT }]);
  });

  it('puts the quick replies on the last message only (LINE shows no others)', () => {
    const answer: Answer = { ...glossaryAnswer(), message: 'RPAについて、各市の計画の説明をまとめました。' };
    const messages = answerToMessages(answer, { feedback: true });
    expect(messages.map((message) => message.type)).toEqual(['text', 'flex']);
    expect(messages[0]?.quickReply).toBeUndefined();
    expect(labels(messages[1])).toHaveLength(5);
    expect(problems(messages)).toEqual([]);
  });
});

describe('textMessage', () => {
  it('keeps a text within 5,000 units and up to 13 quick replies', () => {
    const message = textMessage('あ'.repeat(6000), [...municipalityQuickReplies(), ...municipalityQuickReplies(), ...municipalityQuickReplies()]);
    expect(message.text.length).toBe(5000);
    expect(message.quickReply?.items).toHaveLength(13);
    expect(problems([message])).toEqual([]);
  });

  it('adds no quickReply property when there are none', () => {
    expect(textMessage('ありがとうございます。')).toEqual({ type: 'text', text: 'ありがとうございます。' });
  });
});

describe('answerToMessages over the real engine', () => {
  let engine: AnswerEngine;
  beforeAll(async () => {
    engine = await createAnswerEngine();
  });

  const questions = [
    ...EXAMPLE_QUESTIONS,
    'RPAとは',
    '児童手当の現況届はオンラインで出せますか',
    '薩摩川内市のオンライン申請の目標は',
    'こんにちは',
    'ありがとう',
    '今日の天気は？',
    '😀𠮷',
    '子育て',
    'あ'.repeat(5000),
  ];

  it('gives replies LINE accepts for every kind of question', () => {
    const failures: Record<string, string[]> = {};
    for (const question of questions) {
      for (const municipality of [null, '鹿屋市'] as const) {
        const messages = answerToMessages(engine.ask(question, { municipality }), { feedback: true });
        const found = problems(messages);
        if (found.length > 0) failures[`${question.slice(0, 30)} (${municipality})`] = found;
      }
    }
    expect(failures).toEqual({});
  });
});
