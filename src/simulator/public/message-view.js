/**
 * Draws one chat entry (a person's message, a bot message as LINE JSON, or a simulator notice)
 * and the quick-reply bar, the way a LINE 1:1 chat shows them.
 */
import { renderFlexContainer } from './flex-renderer.js';

const URL_PATTERN = /https?:\/\/[^\s<>"'）」】]+/g;
const timeFormat = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit' });

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Text with its URLs as links, as the LINE app turns them into links. */
function linkified(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    fragment.append(text.slice(last, match.index));
    const link = element('a', null, match[0]);
    link.href = match[0];
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    fragment.append(link);
    last = match.index + match[0].length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

/** Who said it, for screen readers only: the bubbles' sides say it visually. */
function speaker(label) {
  return element('span', 'visually-hidden', `${label}：`);
}

function timeOf(at) {
  const time = element('time', 'time', timeFormat.format(new Date(at)));
  time.dateTime = new Date(at).toISOString();
  return time;
}

/** A bot message's content: text, Flex, sticker, or a labelled stand-in for what is not drawn. */
function botContent(message, onAction) {
  switch (message?.type) {
    case 'text': {
      const bubble = element('div', 'bubble bubble-bot');
      bubble.append(linkified(message.text ?? ''));
      return bubble;
    }
    case 'flex': {
      const wrapper = element('div', 'flex-message');
      wrapper.append(renderFlexContainer(message.contents, onAction));
      // altText is what notifications show; kept for screen readers that skip the layout.
      wrapper.setAttribute('aria-label', message.altText ?? 'Flex メッセージ');
      wrapper.setAttribute('role', 'group');
      return wrapper;
    }
    case 'sticker':
      return stickerStandIn();
    default:
      return element('div', 'bubble bubble-bot bubble-note', `［${message?.type ?? '不明'} メッセージ（シミュレーターでは表示しません）］`);
  }
}

// LINE's sticker artwork is not ours to copy: a plain drawn face stands in.
function stickerStandIn() {
  const sticker = element('div', 'sticker');
  sticker.setAttribute('role', 'img');
  sticker.setAttribute('aria-label', 'スタンプ');
  sticker.append(element('span', 'sticker-face', '☺'));
  return sticker;
}

/** One entry of a chat as a row of the message log. */
export function renderEntry(entry, onAction) {
  switch (entry.kind) {
    case 'user': {
      const row = element('div', 'row row-user');
      const bubble = element('div', 'bubble bubble-user');
      bubble.append(speaker('あなた'), linkified(entry.text));
      row.append(timeOf(entry.at), bubble);
      return row;
    }
    case 'user-sticker': {
      const row = element('div', 'row row-user');
      const content = stickerStandIn();
      row.append(timeOf(entry.at), speaker('あなた'), content);
      return row;
    }
    case 'bot': {
      const row = element('div', 'row row-bot');
      const avatar = element('div', 'avatar', 'DX');
      avatar.setAttribute('aria-hidden', 'true');
      const column = element('div', 'bot-column');
      column.append(speaker('DX ナビ'), botContent(entry.message, onAction));
      row.append(avatar, column, timeOf(entry.at));
      return row;
    }
    default: {
      const row = element('div', 'row row-system');
      row.append(element('p', 'system-note', entry.text));
      return row;
    }
  }
}

/** The "…" LINE shows while the bot prepares an answer (its loading animation). */
export function renderLoadingIndicator() {
  const row = element('div', 'row row-bot row-loading');
  const avatar = element('div', 'avatar', 'DX');
  avatar.setAttribute('aria-hidden', 'true');
  const dots = element('div', 'bubble bubble-bot loading-dots');
  dots.setAttribute('role', 'status');
  dots.setAttribute('aria-label', 'DX ナビが入力中');
  for (let i = 0; i < 3; i++) dots.append(element('span', 'dot'));
  row.append(avatar, dots);
  return row;
}

/**
 * Fills the quick-reply bar with a message's buttons (message, postback and URI actions work;
 * the camera, location and picker actions of a phone are shown but disabled).
 */
export function renderQuickReplies(container, items, onAction) {
  container.replaceChildren();
  for (const item of items ?? []) {
    const action = item?.action ?? {};
    const button = element('button', 'quick-reply', action.label ?? '');
    button.type = 'button';
    if (action.type === 'message' || action.type === 'postback') {
      button.addEventListener('click', () => onAction(action));
    } else if (action.type === 'uri' && /^(https?:|tel:|mailto:)/i.test(String(action.uri ?? ''))) {
      button.addEventListener('click', () => window.open(action.uri, '_blank', 'noopener,noreferrer'));
    } else {
      button.disabled = true;
      button.title = 'シミュレーターでは使えない操作です';
    }
    container.append(button);
  }
  container.hidden = container.childElementCount === 0;
}
