/**
 * Draws LINE Flex Message JSON (bubble or carousel) as HTML, approximately as the LINE app lays
 * it out: boxes are CSS flexboxes, keyword sizes become LINE's pixel values. It renders any Flex
 * JSON the bot sends, not just today's answer card, so a change in the card shows up here as it
 * would on a phone. All text goes in through textContent: nothing from a message becomes markup.
 */

// LINE's keyword sizes in pixels (Flex Message layout documentation).
const TEXT_SIZES = { xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, '3xl': 35, '4xl': 48, '5xl': 74 };
const SPACINGS = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
const BUBBLE_WIDTHS = { nano: 120, micro: 160, deca: 220, hecto: 241, kilo: 260, mega: 300, giga: 500 };
const BUTTON_HEIGHTS = { sm: 40, md: 52 };
const ICON_SIZES = { xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, '3xl': 35, '4xl': 48, '5xl': 74 };
const SECTIONS = ['header', 'hero', 'body', 'footer'];
// A link may only leave the page for the web, a phone call or mail; never javascript: or data:.
const SAFE_URI = /^(https?:|tel:|mailto:)/i;
const COLOUR = /^#(?:[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** A keyword from `table`, or an explicit "12px" / "50%", as a CSS length; undefined otherwise. */
function cssLength(value, table) {
  if (value === undefined || value === null) return undefined;
  if (table && Object.hasOwn(table, value)) return `${table[value]}px`;
  return /^\d+(?:\.\d+)?(?:px|%)$/.test(String(value)) ? String(value) : undefined;
}

function colour(value) {
  return typeof value === 'string' && COLOUR.test(value) ? value : undefined;
}

