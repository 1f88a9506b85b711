import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../src/insights/csv.js';
import { entryCatalog, type EntryCatalog } from '../../src/insights/entry-catalog.js';
import { loadUsageReport } from '../../src/insights/load-usage-report.js';
import { parseReportOptions, type ReportOptions } from '../../src/insights/report-options.js';
import { REPORT_TABLES, reportTable } from '../../src/insights/report-tables.js';
import { reportText } from '../../src/insights/report-text.js';
import { buildUsageReport } from '../../src/insights/usage-report.js';
import { MISSED_EVENT_INTENT, type FeedbackEntry, type LogEntry } from '../../src/storage/store.js';
import { engineForTests, startHarness, type Harness } from '../server/webhook-harness.js';
import { AWKWARD_TEXT, scenarioBodies, SCENARIO_PERIOD } from './scenario.js';
import { sendAll } from './webhook-events.js';

const options = (municipality: ReportOptions['municipality'] = null): ReportOptions => ({ ...SCENARIO_PERIOD, municipality });

describe('usage report from conversations sent through the webhook', () => {
  let h: Harness;
  let entries: EntryCatalog;
  beforeAll(async () => {
    h = await startHarness();
    entries = entryCatalog((await engineForTests()).knowledgeBase);
    await sendAll(h, scenarioBodies());
  });
  afterAll(async () => {
    await h.close();
  });

  it('counts messages, questions and answers for the period only', async () => {
    const report = await loadUsageReport(h.store, entries, options());
    expect(report.totals).toEqual({ messages: 9, questions: 8, answered: 3, unanswered: 5, answeredRate: 3 / 8, missed: 0, helpful: 1, notHelpful: 1 });
  });

  it('counts per JST day, with quiet days as zero', async () => {
    const report = await loadUsageReport(h.store, entries, options());
    expect(report.daily).toEqual([
      { date: '2026-06-01', messages: 3, questions: 2, answered: 1 },
      { date: '2026-06-02', messages: 5, questions: 5, answered: 1 },
      { date: '2026-06-03', messages: 0, questions: 0, answered: 0 },
      { date: '2026-06-04', messages: 1, questions: 1, answered: 1 },
    ]);
  });

  it('lists top questions with wordings merged and the entry answered with', async () => {
    const report = await loadUsageReport(h.store, entries, options());
    expect(report.topQuestions[0]).toEqual({
      question: 'RPAとは',
      count: 2,
      answered: 2,
      wordings: [
        { text: 'RPAとは', count: 1 },
        { text: 'ＲＰＡって何ですか', count: 1 },
      ],
      entryId: 'rpa',
      entryTitle: 'RPA',
    });
    expect(report.topQuestions[1]).toMatchObject({ question: '図書館の開館時間は？', count: 2, answered: 0, entryId: null });
    expect(report.topQuestions.map((row) => row.question)).not.toContain('こんにちは');
  });

  it('groups unanswered questions by similar wording, the biggest group first', async () => {
    const report = await loadUsageReport(h.store, entries, options());
    expect(report.unanswered.map((group) => [group.question, group.count])).toEqual([
      ['図書館の開館時間は？', 3],
      ['ロボパとは', 1],
      [AWKWARD_TEXT, 1],
    ]);
    expect(report.unanswered[0]!.wordings.map((wording) => wording.text)).toEqual(['図書館の開館時間は？', '図書館の開館時間を教えて', '図書館の開館時間は何時']);
    expect(report.unanswered[0]!.lastAt).toBe('2026-06-02T01:00:00.000Z');
  });

  it('counts feedback per entry with its title', async () => {
    const report = await loadUsageReport(h.store, entries, options());
    expect(report.feedback).toEqual([{ entryId: 'rpa', title: 'RPA', helpful: 1, notHelpful: 1 }]);
  });

  it('filters every figure by municipality, placing feedback by the answer it rates', async () => {
    const kanoya = await loadUsageReport(h.store, entries, options('鹿屋市'));
    expect(kanoya.totals).toMatchObject({ messages: 2, questions: 2, answered: 1, helpful: 1, notHelpful: 0 });
    expect(kanoya.unanswered.map((group) => group.question)).toEqual(['ロボパとは']);
    expect(kanoya.feedback).toEqual([{ entryId: 'rpa', title: 'RPA', helpful: 1, notHelpful: 0 }]);

    const ureshino = await loadUsageReport(h.store, entries, options('嬉野市'));
    expect(ureshino.totals).toMatchObject({ messages: 2, answered: 1, helpful: 0, notHelpful: 1 });
    expect(ureshino.unanswered).toMatchObject([{ question: '図書館の開館時間は何時', count: 1 }]);
  });

  it('exports every table as CSV, quoting and defusing what residents typed', async () => {
    const report = await loadUsageReport(h.store, entries, options());
    for (const name of REPORT_TABLES) expect(toCsv(reportTable(report, name)).startsWith('\uFEFF')).toBe(true);
    const unanswered = toCsv(reportTable(report, 'unanswered'));
    expect(unanswered).toContain('\r\n3,"\'=HYPERLINK(""x""),改行\nあり",1,');
    expect(unanswered).toContain('1,図書館の開館時間は？,3,図書館の開館時間は？（1） ／ 図書館の開館時間を教えて（1） ／ 図書館の開館時間は何時（1）,2026-06-02 10:00\r\n');
    expect(toCsv(reportTable(report, 'daily'))).toContain('2026-06-01,3,2,1,50\r\n');
  });

  it('prints a readable text report', async () => {
    const text = reportText(await loadUsageReport(h.store, entries, options()));
    expect(text).toContain('2026-06-01 〜 2026-06-04（すべての市）');
    expect(text).toContain('回答率 37.5%');
    expect(text).toContain('1. 図書館の開館時間は？（3件');
    expect(text).toContain('RPA [rpa]  1 ／ 1');
  });

  it('stores hashed user keys only', async () => {
    const logs = await h.store.listLogs();
    expect(logs.length).toBeGreaterThan(0);
    for (const log of logs) expect(log.userKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify([logs, await h.store.listFeedback()])).not.toMatch(/U0{20}/);
  });
});

