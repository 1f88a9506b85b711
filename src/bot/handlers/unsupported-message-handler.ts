import type { webhook } from '@line/bot-sdk';
import type { BotDependencies } from '../bot-dependencies.js';
import { unsupportedMessageReply } from '../welcome-messages.js';

/** Stickers, images, video, audio, files, locations: a short, polite note on what the bot reads. */
export async function handleUnsupportedMessage(event: webhook.MessageEvent, deps: BotDependencies): Promise<void> {
  if (event.replyToken) await deps.line.reply(event.replyToken, unsupportedMessageReply(event.message.type));
}
