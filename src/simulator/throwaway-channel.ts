import { randomBytes } from 'node:crypto';

/** A channel that exists only for one simulator run: nothing signed with it is valid anywhere else. */
export interface ThrowawayChannel {
  /** 32 hex digits, the form of a real channel secret; handed to the page so it can sign. */
  secret: string;
  /** The bot's own user id, sent as `destination` in every webhook body. */
  botUserId: string;
}

/** A fresh random channel secret and bot id. */
export function throwawayChannel(): ThrowawayChannel {
  return { secret: randomBytes(16).toString('hex'), botUserId: `U${randomBytes(16).toString('hex')}` };
}
