// DX ナビ 管理画面: plain browser JavaScript, no build step. Every value from the server is
// written with textContent, never as HTML, because reports hold whatever residents typed.

import { initFaqTab } from './faq-tab.js';

const TOKEN_KEY = 'dx-navi-admin-token';
const $ = (id) => document.getElementById(id);

const KIND_LABELS = {
  glossary: '用語',
  'national-procedure': '国の手続',
  procedure: '手続',
  section: '計画の本文',
  kpi: 'KPI',
  fact: '計画の事実',
  plan: '計画',
  faq: 'FAQ',
  document: '文書',
};

class Unauthorized extends Error {}

/** Calls the admin API with the saved token; JSON in and out. */
async function api(path, { method = 'GET', body } = {}) {
  const headers = { Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/admin/api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) throw new Unauthorized();
  const data = await response.json().catch(() => ({}));
  return { status: response.status, data };
}

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/** A table with a caption and column headers; cells may be text or DOM nodes. */
function table(caption, headers, rows) {
  const result = element('table');
  result.append(element('caption', caption));
  const head = element('thead');
  const headRow = element('tr');
  for (const header of headers) headRow.append(element('th', header, { scope: 'col' }));
  head.append(headRow);
  const body = element('tbody');
  if (rows.length === 0) {
    const row = element('tr');
    row.append(element('td', 'この期間にはありません。', { colspan: String(headers.length) }));
    body.append(row);
  }
  for (const cells of rows) {
    const row = element('tr');
    for (const cell of cells) {
      const td = element('td');
      if (cell instanceof Node) td.append(cell);
      else td.textContent = cell === null || cell === undefined ? '' : String(cell);
      if (typeof cell === 'number') td.className = 'number';
      row.append(td);
    }
    body.append(row);
  }
  result.append(head, body);
  return result;
}

