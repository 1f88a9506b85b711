/**
 * Rich-menu taps, topics, 「くわしく」「他の市では」 and changing one's city, through the real webhook,
 * handlers and engine, one resident's conversation at a time. Every reply is checked against LINE's
 * ReplyMessageRequest schema and limits.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodePostback, type PostbackData } from '../../src/line/postback-data.js';
import { MORE_LABELS } from '../../src/line/answer-card-flex.js';
import { ASK_CITY_TEXT } from '../../src/line/answer-messages.js';
import { visibleText } from '../../src/line/visible-text.js';
import { lineUserId, municipalityChoice, sendAll, textMessage } from '../insights/webhook-events.js';
import { lineLimitViolations } from '../support/line-limits.js';
import { lineSchemaValidator } from '../support/line-openapi.js';
import { fixture, startHarness, type Harness } from '../server/webhook-harness.js';
import type { messagingApi } from '@line/bot-sdk';

let h: Harness;
// A new resident per test: who has been asked for a city is remembered for the whole process.
let residents = 100;
let user = lineUserId(residents);
beforeEach(async () => {
  h = await startHarness();
  user = lineUserId(++residents);
});
afterEach(async () => {
  await h.close();
});

const validate = lineSchemaValidator('messaging-api', 'ReplyMessageRequest');
let sequence = 0;
const now = () => ({ user, at: new Date(Date.UTC(2026, 5, 1, 0, 0, sequence++)).toISOString() });

function postback(data: PostbackData): string {
  const body = JSON.parse(fixture('postback-municipality.json')) as { events: Array<Record<string, any>> };
  const event = body.events[0]!;
  event.webhookEventId = `01MENU${String(++sequence).padStart(20, '0')}`;
  event.replyToken = `menu-${sequence}`;
  event.source = { type: 'user', userId: user };
  event.postback = { data: encodePostback(data) };
  return JSON.stringify(body);
}

/** Sends bodies and returns the messages of the last reply, checked against LINE's schema and limits. */
async function say(...bodies: string[]): Promise<messagingApi.Message[]> {
  await sendAll(h, bodies);
  const reply = h.stub.replies().at(-1)!;
  if (validate) expect(validate(reply).errors).toEqual([]);
  expect(lineLimitViolations(reply.messages as never)).toEqual([]);
  return reply.messages as messagingApi.Message[];
}
const texts = (messages: messagingApi.Message[]) => messages.map(visibleText).join('\n');
const quickLabels = (messages: messagingApi.Message[]) => (messages.at(-1)!.quickReply?.items ?? []).map((item) => item.action?.label);
const postbacksOf = (messages: messagingApi.Message[]) => JSON.stringify(messages).match(/action=[^"]+/g) ?? [];

describe('changing one\'s city', () => {
  it('「鹿屋市」 alone offers the five cities, 鹿屋市 first; choosing confirms it in one short line', async () => {
    const offer = await say(textMessage('鹿屋市', now()));
    expect(texts(offer)).toBe('鹿屋市に設定しますか？お住まいの市を選んでください。');
    expect(quickLabels(offer)).toEqual(['鹿屋市', '垂水市', '西之表市', '嬉野市', '薩摩川内市']);
    const confirmed = await say(municipalityChoice('鹿屋市', now()));
    expect(texts(confirmed)).toBe('鹿屋市に設定しました。');
    const changed = await say(textMessage('市を変更したい', now()));
    expect(texts(changed)).toBe('お住まいの市を選んでください（いまの設定：鹿屋市）。');
    // Never an answer about some city's procedure (it used to be a 薩摩川内市 dog-registration card).
    expect(changed.every((message) => message.type === 'text')).toBe(true);
  });

  it('asks someone who never chose once more, under the first answer that depends on the city, and not again', async () => {
    const first = await say(textMessage('児童手当の現況届はオンラインで出せますか', now()));
    expect(first.at(-1)).toMatchObject({ type: 'text', text: ASK_CITY_TEXT });
    expect(quickLabels(first).slice(0, 5)).toEqual(['垂水市', '西之表市', '鹿屋市', '嬉野市', '薩摩川内市']);
    const again = await say(textMessage('要介護認定の更新申請はネットでできる？', now()));
    expect(texts(again)).not.toContain(ASK_CITY_TEXT);
    // A term's meaning does not depend on the city: no question there.
    const term = await say(textMessage('RPAとは', now()));
    expect(texts(term)).not.toContain(ASK_CITY_TEXT);
  });
});

describe('rich-menu areas', () => {
  it('手続きを調べる: topics as quick replies; a topic, once the city is known, lists that city\'s online procedures', async () => {
    const topics = await say(postback({ action: 'menu', item: 'procedures' }));
    expect(texts(topics)).toContain('どの分野の手続きを調べますか');
    expect(quickLabels(topics)).toContain('子育て・教育');
    const noCity = await say(postback({ action: 'category', value: 'childcare' }));
    expect(texts(noCity)).toContain('お住まいの市を選んで');
    const listed = await say(municipalityChoice('薩摩川内市', now()), postback({ action: 'category', value: 'childcare' }));
    expect(listed[0]?.type).toBe('flex');
    expect(texts(listed)).toMatch(/^薩摩川内市の子育て・教育の手続\n薩摩川内市の計画では、子育て・教育の\d+件の手続・サービスのうち\d+件がオンラインで実施済みです。/);
    expect((listed[0] as messagingApi.FlexMessage).altText).toContain('薩摩川内市の子育て・教育の手続');
  });

  it('用語を調べる, 市の計画, 市を選ぶ and 使い方 each answer with something to tap', async () => {
    expect(quickLabels(await say(postback({ action: 'menu', item: 'terms' })))).toEqual(expect.arrayContaining(['RPAとは', 'DXとは']));
    const noCity = await say(postback({ action: 'menu', item: 'plan' }));
    expect(quickLabels(noCity)).toHaveLength(5);
    const plan = await say(municipalityChoice('垂水市', now()), postback({ action: 'menu', item: 'plan' }));
    expect(texts(plan)).toBe('垂水市の計画は「垂水市DX推進計画」（令和5〜7年度）です。知りたいことを選んでください。');
    expect(texts(await say(postback({ action: 'menu', item: 'city' })))).toContain('いまの設定：垂水市');
    expect(texts(await say(postback({ action: 'menu', item: 'help' })))).toContain('お答えします');
  });
});

describe('short answers and what their buttons answer', () => {
  it("a procedure answer is the city's direct answer, how, and one source; くわしく and 他の市では answer in the next message", async () => {
    const answer = await say(municipalityChoice('鹿屋市', now()), textMessage('児童手当の現況届はオンラインで出せますか', now()));
    const card = answer[0] as messagingApi.FlexMessage;
    const lines = visibleText(card).split('\n');
    expect(lines[1]).toMatch(/^鹿屋市(では、|の計画には記載がありません)/);
    expect(lines.filter((line) => line.startsWith('出典：'))).toHaveLength(1);
    expect(card.altText).toBe(`【${lines[0]}】${lines[1]}`);
    const buttons = postbacksOf([card]);
    expect(buttons.some((data) => data.startsWith('action=detail&entry='))).toBe(true);
    const labels = JSON.stringify(card).match(/"label":"[^"]+"/g) ?? [];
    expect(labels).toContain(`"label":"${MORE_LABELS.detail}"`);

    const entry = new URLSearchParams(buttons.find((data) => data.startsWith('action=detail'))!).get('entry')!;
    const detail = await say(postback({ action: 'detail', entry }));
    expect(texts(detail).length).toBeGreaterThan(visibleText(card).length);
    expect(texts(detail)).toMatch(/出典：.+「.+」（令和\d+〜\d+年度） /);
    const others = await say(postback({ action: 'others', entry }));
    expect(texts(others)).toMatch(/他の市では|記載/);
  });

  it('says so when the entry behind a button is gone', async () => {
    expect(texts(await say(postback({ action: 'detail', entry: 'no-such-entry' })))).toContain('見つかりませんでした');
  });
});
