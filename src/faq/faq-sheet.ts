/**
 * One FAQ as one spreadsheet row and back. The columns are the contract with staff's Excel
 * files: exactly these headers, in this order. A cell is plain text; 言い換え holds one wording
 * a line. Reading is lenient only where Excel itself changes what staff typed (a date cell,
 * CRLF line ends, a number cell); everything else is checked by the knowledge schema.
 */
import { faqSchema, type Faq } from '../knowledge/schema.js';

/** The header row, in order. */
export const FAQ_COLUMNS = ['ID', '市', '質問', '言い換え', '回答', 'リンク', 'リンク名', '担当', '出典', '見直し期限'] as const;
export type FaqColumn = (typeof FAQ_COLUMNS)[number];

/** A problem in an imported sheet: `行 N › 列名: message` (N as the spreadsheet numbers rows). */
export interface SheetProblem {
  row: number;
  column?: FaqColumn;
  message: string;
}

/** Formats a sheet problem as one line. */
export function formatSheetProblem(problem: SheetProblem): string {
  return `行 ${problem.row}${problem.column ? ` › ${problem.column}` : ''}: ${problem.message}`;
}

/** The column a field of an FAQ entry is edited in. */
export function columnOfField(field: string): FaqColumn | undefined {
  const [head, sub] = field.split('.');
  switch (head) {
    case 'id':
      return 'ID';
    case 'municipality':
      return '市';
    case 'question':
      return '質問';
    case 'wordings':
      return '言い換え';
    case 'answer':
      return '回答';
    case 'link':
      return sub === 'label' ? 'リンク名' : 'リンク';
    case 'contact':
      return '担当';
    case 'source':
      return '出典';
    case 'reviewBy':
      return '見直し期限';
    default:
      return undefined;
  }
}

/** An FAQ as the cells of one row, in FAQ_COLUMNS order. */
export function faqToCells(faq: Faq): string[] {
  return [faq.id, faq.municipality, faq.question, faq.wordings.join('\n'), faq.answer, faq.link?.url ?? '', faq.link?.label ?? '', faq.contact ?? '', faq.source, faq.reviewBy];
}

/** What a row says: the FAQ it describes (its id blank for a new one), or what is wrong with it. */
export type RowReading = { ok: true; id: string | null; faq: Omit<Faq, 'id'> } | { ok: false; problems: SheetProblem[] };

/** True for a row with nothing in it (Excel keeps formatted empty rows). */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Reads one data row; `row` is its spreadsheet row number, for the messages. */
export function readFaqRow(cells: readonly string[], row: number): RowReading {
  const cell = (column: FaqColumn) => (cells[FAQ_COLUMNS.indexOf(column)] ?? '').replace(/\r\n?/g, '\n').trim();
  const problems: SheetProblem[] = [];
  const id = cell('ID');
  const url = cell('リンク');
  const label = cell('リンク名');
  if (label && !url) problems.push({ row, column: 'リンク', message: 'リンク名があるのにリンク（URL）が空です' });
  if (url && !label) problems.push({ row, column: 'リンク名', message: 'リンクを付けるときは、ボタンに出すリンク名も書いてください' });
  const contact = cell('担当');
  const candidate = {
    id: id || 'new-row',
    municipality: cell('市'),
    question: cell('質問'),
    wordings: cell('言い換え')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    answer: cell('回答'),
    ...(url || label ? { link: { url, label } } : {}),
    ...(contact ? { contact } : {}),
    source: cell('出典'),
    reviewBy: excelDate(cell('見直し期限')),
  };
  const parsed = faqSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.');
      // Missing link halves are reported above, in the words of the sheet.
      if ((field === 'link.url' && !url) || (field === 'link.label' && !label)) continue;
      const column = columnOfField(field);
      const message = field === 'id' ? 'IDは半角英小文字・数字を「-」でつないだものです（新しい行は空のままにします）' : requiredMessage(issue.message, cell(column ?? 'ID'));
      problems.push({ row, ...(column ? { column } : {}), message });
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  const { id: _placeholder, ...faq } = parsed.data;
  return { ok: true, id: id || null, faq };
}

function requiredMessage(message: string, value: string): string {
  return value === '' ? '空にはできません' : message;
}

/**
 * 見直し期限 as YYYY-MM-DD. Excel shows a typed date as 2027/3/31 and writes it so in CSV;
 * anything else is left for the schema to reject with its message.
 */
export function excelDate(value: string): string {
  const match = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(value.normalize('NFKC'));
  if (!match) return value;
  return `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
}

/** Checks the header row: exactly FAQ_COLUMNS, in order. */
export function headerProblems(header: readonly string[]): SheetProblem[] {
  const cells = header.map((cell) => cell.replace(/^\uFEFF/, '').trim());
  while (cells.length > FAQ_COLUMNS.length && cells.at(-1) === '') cells.pop();
  if (cells.length === FAQ_COLUMNS.length && cells.every((cell, index) => cell === FAQ_COLUMNS[index])) return [];
  return [{ row: 1, message: `1行目の見出しは「${FAQ_COLUMNS.join(', ')}」のとおりにしてください（いま：「${cells.join(', ')}」）` }];
}
