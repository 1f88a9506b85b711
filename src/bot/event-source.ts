import type { webhook } from '@line/bot-sdk';
import type { SourceType } from '../storage/store.js';
import { userKeyFor } from '../storage/user-key.js';

/** Who an event comes from, reduced to what the bot keeps: a salted hash, never the raw id. */
export interface EventOrigin {
  /** Hash of the user id in 1:1 chats, else of the group or room id (no userId there is fine). */
  key: string;
  sourceType: Exclude<SourceType, 'simulator'>;
  /** The raw user id for the loading animation in 1:1 chats only; never stored. */
  chatUserId: string | null;
}

/** Derives the origin of an event; group and room events without a userId work too. */
export function originOf(source: webhook.Source | undefined, salt: string): EventOrigin {
  if (source?.type === 'group') return { key: userKeyFor(`group:${source.groupId}`, salt), sourceType: 'group', chatUserId: null };
  if (source?.type === 'room') return { key: userKeyFor(`room:${source.roomId}`, salt), sourceType: 'room', chatUserId: null };
  const userId = source?.type === 'user' ? source.userId : undefined;
  return { key: userKeyFor(`user:${userId ?? 'unknown'}`, salt), sourceType: 'user', chatUserId: userId ?? null };
}
