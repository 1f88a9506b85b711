import { describe, expect, it } from 'vitest';
import { jstDateOf, jstDateTimeOf, startOfJstDate } from '../../src/insights/jst-dates.js';
import { parseReportOptions, periodOf } from '../../src/insights/report-options.js';

// 2026-06-10 08:00 JST is still 2026-06-09 in UTC.
const now = new Date('2026-06-09T23:00:00Z');

describe('JST dates', () => {
  it('counts days in Japan time', () => {
    expect(jstDateOf('2026-06-03T15:30:00Z')).toBe('2026-06-04');
    expect(jstDateOf('2026-06-03T14:59:59.999Z')).toBe('2026-06-03');
    expect(jstDateTimeOf('2026-06-03T15:30:00Z')).toBe('2026-06-04 00:30');
    expect(startOfJstDate('2026-06-04').toISOString()).toBe('2026-06-03T15:00:00.000Z');
  });
});

describe('parseReportOptions', () => {
  it('defaults to the last 30 days, today (JST) included, every municipality', () => {
    expect(parseReportOptions({}, now)).toEqual({ ok: true, options: { from: '2026-05-12', to: '2026-06-10', municipality: null } });
  });

  it('fills a missing from as 29 days before to', () => {
    expect(parseReportOptions({ to: '2026-03-01' }, now)).toMatchObject({ ok: true, options: { from: '2026-01-31', to: '2026-03-01' } });
  });

  it('accepts a municipality, and すべて or nothing for all', () => {
    expect(parseReportOptions({ municipality: '鹿屋市' }, now)).toMatchObject({ ok: true, options: { municipality: '鹿屋市' } });
    expect(parseReportOptions({ municipality: 'すべて' }, now)).toMatchObject({ ok: true, options: { municipality: null } });
    expect(parseReportOptions({ municipality: '' }, now)).toMatchObject({ ok: true, options: { municipality: null } });
  });

  it('names what is wrong', () => {
    expect(parseReportOptions({ from: '2026/06/01' }, now)).toEqual({ ok: false, message: expect.stringContaining('from must be a date') });
    expect(parseReportOptions({ to: '2026-02-30' }, now)).toEqual({ ok: false, message: expect.stringContaining('to must be a date') });
    expect(parseReportOptions({ from: '2026-06-05', to: '2026-06-01' }, now)).toEqual({ ok: false, message: expect.stringContaining('is after') });
    expect(parseReportOptions({ municipality: '東京都' }, now)).toEqual({ ok: false, message: expect.stringContaining('municipality must be one of') });
    expect(parseReportOptions({ from: '2000-01-01', to: '2026-01-01' }, now)).toEqual({ ok: false, message: expect.stringContaining('at most') });
  });

  it('turns inclusive dates into a period from JST midnight to the midnight after the last day', () => {
    const period = periodOf({ from: '2026-06-01', to: '2026-06-04' });
    expect(period.from.toISOString()).toBe('2026-05-31T15:00:00.000Z');
    expect(period.to.toISOString()).toBe('2026-06-04T15:00:00.000Z');
  });
});
