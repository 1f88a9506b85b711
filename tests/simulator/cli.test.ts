import type { messagingApi } from '@line/bot-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { loadKnowledgeOrThrow } from '../../src/knowledge/load.js';
import { lineLimitViolations } from '../support/line-limits.js';
import { LINE_OPENAPI_SKIP, lineSchemaValidator } from '../support/line-openapi.js';
import { runProgram } from '../support/run-program.js';

const simulate = (args: string[], input?: string) => runProgram('src/simulator/cli.ts', args, input === undefined ? {} : { input });

let knowledge: KnowledgeBase;
beforeAll(async () => {
  knowledge = await loadKnowledgeOrThrow();
});

// The terminal face of the simulator: every message goes through the real webhook (signature,
// routing, storage, message building), so what it prints is what LINE would have been sent.
// The runs are separate processes and overlap; each takes seconds on a busy machine.
describe.concurrent('simulate CLI', { timeout: 60_000 }, () => {
  it('--json prints, per message sent, the messages the bot replied with: valid LINE messages within the limits', async () => {
    const run = await simulate(['--json', 'RPAとは', 'ありがとう']);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { sent: string; reply: messagingApi.Message[] | null });
    expect(lines.map((line) => line.sent)).toEqual(['RPAとは', 'ありがとう']);
    for (const { reply } of lines) {
      expect(reply?.length).toBeGreaterThan(0);
      expect(lineLimitViolations(reply!)).toEqual([]);
    }
    const rpa = knowledge.glossary.find((term) => term.term === 'RPA');
    expect(rpa, 'the knowledge base defines RPA').toBeDefined();
    expect(JSON.stringify(lines[0]!.reply)).toContain(rpa!.term);
    const validate = lineSchemaValidator('messaging-api', 'ReplyMessageRequest');
    if (!validate) {
      console.info(LINE_OPENAPI_SKIP);
      return;
    }
    for (const { reply } of lines) expect(validate({ replyToken: 'x'.repeat(32), messages: reply }).errors).toEqual([]);
  });

  it('remembers the city chosen by postback for the questions after it, as one resident', async () => {
    const run = await simulate(['--follow', '--municipality', '鹿屋市'], 'DX推進計画の期間は\n\nRPAとは\n');
    expect(run.status, run.stderr).toBe(0);
    const sections = run.stdout.split(/^> /m).filter(Boolean);
    expect(sections.map((section) => section.split('\n')[0])).toEqual(['（友だち追加）', '（鹿屋市を選択）', 'DX推進計画の期間は', 'RPAとは']);
    // The welcome offers every city as a quick reply; the period answer is 鹿屋市's.
    for (const plan of knowledge.plans) expect(sections[0]).toContain(`［${plan.municipality}］`);
    const kanoya = knowledge.plans.find((plan) => plan.municipality === '鹿屋市')!;
    expect(sections[2]).toContain(kanoya.name);
    expect(sections[2]).not.toContain('(返信なし)');
  });

  it('rejects an unknown city and says which are known', async () => {
    const run = await simulate(['--municipality', '東京都', 'RPAとは']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('鹿屋市');
  });
});
