/** Japanese names for the engine's codes, shown to staff beside the code itself. */

const INTENTS = {
  definition: '用語の意味',
  procedure: '手続き',
  listing: '手続きの一覧',
  plan: '計画の内容',
  search: 'キーワード検索',
  greeting: 'あいさつ',
  thanks: 'お礼',
  help: '使い方',
};

const KINDS = {
  glossary: '用語',
  procedure: '市の手続き',
  'national-procedure': '国が進める手続き',
  section: '計画の章・節',
  kpi: '指標（KPI）',
  fact: '計画の記載事項',
  plan: '計画',
  faq: 'FAQ',
  document: '文書',
};

const MUNICIPALITY_SOURCES = {
  message: '質問文に市名',
  remembered: 'この人の市の設定',
  none: '指定なし',
};

/** 「用語の意味（definition）」 */
export function intentLabel(intent) {
  return INTENTS[intent] ? `${INTENTS[intent]}（${intent}）` : intent;
}

/** The kind of a knowledge entry, in Japanese. */
export function kindLabel(kind) {
  return KINDS[kind] ?? kind;
}

/** Where the answer's city came from. */
export function municipalitySourceLabel(source) {
  return MUNICIPALITY_SOURCES[source] ?? source;
}

/** 0.734 → 「73%」 */
export function percent(value) {
  return `${Math.round(value * 100)}%`;
}
