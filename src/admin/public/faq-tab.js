// The FAQ tab: list and search, add / edit / delete with a preview of the bot's answers before
// and after, Excel download and upload, and the change log. Values from the server are written
// with textContent only.

const ORIGIN_LABELS = { wording: 'FAQの言い回し', typed: '入力した質問', asked: '住民の質問（30日）' };
const FIELDS = {
  municipality: 'faq-municipality',
  question: 'faq-question',
  answer: 'faq-answer',
  linkUrl: 'faq-link-url',
  linkLabel: 'faq-link-label',
  contact: 'faq-contact',
  source: 'faq-source',
  reviewBy: 'faq-review-by',
};
const ACTION_LABELS = { added: '追加', changed: '変更', removed: '削除' };

/** Wires the FAQ tab; `ui` holds the page's shared helpers. */
export function initFaqTab(ui) {
  const { $, api, element, table, guarded, authHeader, jstText, saveBlob } = ui;
  let faqs = [];
  let flags = { pastReview: new Set(), unasked: new Set(), days: 30 };

  const lines = (text) => text.split('\n').map((line) => line.trim()).filter(Boolean);
  const form = () => {
    const body = { wordings: lines($('faq-wordings').value) };
    for (const [name, id] of Object.entries(FIELDS)) body[name] = $(id).value;
    return body;
  };

  function renderList() {
    const query = $('faq-search').value.trim().toLowerCase();
    const shown = faqs.filter((faq) => query === '' || [faq.id, faq.question, faq.answer, ...faq.wordings].join('\n').toLowerCase().includes(query));
    $('faq-list').replaceChildren(
      table(
        `FAQ（${shown.length}件）`,
        ['ID', '市', '質問', '言い換え', '見直し期限', '注意', '操作'],
        shown.map((faq) => {
          const actions = element('div', null, { class: 'buttons' });
          const edit = element('button', '編集', { type: 'button', class: 'secondary', 'aria-label': `「${faq.question}」を編集` });
          edit.addEventListener('click', () => openForm(faq));
          const remove = element('button', '削除', { type: 'button', class: 'secondary', 'aria-label': `「${faq.question}」を削除` });
          remove.addEventListener('click', guarded(() => removeFaq(faq)));
          actions.append(edit, remove);
          const notes = [flags.pastReview.has(faq.id) ? '見直し期限切れ' : '', flags.unasked.has(faq.id) ? `${flags.days}日間使われていない` : ''].filter(Boolean).join('、');
          return [faq.id, faq.municipality, faq.question, faq.wordings.join(' ／ '), faq.reviewBy, notes, actions];
        }),
      ),
    );
  }

  async function load() {
    const { status, data } = await api('faq');
    if (status !== 200) {
      $('faq-notice').textContent = `FAQを読み込めませんでした：${data.error ?? status}`;
      return;
    }
    faqs = data.faqs;
    flags = { pastReview: new Set(data.pastReview), unasked: new Set(data.unasked), days: data.days };
    $('faq-notice').textContent = `${faqs.length}件。見直し期限を過ぎたもの ${data.pastReview.length}件、この${data.days}日に使われていないもの ${data.unasked.length}件。`;
    renderList();
    await loadChanges();
  }

  async function loadChanges() {
    const { data } = await api('faq/changes');
    $('faq-changes').replaceChildren(
      table(
        '最近の変更（新しい順）',
        ['日時', '操作', 'ID', '誰が', '内容', ''],
        (data.changes ?? []).map((change) => [
          jstText(change.at),
          ACTION_LABELS[change.action] ?? change.action,
          change.entryId,
          `${change.by}（${change.via === 'cli' ? 'コマンド' : '管理画面'}）`,
          [shownOf(change.before, '前'), shownOf(change.after, '後'), change.note ?? ''].filter(Boolean).join(' ／ '),
          change.kind === 'faq' && change.id ? undoButton(change) : '',
        ]),
      ),
    );
  }

  function undoButton(change) {
    const button = element('button', '元に戻す', { type: 'button', class: 'secondary', 'aria-label': `${jstText(change.at)} の${ACTION_LABELS[change.action] ?? ''}（${change.entryId}）を元に戻す` });
    button.addEventListener(
      'click',
      guarded(async () => {
        if (!window.confirm(`${change.entryId} の${ACTION_LABELS[change.action] ?? '変更'}を元に戻します。よろしいですか？`)) return;
        const { status, data } = await api('faq/changes/revert', { method: 'POST', body: { id: change.id } });
        $('faq-form-section').hidden = false;
        showSaved(status, data, '元に戻');
        await load();
      }),
    );
    return button;
  }

  function updateCount() {
    $('faq-answer-count').textContent = `${[...$('faq-answer').value].length} / 500文字`;
  }

  /** Opens the form for an FAQ, or empty (with a question and city to start from) for a new one. */
  function openForm(faq = null, start = {}) {
    $('faq-form-section').hidden = false;
    $('faq-form-heading').textContent = faq ? `FAQを編集（${faq.id}）` : 'FAQを追加';
    $('faq-id').value = faq?.id ?? '';
    $('faq-municipality').value = faq?.municipality ?? start.municipality ?? '共通';
    $('faq-question').value = faq?.question ?? start.question ?? '';
    $('faq-wordings').value = (faq?.wordings ?? []).join('\n');
    $('faq-answer').value = faq?.answer ?? '';
    $('faq-link-url').value = faq?.link?.url ?? '';
    $('faq-link-label').value = faq?.link?.label ?? '';
    $('faq-contact').value = faq?.contact ?? '';
    $('faq-source').value = faq?.source ?? '';
    $('faq-review-by').value = faq?.reviewBy ?? oneYearFromToday();
    $('faq-try').value = '';
    $('faq-preview-result').replaceChildren();
    $('faq-result').replaceChildren();
    updateCount();
    $('faq-form-heading').focus();
  }

  function showProblems(container, message, problems) {
    container.replaceChildren(element('p', message));
    container.classList.add('error');
    if (problems?.length) {
      container.append(
        table(
          '見つかった問題',
          ['場所', '内容'],
          problems.map((problem) => (typeof problem === 'string' ? ['', problem] : [problem.column ?? [problem.file, problem.id, problem.field].filter(Boolean).join(' › '), problem.message])),
        ),
      );
    }
  }

  async function preview() {
    const id = $('faq-id').value;
    const { status, data } = await api('faq/preview', { method: 'POST', body: { faq: form(), ...(id ? { id } : {}), questions: lines($('faq-try').value) } });
    const container = $('faq-preview-result');
    container.classList.remove('error');
    if (status !== 200) {
      showProblems(container, 'プレビューできません。次の点を直してください。', data.problems);
      return;
    }
    const answerCell = (answer) => element('pre', answer.text, { class: 'answer' });
    const takenOver = data.rows.filter((row) => row.changes && row.now.answered && row.now.entryId !== row.after.entryId);
    container.replaceChildren(
      element('p', `保存すると答えが変わる質問：${data.rows.filter((row) => row.changes).length}件（いまの回答を置き換えるもの ${takenOver.length}件）`),
      table(
        'いまの回答と保存後の回答',
        ['質問', '種類', 'いまの回答', '保存後の回答', '変わる'],
        data.rows.map((row) => [row.question, ORIGIN_LABELS[row.origin] ?? row.origin, answerCell(row.now), answerCell(row.after), row.changes ? '変わる' : '同じ']),
      ),
    );
  }

  function showSaved(status, data, what) {
    const container = $('faq-result');
    container.classList.remove('error');
    if (data.status === 'saved' && data.ok) container.replaceChildren(element('p', `${what}しました。新しい内容で答えています。（${data.files.join(', ')}）`));
    else if (data.status === 'unchanged') container.replaceChildren(element('p', '変更はありません。'));
    else if (data.status === 'saved') showProblems(container, 'ファイルは保存しましたが、再読み込みで問題が見つかりました。', data.reload?.problems);
    else if (data.status === 'conflict') showProblems(container, data.message);
    else if (data.status === 'not-found') showProblems(container, data.message);
    else showProblems(container, '確認で問題が見つかったため、保存しませんでした（いまの内容で答え続けています）。', data.problems);
    return status === 200;
  }

  async function save() {
    const id = $('faq-id').value;
    const { status, data } = await api(id ? `faq/${encodeURIComponent(id)}` : 'faq', { method: id ? 'PUT' : 'POST', body: form() });
    if (showSaved(status, data, id ? '保存' : '追加') && data.faq) {
      $('faq-id').value = data.faq.id;
      $('faq-form-heading').textContent = `FAQを編集（${data.faq.id}）`;
    }
    await load();
  }

  async function removeFaq(faq) {
    if (!window.confirm(`「${faq.question}」（${faq.id}）を削除します。よろしいですか？`)) return;
    const { status, data } = await api(`faq/${encodeURIComponent(faq.id)}`, { method: 'DELETE' });
    $('faq-form-section').hidden = false;
    showSaved(status, data, '削除');
    await load();
  }

  async function download(format) {
    const response = await fetch(`/admin/api/faq/export?format=${format}`, { headers: authHeader() });
    if (!response.ok) return;
    const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `faq.${format}`;
    saveBlob(await response.blob(), name);
  }

  async function upload(dryRun) {
    const file = $('faq-file').files?.[0];
    const container = $('faq-upload-result');
    container.classList.remove('error');
    if (!file) {
      showProblems(container, '取り込むファイルを選んでください。');
      return;
    }
    const params = new URLSearchParams({ name: file.name });
    if (dryRun) params.set('dryRun', '1');
    if ($('faq-delete-missing').checked) params.set('deleteMissing', '1');
    const response = await fetch(`/admin/api/faq/import?${params}`, { method: 'POST', headers: { ...authHeader(), 'Content-Type': 'application/octet-stream' }, body: file });
    const data = await response.json().catch(() => ({}));
    if (response.status !== 200) {
      showProblems(container, '取り込みませんでした（何も変えていません）。', data.problems ?? [data.error ?? String(response.status)]);
      return;
    }
    const list = (label, items) => (items.length > 0 ? [element('p', `${label} ${items.length}件：${items.map((item) => `${item.id}「${item.question}」`).join('、')}`)] : []);
    container.replaceChildren(
      element('p', `${dryRun ? '確かめました（まだ書き込んでいません）。' : data.status === 'saved' ? '取り込みました。新しい内容で答えています。' : ''}追加 ${data.added.length}件、変更 ${data.changed.length}件、削除 ${data.removed.length}件${data.status === 'unchanged' ? '（変更はありません）' : ''}`),
      ...list('追加', data.added),
      ...list('変更', data.changed),
      ...list('削除', data.removed),
      ...list('シートになく残すもの', data.missing),
    );
    if (!dryRun) await load();
  }

  $('faq-search').addEventListener('input', renderList);
  $('faq-new').addEventListener('click', () => openForm());
  $('faq-cancel').addEventListener('click', () => {
    $('faq-form-section').hidden = true;
  });
  $('faq-answer').addEventListener('input', updateCount);
  $('faq-preview').addEventListener('click', guarded(preview));
  $('faq-form').addEventListener('submit', guarded(save));
  $('faq-download').addEventListener('click', guarded(() => download('xlsx')));
  $('faq-download-csv').addEventListener('click', guarded(() => download('csv')));
  $('faq-upload-check').addEventListener('click', guarded(() => upload(true)));
  $('faq-upload-form').addEventListener('submit', guarded(() => upload(false)));

  return { load, openForm };
}

/** What a change-log entry shows of an entry: an FAQ's question, or the alias or word added. */
function shownOf(entry, label) {
  const text = entry?.question ?? entry?.alias ?? entry?.word ?? entry?.canonical;
  return text ? `${label}：${text}` : '';
}

function oneYearFromToday() {
  const date = new Date();
  date.setFullYear(date.getFullYear() + 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
