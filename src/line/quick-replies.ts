/**
 * Quick-reply buttons as LINE wants them: at most 13, labels of at most 20 characters, postbacks
 * with a display text (required for quick replies) and data within 300 characters. The engine's
 * suggestions are plain data, so everything it hands over is checked here, not trusted.
 */
import type { messagingApi } from '@line/bot-sdk';
import type { QuickReply } from '../engine/answer.js';
import { citiesToOffer } from '../engine/city-change.js';
import type { Municipality } from '../knowledge/schema.js';
import { encodePostback, MAX_POSTBACK_DATA_LENGTH } from './postback-data.js';
import { truncateGraphemes } from './text-limits.js';

/** LINE shows at most 13 quick-reply buttons. */
export const MAX_QUICK_REPLY_ITEMS = 13;
/** Quick-reply labels: 20 characters (grapheme clusters). */
export const MAX_ACTION_LABEL = 20;
/** A message action's text and a postback's displayText: 300 characters (grapheme clusters). */
export const MAX_ACTION_TEXT = 300;

/** Labels of the two feedback buttons, also sent as the person's message when tapped. */
export const FEEDBACK_LABELS = { helpful: '役に立った', notHelpful: '役に立たなかった' } as const;

/** A postback quick-reply button; the label doubles as the display text unless one is given. */
export function postbackItem(label: string, data: string, displayText?: string): messagingApi.QuickReplyItem {
  const shown = truncateGraphemes(label.trim(), MAX_ACTION_LABEL);
  return {
    type: 'action',
    action: { type: 'postback', label: shown, data, displayText: truncateGraphemes((displayText ?? label).trim(), MAX_ACTION_TEXT) },
  };
}

/** Converts the engine's suggestions, dropping unusable ones and repeated labels, capped at 13. */
export function toLineQuickReplies(replies: readonly QuickReply[]): messagingApi.QuickReplyItem[] {
  const items: messagingApi.QuickReplyItem[] = [];
  const labels = new Set<string>();
  for (const reply of replies) {
    const label = truncateGraphemes(reply.label.trim(), MAX_ACTION_LABEL);
    if (label.length === 0 || labels.has(label)) continue;
    if (reply.type === 'message') {
      const text = reply.text.trim();
      if (text.length === 0) continue;
      items.push({ type: 'action', action: { type: 'message', label, text: truncateGraphemes(text, MAX_ACTION_TEXT) } });
    } else {
      // Data cannot be shortened without changing what the tap means: an oversized one is dropped.
      if (reply.data.length === 0 || reply.data.length > MAX_POSTBACK_DATA_LENGTH) continue;
      items.push(postbackItem(label, reply.data, reply.displayText?.trim() || label));
    }
    labels.add(label);
    if (items.length === MAX_QUICK_REPLY_ITEMS) break;
  }
  return items;
}

/** The five cities as postback buttons, for choosing which plan answers prefer (`first` leads). */
export function municipalityQuickReplies(first: Municipality | null = null): messagingApi.QuickReplyItem[] {
  return citiesToOffer(first).map((value) => postbackItem(value, encodePostback({ action: 'municipality', value })));
}

/** 役に立った / 役に立たなかった for one entry; none when the id cannot travel in a postback. */
export function feedbackQuickReplies(entryId: string): messagingApi.QuickReplyItem[] {
  try {
    return [
      postbackItem(FEEDBACK_LABELS.helpful, encodePostback({ action: 'feedback', entry: entryId, helpful: true })),
      postbackItem(FEEDBACK_LABELS.notHelpful, encodePostback({ action: 'feedback', entry: entryId, helpful: false })),
    ];
  } catch {
    // Only ids from outside the knowledge base (e.g. an eval corpus) fail; the answer stands without.
    return [];
  }
}

/** A ほかの候補 button that asks the bot for the other candidates of `question`. */
export function moreCandidatesQuickReply(question: string): messagingApi.QuickReplyItem | null {
  if (question.trim().length === 0) return null;
  return postbackItem('ほかの候補', encodePostback({ action: 'more', q: question }), 'ほかの候補を見る');
}
