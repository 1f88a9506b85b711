/**
 * What importing a sheet would do to the FAQs: every row read and checked first, and either the
 * complete new set of FAQs with what was added, changed and removed, or every problem found and
 * nothing else. Pure: reading files and writing YAML are the caller's.
 */
import { isDeepStrictEqual } from 'node:util';
import { FAQ_COMMON_SLUG, MUNICIPALITY_SLUGS } from '../knowledge/layout.js';
import { FAQ_COMMON, faqSchema, type Faq } from '../knowledge/schema.js';
import { headerProblems, isBlankRow, readFaqRow, type SheetProblem } from './faq-sheet.js';

/** What an import changes; `faqs` is the whole new set, in file order. */
export interface ImportPlan {
  faqs: Faq[];
  added: Faq[];
  changed: Array<{ before: Faq; after: Faq }>;
  /** Removed from the knowledge (only with deleteMissing). */
  removed: Faq[];
  /** In the knowledge but not in the sheet, and kept (without deleteMissing). */
  missing: Faq[];
  /** Spreadsheet row of each FAQ id in the sheet, to place later problems on their row. */
  rowOf: Map<string, number>;
}

export type ImportResult = { ok: true; plan: ImportPlan } | { ok: false; problems: SheetProblem[] };

/** Options of an import. */
export interface ImportOptions {
  /** Remove FAQs the sheet does not list (otherwise they are kept). */
  deleteMissing?: boolean;
  /** Ids used by other knowledge entries: a new FAQ id must not take one. */
  takenIds?: ReadonlySet<string>;
}

/** Plans an import of `rows` (header first) over the FAQs there are now. */
export function planImport(current: readonly Faq[], rows: ReadonlyArray<readonly string[]>, options: ImportOptions = {}): ImportResult {
  const [header, ...data] = rows;
  if (!header) return { ok: false, problems: [{ row: 1, message: 'ファイルが空です（1行目に見出しが必要です）' }] };
  const problems = headerProblems(header);
  if (problems.length > 0) return { ok: false, problems };

  const byId = new Map(current.map((faq) => [faq.id, faq]));
  const readings: Array<{ row: number; id: string | null; faq: Omit<Faq, 'id'> }> = [];
  const firstRowOf = new Map<string, number>();
  data.forEach((cells, index) => {
    const row = index + 2;
    if (isBlankRow(cells)) return;
    const reading = readFaqRow(cells, row);
    if (!reading.ok) {
      problems.push(...reading.problems);
      return;
    }
    if (reading.id !== null) {
      const earlier = firstRowOf.get(reading.id);
      if (earlier !== undefined) problems.push({ row, column: 'ID', message: `ID「${reading.id}」は行 ${earlier} にもあります（新しい行はIDを空にします）` });
      else firstRowOf.set(reading.id, row);
      if (!byId.has(reading.id) && options.takenIds?.has(reading.id)) problems.push({ row, column: 'ID', message: `ID「${reading.id}」はほかの知識の項目が使っています` });
    }
    readings.push({ row, ...reading });
  });
  if (problems.length > 0) return { ok: false, problems };

  const ids = new Set([...byId.keys(), ...firstRowOf.keys(), ...(options.takenIds ?? [])]);
  const rowOf = new Map<string, number>();
  const imported = new Map<string, Faq>();
  for (const reading of readings) {
    const id = reading.id ?? nextId(reading.faq.municipality, ids);
    ids.add(id);
    rowOf.set(id, reading.row);
    imported.set(id, faqSchema.parse({ id, ...reading.faq }));
  }

  const added: Faq[] = [];
  const changed: ImportPlan['changed'] = [];
  const removed: Faq[] = [];
  const missing: Faq[] = [];
  const faqs: Faq[] = [];
  // Existing FAQs keep their place; new ones follow in sheet order.
  for (const faq of current) {
    const next = imported.get(faq.id);
    if (next) {
      faqs.push(next);
      if (!isDeepStrictEqual(next, faq)) changed.push({ before: faq, after: next });
    } else if (options.deleteMissing) removed.push(faq);
    else {
      missing.push(faq);
      faqs.push(faq);
    }
  }
  for (const [id, faq] of imported) {
    if (byId.has(id)) continue;
    faqs.push(faq);
    added.push(faq);
  }
  return { ok: true, plan: { faqs, added, changed, removed, missing, rowOf } };
}

/** A fresh id for a new FAQ of a municipality: faq-<slug>-<n>, n one past the highest in use. */
export function nextId(municipality: Faq['municipality'], taken: ReadonlySet<string>): string {
  const slug = municipality === FAQ_COMMON ? FAQ_COMMON_SLUG : (Object.entries(MUNICIPALITY_SLUGS).find(([, city]) => city === municipality)?.[0] ?? FAQ_COMMON_SLUG);
  const prefix = `faq-${slug}-`;
  let highest = 0;
  for (const id of taken) {
    if (!id.startsWith(prefix)) continue;
    const number = Number(id.slice(prefix.length));
    if (Number.isInteger(number)) highest = Math.max(highest, number);
  }
  return `${prefix}${highest + 1}`;
}

/** Plans a single edit from the admin page as an import of the whole set with one row replaced. */
export function sheetOf(faqs: readonly Faq[], toCells: (faq: Faq) => string[], header: readonly string[]): string[][] {
  return [[...header], ...faqs.map(toCells)];
}
