import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/insights/csv.js';

describe('CSV', () => {
  it('starts with a BOM and ends every line with CRLF', () => {
    const text = toCsv({ headers: ['日付', '件数'], rows: [['2026-06-01', 3]] });
    expect(text).toBe('\uFEFF日付,件数\r\n2026-06-01,3\r\n');
  });

  it('quotes cells with commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('「引用」と"quote"')).toBe('"「引用」と""quote"""');
    expect(csvCell('一行目\n二行目')).toBe('"一行目\n二行目"');
    expect(csvCell('一行目\r\n二行目')).toBe('"一行目\r\n二行目"');
    expect(csvCell(' 前後の空白 ')).toBe('" 前後の空白 "');
    expect(csvCell('普通の文')).toBe('普通の文');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+81')).toBe("'+81");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("x"),a')).toBe('"\'=HYPERLINK(""x""),a"');
  });

  it('writes numbers as numbers and null as an empty cell', () => {
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(42.5)).toBe('42.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});
