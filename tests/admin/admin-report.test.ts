import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWKWARD_TEXT, scenarioBodies } from '../insights/scenario.js';
import { sendAll } from '../insights/webhook-events.js';
import { startAdminHarness, type AdminHarness } from './admin-harness.js';

let h: AdminHarness;
// The conversations go through the same app the admin API is mounted on.
beforeAll(async () => {
  h = await startAdminHarness({ now: () => new Date('2026-06-04T12:00:00+09:00') });
  await sendAll(h, scenarioBodies());
});
afterAll(async () => {
  await h.close();
});

describe('GET /admin/api/report', () => {
  it('reports the chosen period', async () => {
    const { body } = await h.api('get', 'report?from=2026-06-01&to=2026-06-04').expect(200);
    expect(body.options).toEqual({ from: '2026-06-01', to: '2026-06-04', municipality: null });
    expect(body.totals).toEqual({ messages: 9, questions: 8, answered: 3, unanswered: 5, answeredRate: 0.375, missed: 0, helpful: 1, notHelpful: 1 });
    expect(body.daily.map((day: { messages: number }) => day.messages)).toEqual([3, 5, 0, 1]);
    expect(body.unanswered[0]).toMatchObject({ question: '図書館の開館時間は？', count: 3 });
    expect(body.feedback).toEqual([{ entryId: 'rpa', title: 'RPA', helpful: 1, notHelpful: 1 }]);
  });

  it('filters by municipality', async () => {
    const { body } = await h.api('get', `report?from=2026-06-01&to=2026-06-04&municipality=${encodeURIComponent('鹿屋市')}`).expect(200);
    expect(body.totals).toMatchObject({ messages: 2, answered: 1, helpful: 1, notHelpful: 0 });
  });

  it('defaults to the 30 days up to today', async () => {
    const { body } = await h.api('get', 'report').expect(200);
    expect(body.options).toEqual({ from: '2026-05-06', to: '2026-06-04', municipality: null });
    // The message on 2026-05-31 is inside the default period; the one on 2026-06-05 is not.
    expect(body.totals.messages).toBe(10);
  });

  it('answers 400 with the reason for bad options', async () => {
    const { body } = await h.api('get', 'report?from=yesterday').expect(400);
    expect(body.error).toContain('from must be a date');
    await h.api('get', `report?municipality=${encodeURIComponent('東京都')}`).expect(400);
  });
});

describe('GET /admin/api/report.csv', () => {
  it('downloads a table as UTF-8 CSV with a BOM, quoting what residents typed', async () => {
    const response = await h.api('get', 'report.csv?table=unanswered&from=2026-06-01&to=2026-06-04').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="?dx-navi-unanswered-2026-06-01_2026-06-04\.csv"?$/);
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(`"'${AWKWARD_TEXT.replaceAll('"', '""')}"`);
    expect(text.split('\r\n')[0]).toBe('\uFEFF順位,質問（代表的な言い回し）,件数,言い回しの例,最終受信日時');
  });

  it('names the municipality in the file name', async () => {
    const response = await h.api('get', `report.csv?table=daily&from=2026-06-01&to=2026-06-04&municipality=${encodeURIComponent('鹿屋市')}`).expect(200);
    expect(response.headers['content-disposition']).toContain('dx-navi-daily-2026-06-01_2026-06-04-kanoya.csv');
  });

  it('refuses an unknown table', async () => {
    const { body } = await h.api('get', 'report.csv?table=secrets').expect(400);
    expect(body.error).toContain('table must be one of');
  });
});
