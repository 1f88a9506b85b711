/** National-list categories and the everyday words that name them. */
const CATEGORY_WORDS: ReadonlyArray<[string[], RegExp]> = [
  [['子育て'], /子育て|子ども|こども|子供|児童|保育|妊娠|出産|赤ちゃん/],
  [['介護'], /介護|高齢|ケアプラン/],
  [['被災者支援'], /被災|災害|罹災|り災|震災|避難/],
  [['転出・転入'], /引っ?越|転出|転入|転居|住所変更/],
  [['自動車保有'], /自動車|車庫|くるま/],
];

/** The national-list categories a message asks about (empty when it names none). */
export function procedureCategoriesIn(text: string): string[] {
  const folded = text.normalize('NFKC');
  return CATEGORY_WORDS.filter(([, pattern]) => pattern.test(folded)).flatMap(([categories]) => categories);
}
