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
  city: '市の選択',
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

/** 「用語の意味（definition）」: the staff panel shows the code too, for those who read the engine. */
export function intentLabel(intent) {
  return INTENTS[intent] ? `${INTENTS[intent]}（${intent}）` : intent;
}

/** 「用語の意味」: the batch table and its CSV, read by staff who do not need the code. */
export function intentName(intent) {
  return INTENTS[intent] ?? intent;
}

/** A hit's city; the national list and the terms every plan shares are 共通. */
export function municipalityLabel(municipality) {
  return municipality ?? '共通';
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

/** Postback data as staff read it: 「action=municipality, value=鹿屋市」 rather than percent-encoded. */
export function describePostback(data) {
  try {
    const pairs = [...new URLSearchParams(data)].map(([key, value]) => `${key}=${value}`);
    return pairs.length > 0 ? pairs.join(', ') : '（空）';
  } catch {
    return data;
  }
}
