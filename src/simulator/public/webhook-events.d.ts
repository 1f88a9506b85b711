/** Types for webhook-events.js, the plain ES module the simulator page and the Node tests share. */
import type { webhook } from '@line/bot-sdk';

/** The sticker the page sends. */
export declare const SIMULATOR_STICKER: Readonly<{ packageId: string; stickerId: string; stickerResourceType: 'STATIC' }>;
/** Lower-case hex of `byteCount` random bytes. */
export declare function randomHex(byteCount: number): string;
/** A LINE-style user id: `U` and 32 hex digits. */
export declare function newUserId(): string;
/** A ULID, the form of LINE's webhookEventId. */
export declare function ulid(now?: number): string;
/** A text message from `userId`. */
export declare function textMessageEvent(userId: string, text: string, now?: number): webhook.MessageEvent & { message: webhook.TextMessageContent; replyToken: string };
/** A sticker from `userId`. */
export declare function stickerMessageEvent(
  userId: string,
  sticker?: { packageId: string; stickerId: string; stickerResourceType: string },
  now?: number,
): webhook.MessageEvent & { message: webhook.StickerMessageContent; replyToken: string };
/** A tap on a postback action carrying `data`. */
export declare function postbackEvent(userId: string, data: string, now?: number): webhook.PostbackEvent & { replyToken: string };
/** `userId` adds the bot as a friend. */
export declare function followEvent(userId: string, now?: number): webhook.FollowEvent;
/** `userId` blocks the bot (no reply token). */
export declare function unfollowEvent(userId: string, now?: number): webhook.UnfollowEvent;
/** The request body LINE POSTs. */
export declare function webhookBody(destination: string, events: readonly unknown[]): string;
/** The x-line-signature for `body`: HMAC-SHA256 with the channel secret, base64. */
export declare function signBody(body: string, channelSecret: string): Promise<string>;
/** Signs and POSTs events to the webhook, as LINE would. */
export declare function sendEvents(options: {
  endpoint?: string;
  destination: string;
  channelSecret: string;
  events: readonly unknown[];
  fetchImpl?: typeof fetch;
}): Promise<Response>;
