import type { webhook } from '@line/bot-sdk';
import type { BotDependencies } from '../bot-dependencies.js';
import { joinMessages } from '../welcome-messages.js';

/** Invited to a group or room: introduce the bot briefly. */
export async function handleJoin(event: webhook.JoinEvent, deps: BotDependencies): Promise<void> {
  await deps.line.reply(event.replyToken, joinMessages());
}
