import type { webhook } from '@line/bot-sdk';
import type { BotDependencies } from '../bot-dependencies.js';
import { originOf } from '../event-source.js';

/** Someone blocked the bot: forget their preferences (there is no reply token to answer with). */
export async function handleUnfollow(event: webhook.UnfollowEvent, deps: BotDependencies): Promise<void> {
  await deps.store.forgetUser(originOf(event.source, deps.userHashSalt).key);
}
