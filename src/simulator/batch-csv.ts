import { toCsv } from '../insights/csv.js';
import type { BatchRow } from './batch-run.js';

const HEADERS = ['質問', '意図', '回答できた', '回答の市', '最上位の候補', '候補の種類', '候補の市', 'スコア', 'カバー率', '回答文'];

/**
 * A batch's results as the CSV staff download: one row per question, the whole reply text last.
 * Written by the same CSV writer as the usage reports (BOM for Excel, RFC 4180 quoting, formulas defused).
 */
export function batchCsv(rows: readonly BatchRow[]): string {
  return toCsv({
    headers: HEADERS,
    rows: rows.map((row) => [
      row.question,
      row.intent,
      row.answered ? 'はい' : 'いいえ',
      row.municipality,
      row.topHit?.title ?? null,
      row.topHit?.kind ?? null,
      row.topHit?.municipality ?? null,
      row.topHit ? round(row.topHit.score, 3) : null,
      row.topHit ? round(row.topHit.coverage, 3) : null,
      row.replyText,
    ]),
  });
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
