/**
 * FAQ sheets as .xlsx, through ExcelJS (reads and writes the format Excel does; no hand-made zip
 * or XML). Cells are read as the text Excel shows: rich text joined, numbers and dates as text.
 */
import ExcelJS from 'exceljs';
import { FAQ_COMMON, MUNICIPALITIES } from '../knowledge/schema.js';

const SHEET_NAME = 'FAQ';
const WIDTHS = [18, 10, 36, 36, 60, 30, 18, 24, 36, 12];
/** Rows below the data that also get the 市 drop-down, for the rows staff add. */
const ROWS_TO_ADD = 200;
const CITY_LIST: ExcelJS.DataValidation = {
  type: 'list',
  allowBlank: true,
  formulae: [`"${[...MUNICIPALITIES, FAQ_COMMON].join(',')}"`],
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: '市',
  error: `${[...MUNICIPALITIES, FAQ_COMMON].join('・')} のどれかを選んでください`,
};

/** The first worksheet's rows as text cells; an empty list for a workbook with no sheet. */
export async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const width = Math.max(sheet.columnCount, 0);
  for (let number = 1; number <= sheet.rowCount; number += 1) {
    const row = sheet.getRow(number);
    const cells: string[] = [];
    for (let column = 1; column <= width; column += 1) cells.push(cellText(row.getCell(column).value));
    rows.push(cells);
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Excel stores a typed date as a day count; ExcelJS gives it as a UTC midnight.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

/** Rows as a workbook with one sheet: bold frozen header, wrapped text, every cell stored as text. */
export async function writeXlsx(rows: ReadonlyArray<readonly string[]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DX ナビ';
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  rows.forEach((cells, index) => {
    const row = sheet.addRow([...cells]);
    row.alignment = { vertical: 'top', wrapText: true };
    if (index === 0) row.font = { bold: true };
  });
  // 市 as a drop-down: the one column whose values are a fixed list (ExcelJS merges the cells into one range).
  for (let row = 2; row <= rows.length + ROWS_TO_ADD; row += 1) sheet.getCell(row, 2).dataValidation = CITY_LIST;
  WIDTHS.forEach((width, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = width;
    // "@" keeps what staff type as text: 2027-03-31 stays a string, 0994… keeps its zero.
    column.numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
