/**
 * The simulator page: a LINE-like 1:1 chat with DX ナビ. Every message the person sends becomes
 * a webhook request signed here and POSTed to the real /webhook; the bot's replies come back
 * over the event stream, exactly as the bot sent them to (a stand-in of) LINE.
 */
import { getJson, postJson, STREAM_URL } from './api.js';
import { setUpBatchTab } from './batch-tab.js';
import { ChatHistory } from './chat-history.js';
import { ChatView } from './chat-view.js';
import { ReplyTracker } from './reply-tracker.js';
import { setUpRichMenu } from './rich-menu.js';
import { describePostback } from './labels.js';
import { renderExplanation, renderExplanationNote } from './staff-panel.js';
import { setUpTabs } from './tabs.js';
import { followEvent, postbackEvent, sendEvents, stickerMessageEvent, textMessageEvent, unfollowEvent } from './webhook-events.js';

const LAST_PERSONA_KEY = 'dx-navi-simulator:persona';

const $ = (id) => document.getElementById(id);
const ui = {
  persona: $('persona'),
  follow: $('follow'),
  unfollow: $('unfollow'),
  clear: $('clear-history'),
  subtitle: $('chat-subtitle'),
  composer: $('composer'),
  input: $('message-input'),
  send: $('send'),
  sticker: $('send-sticker'),
  explain: $('explain'),
  explainEmpty: $('explain-empty'),
};

setUpTabs(document.querySelector('[role="tablist"]'));

let config;
try {
  config = await getJson('config');
} catch (error) {
  ui.subtitle.textContent = `シミュレーターに接続できません（${error.message}）。npm run simulator が動いているか確認してください。`;
  throw error;
}
const personas = config.personas;
const history = new ChatHistory();
const loadingTimers = new Map();
let persona = personas.find((candidate) => candidate.id === localStorage.getItem(LAST_PERSONA_KEY)) ?? personas[0];
let connected = false;
let remembered = null;

const view = new ChatView({ log: $('messages'), quickReplies: $('quick-replies'), onAction: (action) => void tapped(action) });

const tracker = new ReplyTracker({
  streamUrl: STREAM_URL,
  onReply: (personaId, messages) => {
    stopLoading(personaId);
    for (const message of messages) addEntry(personaId, { kind: 'bot', message });
    // A tap may have changed the person's city (市の選択): show what the bot now remembers.
    if (personaId === persona.id) void refreshMunicipality();
  },
  onLoading: (chatId, seconds) => {
    const who = personas.find((candidate) => candidate.userId === chatId);
    if (who && tracker.isWaiting(who.id)) startLoading(who.id, seconds);
  },
  onNoReply: (personaId) => {
    stopLoading(personaId);
    addEntry(personaId, { kind: 'system', text: 'DX ナビから返信がありませんでした。シミュレーターを起動した画面のログを確認してください。' });
  },
  onConnection: (isConnected) => {
    connected = isConnected;
    updateSubtitle();
  },
});

setUpBatchTab({ municipalities: config.municipalities });
for (const candidate of personas) ui.persona.append(new Option(`${candidate.name}（${candidate.description}）`, candidate.id));
ui.persona.value = persona.id;
view.show(history.entries(persona.id));

await tracker.connect();
// The menu under the chat; a tap is the same as tapping a button in a message.
await setUpRichMenu({ container: $('rich-menu'), onAction: (action) => void tapped(action) }).catch((error) => {
  addEntry(persona.id, { kind: 'system', text: `リッチメニューを読み込めませんでした：${error.message}` });
});
if (!globalThis.crypto?.subtle) {
  // Web Crypto exists only in secure contexts; without it nothing can be signed.
  addEntry(persona.id, { kind: 'system', text: 'このページは http://localhost で開いてください。署名に必要な機能（Web Crypto）が使えません。' });
} else {
  for (const control of [ui.persona, ui.follow, ui.unfollow, ui.clear, ui.input, ui.send, ui.sticker]) control.disabled = false;
  ui.input.focus();
}
void refreshMunicipality();

