/**
 * The staff panel's 回答の説明 tab: how the engine read the last question and what it answered
 * from. It draws what /simulator/api/explain returns; nothing is worked out here.
 */
import { intentLabel, kindLabel, municipalityLabel, municipalitySourceLabel, percent } from './labels.js';

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function chips(values) {
  if (values.length === 0) return element('span', 'muted', '（なし）');
  const list = element('ul', 'chips');
  for (const value of values) list.append(element('li', 'chip', value));
  return list;
}

function hitsTable(hits) {
  if (hits.length === 0) return element('p', 'muted', '候補は見つかりませんでした。');
  // On a phone the table scrolls sideways rather than squeezing titles to a character a line.
  const scroll = element('div', 'table-scroll');
  const table = element('table', 'hits');
  scroll.append(table);
  table.append(element('caption', 'visually-hidden', '検索の上位候補'));
  const head = element('thead');
  const headRow = element('tr');
  for (const title of ['順位', '種類', '見出し', '市', 'スコア', 'カバー率', '焦点のカバー率']) {
    const th = element('th', null, title);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = element('tbody');
  hits.forEach((hit, index) => {
    const row = element('tr');
    const title = element('td', 'hit-title', hit.title);
    title.title = hit.id;
    row.append(
      element('td', 'num', String(index + 1)),
      element('td', null, kindLabel(hit.kind)),
      title,
      element('td', null, municipalityLabel(hit.municipality)),
      element('td', 'num', hit.score.toFixed(2)),
      element('td', 'num', percent(hit.coverage)),
      element('td', 'num', hit.focusCoverage === undefined ? '–' : percent(hit.focusCoverage)),
    );
    body.append(row);
  });
  table.append(head, body);
  return scroll;
}

/** Shows an explanation from /simulator/api/explain. */
export function renderExplanation(container, explanation) {
  const facts = element('dl', 'facts');
  const fact = (label, value, field) => {
    const dd = element('dd');
    if (field) dd.dataset.field = field;
    dd.append(value instanceof Node ? value : document.createTextNode(value));
    facts.append(element('dt', null, label), dd);
  };
  fact('意図', intentLabel(explanation.intent), 'intent');
  fact('回答', explanation.answered ? '回答した' : '答えられなかった（候補や言い換えを提案）', 'answered');
  fact('回答に使った市', explanation.municipality ? `${explanation.municipality}（${municipalitySourceLabel(explanation.municipalitySource)}）` : 'なし', 'municipality');
  fact('この人の市の設定', explanation.rememberedMunicipality ?? '未設定', 'remembered');
  const normalized = element('code', null, explanation.normalized || '（空）');
  fact('正規化した質問', normalized, 'normalized');
  fact('語（トークン）', chips(explanation.terms), 'terms');
  fact('読み', chips(explanation.readings), 'readings');
  fact('回答した項目', explanation.entryId ?? 'なし', 'entry');
  if (explanation.decision) {
    const { rule, confidence, features } = explanation.decision;
    const evidence = `名前の一致: ${features.named ? 'あり' : 'なし'} / 焦点のカバー率: ${percent(features.focusCoverage)} / 焦点の語の重み: ${features.focusMass.toFixed(1)} / 質問全体のカバー率: ${percent(features.messageCoverage)} / 中心の語: ${features.holdsHead ? 'あり' : 'なし'}`;
    fact('判断の理由', `${rule}（確信度 ${percent(confidence)}）`, 'decision');
    fact('判断の材料', evidence, 'decision-features');
  }

  const sources = explanation.sources.length > 0 ? element('ul', 'sources') : element('p', 'muted', '出典のある回答ではありません。');
  for (const line of explanation.sources) sources.append(element('li', null, line));

  container.replaceChildren(
    element('h3', 'explain-question', `「${explanation.query}」`),
    facts,
    element('h4', null, '上位の候補'),
    hitsTable(explanation.hits),
    element('h4', null, '回答の出典'),
    sources,
  );
}

/** Shows a short note instead of an explanation (a postback, a sticker, an error). */
export function renderExplanationNote(container, text) {
  container.replaceChildren(element('p', 'hint', text));
}