// LINE's #RRGGBBAA is also CSS's order, so a checked colour passes through unchanged.
function applyColour(style, property, value) {
  const checked = colour(value);
  if (checked) style[property] = checked;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Renders a Flex container. `onAction(action)` is called for message and postback actions;
 * URI actions become ordinary links.
 */
export function renderFlexContainer(container, onAction) {
  if (container?.type === 'carousel') {
    const carousel = element('div', 'flex-carousel');
    for (const bubble of container.contents ?? []) carousel.append(renderBubble(bubble, onAction));
    return carousel;
  }
  return renderBubble(container ?? {}, onAction);
}

function renderBubble(bubble, onAction) {
  const node = element('div', 'flex-bubble');
  const width = BUBBLE_WIDTHS[bubble.size] ?? BUBBLE_WIDTHS.mega;
  node.style.width = `${width}px`;
  if (bubble.direction === 'rtl') node.dir = 'rtl';
  for (const name of SECTIONS) {
    const block = bubble[name];
    if (!block) continue;
    const styles = bubble.styles?.[name] ?? {};
    if (styles.separator && node.childElementCount > 0) {
      const line = element('div', 'flex-section-separator');
      applyColour(line.style, 'backgroundColor', styles.separatorColor);
      node.append(line);
    }
    // The block's own box is the section: its background fills the section and its padding
    // (inline, when the JSON sets one) overrides the section's default.
    const section = renderComponent(block, 'vertical', onAction);
    section.classList.add('flex-section', `flex-${name}`);
    applyColour(section.style, 'backgroundColor', styles.backgroundColor);
    applyColour(section.style, 'backgroundColor', block.backgroundColor);
    node.append(section);
  }
  if (bubble.action) makeActionable(node, bubble.action, onAction);
  return node;
}

/** One component; `parentLayout` decides the default flex and which way a separator runs. */
function renderComponent(component, parentLayout, onAction) {
  switch (component?.type) {
    case 'box':
      return renderBox(component, parentLayout, onAction);
    case 'text':
      return renderText(component, parentLayout, onAction);
    case 'separator':
      return renderSeparator(component, parentLayout);
    case 'button':
      return renderButton(component, parentLayout, onAction);
    case 'image':
      return renderImage(component, parentLayout);
    case 'icon':
      return renderIcon(component);
    case 'filler': {
      const filler = element('div', 'flex-filler');
      filler.style.flex = String(component.flex ?? 1);
      return filler;
    }
    case 'spacer': {
      const spacer = element('div', 'flex-spacer');
      spacer.style.flex = '0 0 auto';
      spacer.style.height = cssLength(component.size ?? 'md', SPACINGS) ?? '8px';
      return spacer;
    }
    default:
      return element('div', 'flex-unknown', `［未対応の要素: ${component?.type ?? '不明'}］`);
  }
}

/** LINE's default: children of a horizontal or baseline box share the width (flex 1); vertical ones do not grow. */
function applyFlex(node, component, parentLayout) {
  const grow = component.flex ?? (parentLayout === 'vertical' ? 0 : 1);
  node.style.flex = parentLayout === 'vertical' ? `${grow} 0 auto` : `${grow} 1 0`;
  if (parentLayout !== 'vertical') node.style.minWidth = '0';
}

function renderBox(box, parentLayout, onAction) {
  const layout = box.layout === 'horizontal' || box.layout === 'baseline' ? box.layout : 'vertical';
  const node = element('div', `flex-box flex-box-${layout}`);
  const style = node.style;
  applyFlex(node, box, parentLayout);
  applyColour(style, 'backgroundColor', box.backgroundColor);
  applyColour(style, 'borderColor', box.borderColor);
  if (box.borderWidth) {
    const widths = { none: '0', light: '0.5px', normal: '1px', medium: '2px', 'semi-bold': '3px', bold: '4px' };
    style.borderStyle = 'solid';
    style.borderWidth = widths[box.borderWidth] ?? cssLength(box.borderWidth) ?? '1px';
  }
  const radius = cssLength(box.cornerRadius, { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 });
  if (radius) style.borderRadius = radius;
  const padding = (value) => cssLength(value, SPACINGS);
  const all = padding(box.paddingAll);
  if (all) style.padding = all;
  if (padding(box.paddingTop)) style.paddingTop = padding(box.paddingTop);
  if (padding(box.paddingBottom)) style.paddingBottom = padding(box.paddingBottom);
  if (padding(box.paddingStart)) style.paddingInlineStart = padding(box.paddingStart);
  if (padding(box.paddingEnd)) style.paddingInlineEnd = padding(box.paddingEnd);
  if (cssLength(box.width)) style.width = cssLength(box.width);
  if (cssLength(box.height)) style.height = cssLength(box.height);
  if (box.justifyContent) style.justifyContent = box.justifyContent;
  if (box.alignItems) style.alignItems = box.alignItems;

  const spacing = box.spacing;
  (box.contents ?? []).forEach((child, index) => {
    const childNode = renderComponent(child, layout, onAction);
    // A child's margin overrides the box's spacing; both are space before the child, so the
    // first child gets none.
    const before = index === 0 ? undefined : cssLength(child?.margin ?? spacing, SPACINGS);
    if (before) {
      if (layout === 'vertical') childNode.style.marginTop = before;
      else childNode.style.marginInlineStart = before;
    }
    node.append(childNode);
  });
  if (box.action) makeActionable(node, box.action, onAction);
  return node;
}

function renderText(text, parentLayout, onAction) {
  const node = element('p', 'flex-text');
  applyFlex(node, text, parentLayout);
  if (Array.isArray(text.contents) && text.contents.length > 0) {
    for (const span of text.contents) {
      if (span?.type !== 'span') continue;
      const spanNode = element('span', 'flex-span', span.text ?? '');
      applyColour(spanNode.style, 'color', span.color);
      if (cssLength(span.size, TEXT_SIZES)) spanNode.style.fontSize = cssLength(span.size, TEXT_SIZES);
      if (span.weight === 'bold') spanNode.style.fontWeight = '700';
      if (span.style === 'italic') spanNode.style.fontStyle = 'italic';
      if (span.decoration && span.decoration !== 'none') spanNode.style.textDecoration = span.decoration;
      node.append(spanNode);
    }
  } else {
    node.textContent = text.text ?? '';
  }
  const style = node.style;
  style.fontSize = cssLength(text.size ?? 'md', TEXT_SIZES) ?? '16px';
  if (text.weight === 'bold') style.fontWeight = '700';
  if (text.style === 'italic') style.fontStyle = 'italic';
  if (text.decoration && text.decoration !== 'none') style.textDecoration = text.decoration;
  applyColour(style, 'color', text.color);
  if (text.align) style.textAlign = text.align;
  if (text.gravity) style.alignSelf = { top: 'flex-start', center: 'center', bottom: 'flex-end' }[text.gravity] ?? '';
  if (cssLength(text.lineSpacing)) style.lineHeight = `calc(1.4em + ${cssLength(text.lineSpacing)})`;
  if (text.wrap) {
    style.whiteSpace = 'pre-wrap';
    style.overflowWrap = 'anywhere';
    if (text.maxLines > 0) {
      style.display = '-webkit-box';
      style.webkitBoxOrient = 'vertical';
      style.webkitLineClamp = String(text.maxLines);
      style.overflow = 'hidden';
    }
  } else {
    // Unwrapped text is one line, cut with an ellipsis, as LINE draws it.
    style.whiteSpace = 'nowrap';
    style.overflow = 'hidden';
    style.textOverflow = 'ellipsis';
  }
  if (text.action) makeActionable(node, text.action, onAction);
  return node;
}

function renderSeparator(separator, parentLayout) {
  const node = element('div', parentLayout === 'vertical' ? 'flex-separator' : 'flex-separator flex-separator-vertical');
  node.setAttribute('role', 'separator');
  applyColour(node.style, 'backgroundColor', separator.color);
  return node;
}

function renderButton(button, parentLayout, onAction) {
  const action = button.action ?? {};
  const variant = button.style === 'primary' || button.style === 'secondary' ? button.style : 'link';
  const label = action.label ?? '';
  let node;
  if (action.type === 'uri') {
    node = element('a', `flex-button flex-button-${variant}`, label);
    const uri = String(action.uri ?? '');
    if (SAFE_URI.test(uri)) {
      node.href = uri;
      node.target = '_blank';
      node.rel = 'noopener noreferrer';
    } else {
      node.setAttribute('aria-disabled', 'true');
    }
  } else {
    node = element('button', `flex-button flex-button-${variant}`, label);
    node.type = 'button';
    if (action.type === 'message' || action.type === 'postback') {
      node.addEventListener('click', () => onAction(action));
    } else {
      node.disabled = true;
      node.title = 'シミュレーターでは使えない操作です';
    }
  }
  applyFlex(node, button, parentLayout);
  const colourValue = colour(button.color);
  if (colourValue) {
    if (variant === 'link') node.style.color = colourValue;
    else node.style.backgroundColor = colourValue;
  }
  node.style.minHeight = `${BUTTON_HEIGHTS[button.height] ?? BUTTON_HEIGHTS.md}px`;
  return node;
}

// Images are not fetched: the page loads nothing from outside, so a labelled frame stands in.
function renderImage(image, parentLayout) {
  const node = element('div', 'flex-image', '画像');
  applyFlex(node, image, parentLayout);
  const [w, h] = String(image.aspectRatio ?? '1:1').split(':').map(Number);
  if (w > 0 && h > 0) node.style.aspectRatio = `${w} / ${h}`;
  node.setAttribute('role', 'img');
  node.setAttribute('aria-label', '画像（シミュレーターでは表示しません）');
  return node;
}

function renderIcon(icon) {
  const node = element('span', 'flex-icon');
  const size = cssLength(icon.size ?? 'md', ICON_SIZES) ?? '16px';
  node.style.width = size;
  node.style.height = size;
  node.setAttribute('aria-hidden', 'true');
  return node;
}

/** Boxes, texts and whole bubbles can carry an action too: they become keyboard-reachable. */
function makeActionable(node, action, onAction) {
  let activate;
  if (action.type === 'uri' && SAFE_URI.test(String(action.uri ?? ''))) {
    activate = () => window.open(action.uri, '_blank', 'noopener,noreferrer');
    node.setAttribute('role', 'link');
  } else if (action.type === 'message' || action.type === 'postback') {
    activate = () => onAction(action);
    node.setAttribute('role', 'button');
  } else {
    return;
  }
  node.classList.add('flex-actionable');
  node.tabIndex = 0;
  if (action.label) node.setAttribute('aria-label', action.label);
  node.addEventListener('click', (event) => {
    // A link or button inside the area acts for itself; the area's action is for the rest of it.
    const control = event.target.closest('a, button, .flex-actionable');
    if (control && control !== node) return;
    activate();
  });
  node.addEventListener('keydown', (event) => {
    if (event.target !== node || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    activate();
  });
}