ui.composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = ui.input.value.trim();
  if (!text) return;
  ui.input.value = '';
  void sendText(text);
});
// Enter that confirms an IME conversion (Japanese input) must not send the half-typed message.
ui.input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.isComposing || event.keyCode === 229)) event.preventDefault();
});
ui.sticker.addEventListener('click', () => {
  const event = stickerMessageEvent(persona.userId);
  addEntry(persona.id, { kind: 'user-sticker', sticker: event.message });
  renderExplanationNote(ui.explain, 'スタンプを送りました。DX ナビは文字の質問にだけ答えるため、説明はありません。');
  showExplanationArea();
  void deliver(persona, event);
});
ui.follow.addEventListener('click', () => {
  addEntry(persona.id, { kind: 'system', text: `${persona.name}さんが DX ナビを友だち追加しました。` });
  void deliver(persona, followEvent(persona.userId));
});
ui.unfollow.addEventListener('click', async () => {
  addEntry(persona.id, { kind: 'system', text: `${persona.name}さんが DX ナビをブロックしました。ボットはこの人の市の設定を消します。` });
  await deliver(persona, unfollowEvent(persona.userId));
  // No reply follows a block; the store is updated just after the webhook's 200.
  setTimeout(() => void refreshMunicipality(), 300);
});
ui.clear.addEventListener('click', () => {
  history.clear(persona.id);
  view.show([]);
  ui.input.focus();
});
ui.persona.addEventListener('change', () => {
  persona = personas.find((candidate) => candidate.id === ui.persona.value) ?? persona;
  localStorage.setItem(LAST_PERSONA_KEY, persona.id);
  view.setLoading(false);
  if (loadingTimers.has(persona.id)) view.setLoading(true);
  view.show(history.entries(persona.id));
  renderExplanationNote(ui.explain, `${persona.name}さんに切り替えました。質問を送ると説明を表示します。`);
  showExplanationArea();
  void refreshMunicipality();
});

/** The person types (or taps a message action): a text message event, and its explanation. */
async function sendText(text) {
  const who = persona;
  addEntry(who.id, { kind: 'user', text });
  void explain(text, who);
  await deliver(who, textMessageEvent(who.userId, text));
}

/** A tapped message or postback action, from a quick reply or a Flex button. */
async function tapped(action) {
  const who = persona;
  ui.input.focus();
  if (action.type === 'message') {
    await sendText(action.text ?? action.label ?? '');
    return;
  }
  // LINE shows a postback's displayText as the person's message; without one, nothing appears.
  if (action.displayText) addEntry(who.id, { kind: 'user', text: action.displayText });
  const more = new URLSearchParams(action.data ?? '');
  if (more.get('action') === 'more' && more.get('q')) void explain(more.get('q'), who);
  else {
    renderExplanationNote(ui.explain, `ボタンの操作（postback: ${describePostback(action.data ?? '')}）を送りました。回答の説明は文字の質問のときに表示します。`);
    showExplanationArea();
  }
  await deliver(who, postbackEvent(who.userId, action.data ?? ''));
}

/** Signs and posts one event; a refused request is shown in the chat, as staff need to see it. */
async function deliver(who, event) {
  if (event.replyToken) tracker.expect(event.replyToken, who.id);
  try {
    const response = await sendEvents({ destination: config.destination, channelSecret: config.channelSecret, events: [event] });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(`${response.status} ${body.error ?? response.statusText}`);
    }
  } catch (error) {
    if (event.replyToken) tracker.forget(event.replyToken);
    addEntry(who.id, { kind: 'system', text: `Webhook への送信に失敗しました：${error.message}` });
  }
}

function addEntry(personaId, entry) {
  history.add(personaId, entry);
  if (personaId === persona.id) view.append(history.entries(personaId));
}

function startLoading(personaId, seconds) {
  clearTimeout(loadingTimers.get(personaId));
  loadingTimers.set(personaId, setTimeout(() => stopLoading(personaId), seconds * 1000));
  if (personaId === persona.id) view.setLoading(true);
}

function stopLoading(personaId) {
  clearTimeout(loadingTimers.get(personaId));
  loadingTimers.delete(personaId);
  if (personaId === persona.id) view.setLoading(false);
}

async function explain(text, who) {
  try {
    const explanation = await postJson('explain', { text, userId: who.userId });
    if (who.id !== persona.id) return;
    renderExplanation(ui.explain, explanation);
  } catch (error) {
    renderExplanationNote(ui.explain, `説明を取得できませんでした：${error.message}`);
  }
  showExplanationArea();
}

function showExplanationArea() {
  ui.explainEmpty.hidden = true;
  ui.explain.hidden = false;
}

async function refreshMunicipality() {
  try {
    ({ municipality: remembered } = await getJson(`municipality?userId=${encodeURIComponent(persona.userId)}`));
  } catch {
    remembered = null;
  }
  updateSubtitle();
}

function updateSubtitle() {
  if (!connected) {
    ui.subtitle.textContent = '接続が切れました。再接続しています…';
    return;
  }
  ui.subtitle.textContent = `${persona.name}さんとして話しています・市の設定：${remembered ?? '未設定'}`;
}
