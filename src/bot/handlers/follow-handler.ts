import type { webhook } from '@line/bot-sdk';
import type { BotDependencies } from '../bot-dependencies.js';
import { welcomeMessages } from '../welcome-messages.js';

/** A new friend (or one who unblocked the bot): welcome them and ask for their municipality. */
export async function handleFollow(event: webhook.FollowEvent, deps: BotDependencies): Promise<void> {
  await deps.line.reply(event.replyToken, welcomeMessages());
}
