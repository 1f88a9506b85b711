import { toCsv } from '../insights/csv.js';
import type { BatchRow } from './batch-run.js';
import { intentName, kindLabel, municipalityLabel, percent } from './public/labels.js';

const HEADERS = ['質問', '意図', '回答できた', '回答の市', '最上位の候補', '候補の種類', '候補の市', 'スコア', 'カバー率', '回答文'];

/**
 * A batch's results as the CSV staff download: one row per question, the whole reply text last.
 * Every cell says what the page says (labels from the page's own labels.js: 用語の意味, 共通, 83%),
 * never an internal code.
 * Written by the same CSV writer as the usage reports (BOM for Excel, RFC 4180 quoting, formulas defused).
 */
export function batchCsv(rows: readonly BatchRow[]): string {
  return toCsv({
    headers: HEADERS,
    rows: rows.map((row) => [
      row.question,
      intentName(row.intent),
      row.answered ? 'はい' : 'いいえ',
      row.municipality ?? 'なし',
      row.topHit?.title ?? null,
      row.topHit ? kindLabel(row.topHit.kind) : null,
      row.topHit ? municipalityLabel(row.topHit.municipality) : null,
      row.topHit ? round(row.topHit.score, 2) : null,
      row.topHit ? percent(row.topHit.coverage) : null,
      row.replyText,
    ]),
  });
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
