/**
 * The rich menu under the chat, as the LINE app draws it: the menu's image with its tappable
 * areas, and the chat bar (its chatBarText) that opens and closes it. A tap does what it does on
 * a phone: a postback is sent (its displayText shown as the person's message), a message action
 * sends its text, a uri action opens the link.
 */
import { getJson } from './api.js';

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const percent = (part, whole) => `${(part / whole) * 100}%`;

/** One area as a control over its part of the image. */
function areaControl(area, size, onAction) {
  const { action, bounds } = area;
  const label = action.label ?? action.displayText ?? action.text ?? 'メニュー';
  let control;
  if (action.type === 'uri') {
    control = element('a', 'rich-menu-area');
    control.href = action.uri;
    control.target = '_blank';
    control.rel = 'noopener noreferrer';
  } else {
    control = element('button', 'rich-menu-area');
    control.type = 'button';
    control.addEventListener('click', () => onAction(action));
  }
  control.setAttribute('aria-label', label);
  control.title = label;
  Object.assign(control.style, {
    left: percent(bounds.x, size.width),
    top: percent(bounds.y, size.height),
    width: percent(bounds.width, size.width),
    height: percent(bounds.height, size.height),
  });
  return control;
}

/**
 * Loads the default rich menu and draws it into `container` (hidden when there is none).
 * `onAction(action)` receives the tapped postback or message action.
 */
export async function setUpRichMenu({ container, onAction }) {
  const { richMenu } = await getJson('richmenu');
  if (!richMenu) {
    container.hidden = true;
    return;
  }
  const panel = element('div', 'rich-menu-panel');
  panel.id = 'rich-menu-panel';
  panel.setAttribute('role', 'group');
  panel.setAttribute('aria-label', 'リッチメニュー');
  panel.style.aspectRatio = `${richMenu.size.width} / ${richMenu.size.height}`;
  const image = element('img', 'rich-menu-image');
  image.src = richMenu.image;
  image.alt = '';
  panel.append(image, ...richMenu.areas.map((area) => areaControl(area, richMenu.size, onAction)));

  const bar = element('button', 'rich-menu-bar');
  bar.type = 'button';
  bar.id = 'rich-menu-bar';
  bar.setAttribute('aria-controls', panel.id);
  const setOpen = (open) => {
    panel.hidden = !open;
    bar.setAttribute('aria-expanded', String(open));
    bar.textContent = `${richMenu.chatBarText} ${open ? '▼' : '▲'}`;
  };
  bar.addEventListener('click', () => setOpen(panel.hidden));
  // `selected` is whether LINE shows the menu open when the chat is opened.
  setOpen(richMenu.selected);
  container.replaceChildren(panel, bar);
  container.hidden = false;
}
