import { describe, expect, it } from 'vitest';
import { dayEndsBy, dayFileName, dayOf, dayOfFileName, dayOverlaps, legacyDayFileName, sortDays } from '../../src/storage/day-key.js';

describe('dayOf', () => {
  it('is the UTC day of the time, whatever offset it was written with', () => {
    expect(dayOf('2025-04-01T00:00:00.000Z')).toBe('2025-04-01');
    expect(dayOf('2025-03-31T23:59:59.999Z')).toBe('2025-03-31');
    expect(dayOf('2025-04-02T08:59:59+09:00')).toBe('2025-04-01');
  });

  it('gives years beyond 9999 and before 0 their expanded form, which still names a file and sorts', () => {
    expect(dayOf(new Date(8.64e15).toISOString())).toBe('+275760-09-13');
    expect(dayOf(new Date(-1e14).toISOString())).toBe('-001199-02-15');
    expect(sortDays(['+275760-09-13', '2025-04-01', '-001199-02-15', '1970-01-01'])).toEqual(['-001199-02-15', '1970-01-01', '2025-04-01', '+275760-09-13']);
  });
});

describe('day files', () => {
  it('round-trips a day through its file name and ignores everything else', () => {
    for (const day of ['2025-04-01', '+275760-09-13', '-001199-02-15']) expect(dayOfFileName(dayFileName(day))).toBe(day);
    // A version-1 day document, still read until its day is next written.
    expect(dayOfFileName(legacyDayFileName('2025-04-01'))).toBe('2025-04-01');
    for (const name of ['.2025-04-01.jsonl.tmp', '2025-04-01.jsonl.corrupt-2025-04-02T00-00-00-000Z', '2025-04-01.jsonll', '.2025-04-01.json.tmp', '2025-04-01.json.corrupt-2025-04-02T00-00-00-000Z', '2025-02-30.json', '2025-4-1.json', 'dx-navi.json', '2025-04-01.json.bak']) {
      expect(dayOfFileName(name), name).toBeNull();
    }
  });

  it('knows which days a period touches and which lie wholly before a cut-off', () => {
    const period = { from: new Date('2025-04-01T12:00:00Z'), to: new Date('2025-04-03T00:00:00Z') };
    expect(['2025-03-31', '2025-04-01', '2025-04-02', '2025-04-03'].filter((day) => dayOverlaps(day, period))).toEqual(['2025-04-01', '2025-04-02']);
    expect(dayOverlaps('1999-01-01', {})).toBe(true);
    const cutoff = Date.parse('2025-04-02T00:00:00Z');
    expect(dayEndsBy('2025-04-01', cutoff)).toBe(true);
    expect(dayEndsBy('2025-04-02', cutoff)).toBe(false);
  });
});