describe('buildUsageReport edge cases', () => {
  const catalog: EntryCatalog = new Map([['kanoya-thing', { title: '鹿屋の項目', kind: 'section', municipality: '鹿屋市' }]]);
  const parsed = parseReportOptions({ from: '2026-06-01', to: '2026-06-01' });
  if (!parsed.ok) throw new Error(parsed.message);
  const log = (overrides: Partial<LogEntry>): LogEntry => ({ at: '2026-06-01T01:00:00Z', userKey: 'k', sourceType: 'user', text: 'こんにちは', intent: 'greeting', answered: false, entryId: null, municipality: null, ...overrides });
  const feedback = (overrides: Partial<FeedbackEntry>): FeedbackEntry => ({ at: '2026-06-01T02:00:00Z', userKey: 'k', entryId: 'kanoya-thing', helpful: true, ...overrides });

  it('has no answered rate when nobody asked anything', () => {
    const report = buildUsageReport({ logs: [log({})], feedback: [], options: parsed.options, entries: catalog });
    expect(report.totals).toMatchObject({ messages: 1, questions: 0, answeredRate: null });
    expect(report.unanswered).toEqual([]);
  });

  it("places feedback without a matching log by the entry's own municipality", () => {
    const report = buildUsageReport({ logs: [], feedback: [feedback({})], options: { ...parsed.options, municipality: '鹿屋市' }, entries: catalog });
    expect(report.feedback).toEqual([{ entryId: 'kanoya-thing', title: '鹿屋の項目', helpful: 1, notHelpful: 0 }]);
    const elsewhere = buildUsageReport({ logs: [], feedback: [feedback({})], options: { ...parsed.options, municipality: '垂水市' }, entries: catalog });
    expect(elsewhere.feedback).toEqual([]);
  });

  it('keeps feedback on an entry the knowledge no longer has, untitled', () => {
    const report = buildUsageReport({ logs: [], feedback: [feedback({ entryId: 'gone', helpful: false })], options: parsed.options, entries: catalog });
    expect(report.feedback).toEqual([{ entryId: 'gone', title: null, helpful: 0, notHelpful: 1 }]);
  });
});

describe('missed events', () => {
  it('counts events logged as missed apart from messages and questions', () => {
    const at = '2026-06-02T01:00:00Z';
    const log = (intent: string, answered: boolean) => ({ at, userKey: 'k', sourceType: 'user' as const, text: 'RPAとは', intent, answered, entryId: null, municipality: null });
    const report = buildUsageReport({ logs: [log('glossary', true), log(MISSED_EVENT_INTENT, false), log(MISSED_EVENT_INTENT, false)], feedback: [], options: { from: '2026-06-01', to: '2026-06-04', municipality: null }, entries: new Map() });
    expect(report.totals).toMatchObject({ messages: 1, questions: 1, answered: 1, unanswered: 0, missed: 2 });
    expect(report.unanswered).toEqual([]);
  });
});
