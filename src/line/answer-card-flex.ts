/**
 * An AnswerCard as a Flex bubble: title in the header; lead, details, then sources and note in
 * the body; a link button in the footer. Every text is bounded and the bubble kept under LINE's
 * 30 KB, so no knowledge entry, however long, can make the whole reply fail.
 */
import type { messagingApi } from '@line/bot-sdk';
import type { AnswerCard } from '../engine/answer.js';
import { callButton, contactBox } from './contact-flex.js';
import { encodePostback } from './postback-data.js';
import { truncateUnits } from './text-limits.js';

/** LINE's limit for one bubble's JSON; 30,000 bytes stays clear of either reading of "30 KB". */
export const MAX_BUBBLE_BYTES = 30_000;
/** The altText shown in notifications and the chat list (LINE allows more; 400 reads well). */
export const MAX_ALT_TEXT_UNITS = 400;
/** A URI action's limit. */
export const MAX_URI_LENGTH = 1000;
/** Our own bound for any one Flex text: LINE sets none below the bubble size. */
export const MAX_FLEX_TEXT_UNITS = 2000;

const MAX_TITLE_UNITS = 200;
const MAX_DETAILS = 20;
const MAX_SOURCES = 10;
const LINK_LABEL = '詳しく見る';
const OMITTED_DETAILS = '（長いため一部を省略しました）';
const GREY = '#8C8C8C';
const NOTE_COLOUR = '#6B4E16';

/** Labels of the buttons that ask for more about the entry, in the next message. */
export const MORE_LABELS = { detail: 'くわしく', others: '他の市では' } as const;

/**
 * The card as a Flex message; `altText` is the title and lead, for notifications. With the id of
 * the entry it answers from, the card's `more` become 「くわしく」「他の市では」 postback buttons.
 */
export function cardToFlexMessage(card: AnswerCard, entryId: string | null = null): messagingApi.FlexMessage {
  return { type: 'flex', altText: cardAltText(card), contents: cardBubble(card, moreButtons(card, entryId)) };
}

function moreButtons(card: AnswerCard, entryId: string | null): messagingApi.FlexButton[] {
  if (!entryId || !card.more) return [];
  const buttons: messagingApi.FlexButton[] = [];
  for (const part of card.more) {
    let data: string;
    try {
      data = encodePostback({ action: part, entry: entryId });
    } catch {
      continue; // an id from outside the knowledge base (an eval corpus): the answer stands without
    }
    const label = MORE_LABELS[part];
    buttons.push({ type: 'button', style: 'secondary', height: 'sm', action: { type: 'postback', label, data, displayText: label } });
  }
  return buttons;
}

/** Title and lead on one line, at most 400 units: what a notification or the chat list shows. */
export function cardAltText(card: AnswerCard): string {
  const oneLine = (text: string) => text.replace(/\s+/gu, ' ').trim();
  const title = oneLine(card.title);
  const lead = oneLine(card.lead);
  const text = [title && `【${title}】`, lead].filter(Boolean).join('');
  return truncateUnits(text || 'DX ナビの回答', MAX_ALT_TEXT_UNITS);
}

/** A URI LINE accepts: http(s), ASCII (non-ASCII percent-encoded), at most 1,000 characters. */
export function linkableUri(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    return parsed.href.length <= MAX_URI_LENGTH ? parsed.href : null;
  } catch {
    return null;
  }
}

function cardBubble(card: AnswerCard, more: readonly messagingApi.FlexButton[]): messagingApi.FlexBubble {
  const details = card.details.map((line) => line.trim()).filter(Boolean);
  let shown = details.slice(0, MAX_DETAILS);
  let textLimit = MAX_FLEX_TEXT_UNITS;
  let bubble = buildBubble(card, shown, details.length > shown.length, textLimit, more);
  // Measured once per build: serialising a bubble is most of what building one costs.
  let bytes = bubbleBytes(bubble);
  // Drop details from the end first: the lead and the sources matter most.
  while (bytes > MAX_BUBBLE_BYTES && shown.length > 0) {
    shown = shown.slice(0, -1);
    bubble = buildBubble(card, shown, true, textLimit, more);
    bytes = bubbleBytes(bubble);
  }
  while (bytes > MAX_BUBBLE_BYTES && textLimit > 100) {
    textLimit = Math.floor(textLimit / 2);
    bubble = buildBubble(card, shown, shown.length < details.length, textLimit, more);
    bytes = bubbleBytes(bubble);
  }
  return bubble;
}

function bubbleBytes(bubble: messagingApi.FlexBubble): number {
  return Buffer.byteLength(JSON.stringify(bubble), 'utf8');
}

function buildBubble(card: AnswerCard, details: readonly string[], omitted: boolean, textLimit: number, more: readonly messagingApi.FlexButton[]): messagingApi.FlexBubble {
  const text = (value: string, style: Omit<messagingApi.FlexText, 'type' | 'text'> = {}): messagingApi.FlexText => ({
    type: 'text',
    text: truncateUnits(value, textLimit),
    wrap: true,
    ...style,
  });

  const body: messagingApi.FlexComponent[] = [];
  if (card.lead.trim()) body.push(text(card.lead.trim(), { size: 'md' }));
  for (const line of details) body.push(text(line, { size: 'sm' }));
  if (omitted) body.push(text(OMITTED_DETAILS, { size: 'xs', color: GREY }));
  const contact = card.contact?.trim();
  if (contact) body.push(contactBox(contact));

  const sources = card.sources.map((line) => line.trim()).filter(Boolean).slice(0, MAX_SOURCES);
  const note = card.note?.trim();
  if (sources.length > 0 || note) body.push({ type: 'separator', margin: 'lg' });
  if (sources.length > 0) {
    body.push({
      type: 'box',
      layout: 'vertical',
      spacing: 'xs',
      margin: 'lg',
      contents: sources.map((line) => text(line, { size: 'xs', color: GREY })),
    });
  }
  if (note) body.push(text(note, { size: 'xs', color: NOTE_COLOUR, margin: 'md' }));

  const title = truncateUnits(card.title.trim(), MAX_TITLE_UNITS);
  // A box needs something to show; a card with nothing but a title shows it in the body instead.
  const titleOnly = body.length === 0;
  if (titleOnly) body.push(text(title || 'DX ナビの回答', { weight: 'bold' }));
  const uri = linkableUri(card.url);
  // A button label is at most 20 characters; the entry's own label (an FAQ's リンク名) replaces the generic one.
  const footer: messagingApi.FlexComponent[] = [...more];
  if (uri) footer.push({ type: 'button', style: 'link', height: 'sm', action: { type: 'uri', label: truncateUnits(card.urlLabel?.trim() || LINK_LABEL, 20), uri } });
  const call = contact ? callButton(contact) : null;
  if (call) footer.push(call);
  return {
    type: 'bubble',
    ...(title && !titleOnly ? { header: { type: 'box', layout: 'vertical', contents: [text(title, { weight: 'bold', size: 'lg' })] } } : {}),
    body: { type: 'box', layout: 'vertical', spacing: 'md', contents: body },
    ...(footer.length > 0 ? { footer: { type: 'box', layout: 'vertical', spacing: 'sm', contents: footer } } : {}),
  };
}
