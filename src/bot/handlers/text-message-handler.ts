import type { webhook } from '@line/bot-sdk';
import { cityMatters } from '../../engine/city-change.js';
import { answerToMessages } from '../../line/answer-messages.js';
import type { BotDependencies } from '../bot-dependencies.js';
import type { LogEntry } from '../../storage/store.js';
import { cityPrompt } from '../city-prompt.js';
import { eventLoopTurns } from '../event-loop-turns.js';
import { originOf } from '../event-source.js';
import { storedMunicipality } from '../stored-municipality.js';

/** An answer not ready within this long gets LINE's loading animation; a quicker one needs none. */
export const LOADING_DELAY_MS = 1000;

/** A text message: answer it from the knowledge base, log it, reply once. */
export async function handleTextMessage(event: webhook.MessageEvent & { message: webhook.TextMessageContent }, deps: BotDependencies, receivedAt: number = Date.now()): Promise<void> {
  const origin = originOf(event.source, deps.userHashSalt);
  // The animation is a courtesy for a slow answer (a backlog of events): most answers take
  // milliseconds, and an animation nobody sees would cost an API call per message. It must never
  // delay or block the answer.
  const chatUserId = origin.chatUserId;
  let shown = false;
  const showLoading = () => {
    if (shown || !chatUserId) return;
    shown = true;
    void deps.line.showLoading(chatUserId).catch((error: unknown) => deps.logger.warn('loading animation failed', { error }));
  };
  // The second counts from when the message arrived: one waiting behind others has used some of it.
  const loading = chatUserId ? setTimeout(showLoading, Math.max(0, LOADING_DELAY_MS - (Date.now() - receivedAt))) : undefined;

  try {
    const remembered = await storedMunicipality(deps.store, origin.key);
    const municipality = remembered ?? deps.defaultMunicipality;
    // Answer and message are built in one turn of their own so acknowledgements are not held up.
    // Only the log entry and the messages leave it: the answer (hits, trace, decision) is garbage
    // before the writes and the reply are awaited, so it is never copied by a collection meanwhile.
    const { log, messages } = await eventLoopTurns.run(() => {
      // A turn that comes after the second is up (answers ahead of it held the loop, so the timer
      // could not fire) shows the animation before its own answer.
      if (Date.now() - receivedAt >= LOADING_DELAY_MS) showLoading();
      const answer = deps.engine().ask(event.message.text, { municipality });
      // Someone who never chose a city is asked once more, under the first answer that depends on it.
      const askCity = !remembered && !deps.defaultMunicipality && cityMatters(answer) && (deps.cityPrompt ?? cityPrompt).shouldAsk(origin.key);
      const log: LogEntry = {
        at: new Date(event.timestamp).toISOString(),
        userKey: origin.key,
        sourceType: deps.sourceTypeOverride ?? origin.sourceType,
        text: event.message.text,
        intent: answer.intent,
        answered: answer.answered,
        entryId: answer.entryId,
        municipality: answer.municipality,
        eventId: event.webhookEventId,
      };
      return { log, messages: answerToMessages(answer, { feedback: answer.answered, askCity }) };
    });
    clearTimeout(loading);

    // A log that cannot be written is dropped and counted, not retried behind the person's back:
    // they still get their answer, and the record never turns up later as if nothing had failed.
    await deps.store.appendLog(log).catch((error: unknown) => {
      deps.onRecordDropped?.('logs');
      deps.logger.error('log entry dropped: the store could not write it', { webhookEventId: event.webhookEventId, error: String(error) });
    });
    if (event.replyToken) await deps.line.reply(event.replyToken, messages);
  } finally {
    clearTimeout(loading);
  }
}
