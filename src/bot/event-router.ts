import type { webhook } from '@line/bot-sdk';
import type { BotDependencies } from './bot-dependencies.js';
import { handleFollow } from './handlers/follow-handler.js';
import { handleJoin } from './handlers/join-handler.js';
import { handlePostback } from './handlers/postback-handler.js';
import { handleTextMessage } from './handlers/text-message-handler.js';
import { handleUnfollow } from './handlers/unfollow-handler.js';
import { handleUnsupportedMessage } from './handlers/unsupported-message-handler.js';

/** Sends one event to its handler; event types the bot does not use are ignored (false). `receivedAt`: when the webhook acknowledged it (ms). */
export async function routeEvent(event: webhook.Event, deps: BotDependencies, receivedAt?: number): Promise<boolean> {
  switch (event.type) {
    case 'message': {
      const message = event as webhook.MessageEvent;
      if (message.message.type === 'text') await handleTextMessage(message as webhook.MessageEvent & { message: webhook.TextMessageContent }, deps, receivedAt);
      else await handleUnsupportedMessage(message, deps);
      return true;
    }
    case 'follow':
      await handleFollow(event as webhook.FollowEvent, deps);
      return true;
    case 'unfollow':
      await handleUnfollow(event as webhook.UnfollowEvent, deps);
      return true;
    case 'postback':
      await handlePostback(event as webhook.PostbackEvent, deps);
      return true;
    case 'join':
      await handleJoin(event as webhook.JoinEvent, deps);
      return true;
    default:
      return false;
  }
}
