/**
 * FAQ sheets as CSV. Japanese Excel saves CSV as Shift_JIS (Windows-31J) unless told otherwise,
 * and as UTF-8 with a BOM when told: both are read. Written as UTF-8 with a BOM, CRLF rows and
 * RFC 4180 quoting, which Excel opens as it is.
 */
import iconv from 'iconv-lite';

const BOM = '\uFEFF';
// A cell starting like a formula would be run by Excel: written with a leading apostrophe, which
// Excel itself shows as "text", and taken off again on import.
const FORMULA_START = /^[=+\-@]/;

/** Which encoding a CSV file was read in, for the summary. */
export type CsvEncoding = 'utf-8' | 'shift_jis';

/** The text of a CSV file: UTF-8 (BOM or not) when it is valid UTF-8, else Shift_JIS (Windows-31J). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    // Excel's "CSV" in Japanese Windows is code page 932, a superset of Shift_JIS (①, ㈱, 髙).
    return { text: iconv.decode(Buffer.from(bytes), 'cp932'), encoding: 'shift_jis' };
  }
}

/** Rows of RFC 4180 CSV: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let atCellStart = true;
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    if (quoted) {
      if (char === '"') {
        if (source[index + 1] === '"') {
          cell += '"';
          index += 1;
        } else quoted = false;
      } else cell += char;
      continue;
    }
    if (char === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (char === ',') {
      row.push(unFormula(cell));
      cell = '';
      atCellStart = true;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && source[index + 1] === '\n') index += 1;
      row.push(unFormula(cell));
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else {
      cell += char;
      atCellStart = false;
    }
  }
  if (!atCellStart || row.length > 0 || cell !== '') {
    row.push(unFormula(cell));
    rows.push(row);
  }
  return rows;
}

function unFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** Rows as UTF-8 CSV with a BOM and CRLF row ends; line breaks inside a cell stay LF, as Excel writes them. */
export function formatCsv(rows: ReadonlyArray<readonly string[]>): Buffer {
  const cellText = (value: string) => {
    const text = FORMULA_START.test(value) ? `'${value}` : value;
    return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return Buffer.from(`${BOM}${rows.map((row) => row.map(cellText).join(',')).join('\r\n')}\r\n`, 'utf8');
}
