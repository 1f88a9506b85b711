/**
 * The LINE edge of the answer engine: one Answer becomes the messages of one reply. LINE takes
 * at most five messages per reply and shows quick replies only under the last message, so the
 * text is split to fit, the card comes last, and every button goes on that last message.
 */
import type { messagingApi } from '@line/bot-sdk';
import type { Answer } from '../engine/answer.js';
import { cardToFlexMessage } from './answer-card-flex.js';
import { feedbackQuickReplies, MAX_QUICK_REPLY_ITEMS, municipalityQuickReplies, toLineQuickReplies } from './quick-replies.js';
import { MAX_TEXT_MESSAGE_UNITS, splitText, truncateUnits } from './text-limits.js';

// Handlers build replies from these too; they are re-exported so one import serves a reply.
export { municipalityQuickReplies, toLineQuickReplies } from './quick-replies.js';

/** LINE's limit for the messages of one reply. */
export const MAX_MESSAGES_PER_REPLY = 5;

/** Said when an answer arrives with nothing to show, so the reply is never empty (LINE rejects that). */
export const EMPTY_ANSWER_TEXT = '申し訳ありません。うまくお答えできませんでした。言葉を変えて、もう一度お試しください。';

/** How to render an answer. */
export interface AnswerMessageOptions {
  /** Adds 役に立った / 役に立たなかった buttons when the answer is about a knowledge entry. */
  feedback?: boolean;
  /** Asks someone who never chose a city to choose one (the answer depends on it). */
  askCity?: boolean;
}

/** Said under an answer that depends on the city, to someone who has not chosen one. */
export const ASK_CITY_TEXT = 'お住まいの市を選ぶと、その市の計画に沿ってお答えします。';

/** A text message within LINE's 5,000-unit limit, with up to 13 quick replies. */
export function textMessage(text: string, quickReplies: readonly messagingApi.QuickReplyItem[] = []): messagingApi.TextMessage {
  return withQuickReplies({ type: 'text', text: truncateUnits(text, MAX_TEXT_MESSAGE_UNITS) }, quickReplies);
}

/** The reply for one answer: the message text (split if long), then the card as a Flex bubble. */
export function answerToMessages(answer: Answer, options: AnswerMessageOptions = {}): messagingApi.Message[] {
  const card = answer.card ? cardToFlexMessage(answer.card, answer.entryId) : null;
  const askCity = options.askCity === true && !answer.cityChoice;
  const textBudget = MAX_MESSAGES_PER_REPLY - (card ? 1 : 0) - (askCity ? 1 : 0);
  // A chunk of nothing but line breaks (from a run of blank lines) would be an empty-looking bubble.
  const chunks = splitText(answer.message?.trim() ?? '').filter((chunk) => chunk.trim().length > 0);
  const texts = fitChunks(chunks, textBudget);

  const messages: messagingApi.Message[] = texts.map((text) => ({ type: 'text', text }));
  if (card) messages.push(card);
  if (askCity) messages.push({ type: 'text', text: ASK_CITY_TEXT });
  if (messages.length === 0) messages.push({ type: 'text', text: EMPTY_ANSWER_TEXT });

  const feedback = options.feedback && answer.entryId ? feedbackQuickReplies(answer.entryId) : [];
  // The cities come first when the person is asked to choose one; feedback buttons are reserved
  // their place; the engine's suggestions fill the rest.
  const cities = answer.cityChoice ? municipalityQuickReplies(answer.cityChoice.suggested) : askCity ? municipalityQuickReplies() : [];
  const items = [...cities, ...toLineQuickReplies(answer.quickReplies).slice(0, MAX_QUICK_REPLY_ITEMS - feedback.length - cities.length), ...feedback];
  const last = messages.length - 1;
  messages[last] = withQuickReplies(messages[last]!, items);
  return messages;
}

/** At most `budget` chunks; what does not fit goes into the last one, cut with '…' if need be. */
function fitChunks(chunks: string[], budget: number): string[] {
  if (chunks.length <= budget) return chunks;
  const rest = chunks.slice(budget - 1).join('\n');
  return [...chunks.slice(0, budget - 1), truncateUnits(rest, MAX_TEXT_MESSAGE_UNITS)];
}

function withQuickReplies<M extends messagingApi.Message>(message: M, items: readonly messagingApi.QuickReplyItem[]): M {
  if (items.length === 0) return message;
  return { ...message, quickReply: { items: items.slice(0, MAX_QUICK_REPLY_ITEMS) } };
}