const percentText = (part, whole) => (whole === 0 ? '—' : `${Math.round((part / whole) * 1000) / 10}%`);
const jstText = (iso) => new Date(Date.parse(iso) + 9 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

function filters() {
  const params = new URLSearchParams({ from: $('from').value, to: $('to').value });
  if ($('municipality').value) params.set('municipality', $('municipality').value);
  return params;
}

function setStatus(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

function renderReport(report) {
  const { totals } = report;
  const summary = $('summary');
  summary.replaceChildren();
  const items = [
    ['メッセージ', `${totals.messages}件`],
    ['質問', `${totals.questions}件`],
    ['回答できた質問', `${totals.answered}件（回答率 ${percentText(totals.answered, totals.questions)}）`],
    ['回答できなかった質問', `${totals.unanswered}件`],
    ['役に立った', `${totals.helpful}件`],
    ['役に立たなかった', `${totals.notHelpful}件`],
    ['応答できなかったメッセージ（サーバー停止・返信期限切れ）', `${totals.missed ?? 0}件`],
  ];
  for (const [term, value] of items) {
    const group = element('div');
    group.append(element('dt', term), element('dd', value));
    summary.append(group);
  }

  $('daily').replaceChildren(
    table('日別の件数（日本時間）', ['日付', 'メッセージ', '質問', '回答', '回答率'], report.daily.map((day) => [day.date, day.messages, day.questions, day.answered, percentText(day.answered, day.questions)])),
  );
  $('top-questions').replaceChildren(
    table('よく聞かれた質問（上位）', ['順位', '質問', '件数', '回答率', '主な回答項目'], report.topQuestions.map((row, index) => [index + 1, row.question, row.count, percentText(row.answered, row.count), row.entryTitle ?? '—'])),
  );
  $('unanswered').replaceChildren(
    table(
      '回答できなかった質問（似た言い回しをまとめたもの）',
      ['順位', '質問', '件数', '言い回し', '最後に届いた日時', '操作'],
      report.unanswered.map((group, index) => {
        const actions = element('div', null, { class: 'buttons' });
        const fix = element('button', '直す', { type: 'button', class: 'secondary', 'aria-label': `「${group.question}」を直す` });
        fix.addEventListener('click', () => void openFix(group.question));
        const toFaq = element('button', 'FAQにする', { type: 'button', class: 'secondary', 'aria-label': `「${group.question}」をFAQにする` });
        toFaq.addEventListener('click', () => void makeFaq(group.question));
        actions.append(fix, toFaq);
        return [index + 1, group.question, group.count, group.wordings.map((wording) => `${wording.text}（${wording.count}）`).join(' ／ '), jstText(group.lastAt), actions];
      }),
    ),
  );
  $('feedback').replaceChildren(
    table('項目ごとの評価', ['項目', 'ID', '役に立った', '役に立たなかった'], report.feedback.map((row) => [row.title ?? '（削除された項目）', row.entryId, row.helpful, row.notHelpful])),
  );
}

async function loadReport() {
  setStatus('読み込み中…');
  const { status, data } = await api(`report?${filters()}`);
  if (status !== 200) {
    setStatus(`表示できませんでした：${data.error ?? status}`, true);
    return;
  }
  renderReport(data);
  const scope = data.options.municipality ?? 'すべての市';
  setStatus(`${data.options.from} 〜 ${data.options.to}（${scope}）を表示しています。`);
}

const authHeader = () => ({ Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}` });

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = element('a', null, { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Shows one tab's panel and marks its tab selected. */
function selectTab(name) {
  for (const tab of ['report', 'faq']) {
    const selected = tab === name;
    $(`tab-${tab}`).setAttribute('aria-selected', String(selected));
    $(`tab-${tab}`).tabIndex = selected ? 0 : -1;
    $(`${tab}-panel`).hidden = !selected;
  }
}

let faqTab = null;

async function showFaqTab() {
  selectTab('faq');
  await faqTab.load();
}

/** 「FAQにする」: a new FAQ with the unanswered question as its wording, for the city chosen above. */
async function makeFaq(question) {
  await guarded(showFaqTab)();
  faqTab.openForm(null, { question, municipality: $('municipality').value || '共通' });
}

async function downloadCsv(tableName) {
  const params = filters();
  params.set('table', tableName);
  const response = await fetch(`/admin/api/report.csv?${params}`, { headers: { Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}` } });
  if (response.status === 401) throw new Unauthorized();
  if (!response.ok) {
    setStatus('CSV を作れませんでした。', true);
    return;
  }
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `${tableName}.csv`;
  const url = URL.createObjectURL(await response.blob());
  const link = element('a', null, { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
  setStatus(`${name} を保存しました。`);
}

let targets = { glossary: [], synonyms: [] };

function fillSelect(select, options, preferred) {
  select.replaceChildren();
  for (const option of options) select.append(element('option', option.label, { value: option.value }));
  if (preferred) select.value = preferred;
}

async function openFix(question) {
  $('fix-section').hidden = false;
  $('fix-question').textContent = question;
  $('fix-result').replaceChildren();
  const [{ data: nearest }, { data: loaded }] = await Promise.all([api(`nearest?${new URLSearchParams({ q: question })}`), api('targets')]);
  targets = loaded;
  $('nearest').replaceChildren(
    table('この質問に近い項目（検索の順位順）', ['項目', '種類', '市', 'ID', '一致の度合い'], (nearest.hits ?? []).map((hit) => [hit.title, KIND_LABELS[hit.kind] ?? hit.kind, hit.municipality ?? '共通', hit.id, `${Math.round(hit.coverage * 100)}%`])),
  );
  const firstGlossary = (nearest.hits ?? []).find((hit) => hit.kind === 'glossary')?.id;
  fillSelect($('alias-entry'), targets.glossary.map((entry) => ({ value: entry.id, label: `${entry.term}（${entry.id}）` })), firstGlossary);
  fillSelect($('word-group'), targets.synonyms.map((group) => ({ value: group.id, label: `${group.canonical}：${group.words.join('、')}` })));
  $('alias-text').value = nearest.suggestedWord ?? question;
  $('word-text').value = nearest.suggestedWord ?? question;
  $('group-words').value = nearest.suggestedWord ?? question;
  $('fix-heading').focus();
}

/** Shows what became of an edit or a reload: success, or the validation report as a table. */
function showResult(container, status, data) {
  container.replaceChildren();
  container.classList.toggle('error', !data.ok);
  const messages = {
    applied: '追加しました。新しい内容で答えています。',
    unchanged: 'すでに登録されています。変更はありません。',
    rejected: '確認で問題が見つかったため、変更しませんでした（いまの内容で答え続けています）。',
    'not-found': `見つかりません：${data.message ?? ''}`,
    conflict: `ファイルが別の場所で変更されました。${data.message ?? ''}`,
  };
  let text = messages[data.status] ?? (data.ok ? '再読み込みしました。' : data.error ? `エラー：${data.error}` : '再読み込みできませんでした（いまの内容で答え続けています）。');
  if (data.status === 'applied' && data.reload && !data.reload.ok) text = 'ファイルは保存しましたが、再読み込みで問題が見つかりました。';
  container.append(element('p', `${text}${data.file ? `（${data.file}）` : ''}`));
  const problems = data.problems ?? data.reload?.problems ?? [];
  if (problems.length > 0) {
    container.append(table('見つかった問題', ['ファイル', 'ID', '項目', '内容'], problems.map((problem) => [problem.file, problem.id ?? '', problem.field ?? '', problem.message])));
  }
  if (status === 200 && data.ok) void loadReport();
}

async function submitEdit(path, body) {
  const { status, data } = await api(path, { method: 'POST', body });
  showResult($('fix-result'), status, data);
}

function showLogin(message = '') {
  sessionStorage.removeItem(TOKEN_KEY);
  $('app').hidden = true;
  $('logout').hidden = true;
  $('login-section').hidden = false;
  $('login-error').textContent = message;
  $('token').value = '';
  $('token').focus();
}

async function showApp() {
  $('login-section').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  await loadReport();
}

/** Runs an action; a 401 anywhere sends the person back to the login form. */
function guarded(action) {
  return async (event) => {
    event?.preventDefault?.();
    try {
      await action(event);
    } catch (error) {
      if (error instanceof Unauthorized) showLogin('トークンが違うか、変更されました。もう一度ログインしてください。');
      else setStatus(`通信できませんでした：${error.message}`, true);
    }
  };
}

function localDate(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function start() {
  faqTab = initFaqTab({ $, api, element, table, guarded, authHeader, jstText, saveBlob });
  $('tab-report').addEventListener('click', () => selectTab('report'));
  $('tab-faq').addEventListener('click', guarded(showFaqTab));
  const today = new Date();
  $('to').value = localDate(today);
  $('from').value = localDate(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29));

  $('login-form').addEventListener(
    'submit',
    guarded(async () => {
      const token = $('token').value.trim();
      if (token === '') {
        $('login-error').textContent = '管理トークンを入力してください。';
        return;
      }
      sessionStorage.setItem(TOKEN_KEY, token);
      await showApp();
      $('filter-heading').focus();
    }),
  );
  $('logout').addEventListener('click', () => showLogin('ログアウトしました。'));
  $('filter-form').addEventListener('submit', guarded(loadReport));
  for (const button of document.querySelectorAll('[data-csv]')) button.addEventListener('click', guarded(() => downloadCsv(button.dataset.csv)));
  $('alias-form').addEventListener('submit', guarded(() => submitEdit(`glossary/${encodeURIComponent($('alias-entry').value)}/aliases`, { alias: $('alias-text').value })));
  $('word-form').addEventListener('submit', guarded(() => submitEdit(`synonyms/${encodeURIComponent($('word-group').value)}/words`, { word: $('word-text').value })));
  $('group-form').addEventListener(
    'submit',
    guarded(() =>
      submitEdit('synonyms', {
        id: $('group-id').value.trim(),
        canonical: $('group-canonical').value,
        words: $('group-words').value.split(/[、,，\n]/).map((word) => word.trim()).filter(Boolean),
      }),
    ),
  );
  $('reload').addEventListener(
    'click',
    guarded(async () => {
      const { status, data } = await api('reload', { method: 'POST' });
      showResult($('reload-result'), status, data);
    }),
  );

  if (sessionStorage.getItem(TOKEN_KEY)) void guarded(showApp)();
  else $('token').focus();
}

start();
