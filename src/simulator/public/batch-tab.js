/**
 * The 一括テスト tab: many questions at once through the same engine, shown as a table and
 * downloadable as CSV (made by the server, with the BOM Excel needs for Japanese).
 */
import { postForBlob, postJson } from './api.js';
import { intentName, kindLabel, municipalityLabel } from './labels.js';

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function topHitCell(hit) {
  const cell = element('td');
  if (!hit) {
    cell.append(element('span', 'muted', '（なし）'));
    return cell;
  }
  cell.append(element('span', null, hit.title), element('span', 'cell-detail', `${kindLabel(hit.kind)}・${municipalityLabel(hit.municipality)}`));
  return cell;
}

function resultRow(row, index) {
  const tr = element('tr');
  const answered = element('td', row.answered ? 'answered' : 'unanswered', row.answered ? 'はい' : 'いいえ');
  const reply = element('td', 'reply-snippet', row.replySnippet);
  reply.title = row.replyText;
  tr.append(element('td', 'num', String(index + 1)), element('td', null, row.question), element('td', null, intentName(row.intent)), topHitCell(row.topHit), answered, reply);
  return tr;
}

/** A file name that sorts by when the batch ran: dx-navi-batch-20250301-1405.csv */
function csvFileName(date = new Date()) {
  const pad = (value) => String(value).padStart(2, '0');
  return `dx-navi-batch-${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}.csv`;
}

/** Wires the batch form; `municipalities` fills the city choice. */
export function setUpBatchTab({ municipalities }) {
  const form = document.getElementById('batch-form');
  const questions = document.getElementById('batch-questions');
  const municipality = document.getElementById('batch-municipality');
  const run = document.getElementById('batch-run');
  const csv = document.getElementById('batch-csv');
  const status = document.getElementById('batch-status');
  const table = document.getElementById('batch-table');
  const tbody = table.querySelector('tbody');
  for (const city of municipalities) municipality.append(new Option(city, city));

  // The CSV is of the batch shown, even if the text was edited since.
  let shown = null;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const request = { questions: questions.value, municipality: municipality.value || null };
    run.disabled = true;
    status.textContent = '質問しています…';
    const started = performance.now();
    try {
      const { rows } = await postJson('batch', request);
      tbody.replaceChildren(...rows.map(resultRow));
      table.hidden = false;
      shown = request;
      csv.disabled = false;
      const answered = rows.filter((row) => row.answered).length;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      status.textContent = `${rows.length}件のうち${answered}件に回答しました（${seconds}秒）。`;
    } catch (error) {
      status.textContent = `一括テストに失敗しました：${error.message}`;
    } finally {
      run.disabled = false;
    }
  });

  csv.addEventListener('click', async () => {
    if (!shown) return;
    csv.disabled = true;
    try {
      const blob = await postForBlob('batch.csv', shown);
      const link = element('a');
      link.href = URL.createObjectURL(blob);
      link.download = csvFileName();
      document.body.append(link);
      link.click();
      link.remove();
      // The download has its own copy once started; the URL can go.
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      status.textContent = `${link.download} をダウンロードしました。`;
    } catch (error) {
      status.textContent = `CSV を作れませんでした：${error.message}`;
    } finally {
      csv.disabled = false;
    }
  });
}
