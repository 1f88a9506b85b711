/** One cell: text, a number, or empty. */
export type CsvCell = string | number | null;

/** A table ready to write as CSV. */
export interface CsvTable {
  headers: string[];
  rows: CsvCell[][];
}

/** Excel needs the byte order mark to read UTF-8 rather than Shift_JIS. */
const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
// A cell starting like a formula is run by spreadsheet programs; residents' messages are untrusted.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV (RFC 4180 quoting; formula-like text defused with a leading apostrophe). */
export function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole table as UTF-8 CSV text with a BOM and CRLF line ends, as spreadsheet programs expect. */
export function toCsv(table: CsvTable): string {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
