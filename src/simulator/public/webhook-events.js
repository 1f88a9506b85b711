/**
 * Webhook request bodies shaped as LINE sends them, signed as LINE signs them. The simulator page
 * and the Node tests import this one module, so what the tests prove about signing is exactly
 * what the page does. Runs wherever Web Crypto does: a browser's secure context, Node 20+.
 */

/** The sticker the page sends: a fictional one, only its ids travel (no image is drawn from LINE). */
export const SIMULATOR_STICKER = Object.freeze({ packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' });

// ULIDs are written in Crockford's base32: no I, L, O or U, so ids are unambiguous to read aloud.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const encoder = new TextEncoder();

/** `count` random bytes. */
function randomBytes(count) {
  return globalThis.crypto.getRandomValues(new Uint8Array(count));
}

/** Lower-case hex of `byteCount` random bytes. */
export function randomHex(byteCount) {
  return Array.from(randomBytes(byteCount), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A LINE-style user id: `U` and 32 hex digits. */
export function newUserId() {
  return `U${randomHex(16)}`;
}

/** A ULID (26 characters: 48-bit time, then 80 random bits), the form of LINE's webhookEventId. */
export function ulid(now = Date.now()) {
  let time = '';
  let rest = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  // 32 divides 256, so `byte % 32` keeps every character equally likely.
  const random = Array.from(randomBytes(16), (byte) => CROCKFORD[byte % 32]).join('');
  return time + random;
}

/** An 18-digit message id, as LINE's ids look (decimal strings, not numbers: they exceed 2^53). */
function messageId() {
  const digits = Array.from(randomBytes(18), (byte) => String(byte % 10));
  digits[0] = String(1 + (randomBytes(1)[0] % 9));
  return digits.join('');
}

/** A quote token: opaque base64url text of LINE's usual length. */
function quoteToken() {
  return base64(randomBytes(96)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** What every event from a 1:1 chat carries, in the order LINE writes it. */
function eventBase(userId, now) {
  return {
    webhookEventId: ulid(now),
    deliveryContext: { isRedelivery: false },
    timestamp: now,
    source: { type: 'user', userId },
  };
}

/** A text message from `userId`. */
export function textMessageEvent(userId, text, now = Date.now()) {
  const { webhookEventId, deliveryContext, timestamp, source } = eventBase(userId, now);
  return {
    type: 'message',
    message: { type: 'text', id: messageId(), quoteToken: quoteToken(), text },
    webhookEventId,
    deliveryContext,
    timestamp,
    source,
    replyToken: randomHex(16),
    mode: 'active',
  };
}

/** A sticker from `userId` (the simulator's one sticker unless another is given). */
export function stickerMessageEvent(userId, sticker = SIMULATOR_STICKER, now = Date.now()) {
  const { webhookEventId, deliveryContext, timestamp, source } = eventBase(userId, now);
  return {
    type: 'message',
    message: { type: 'sticker', id: messageId(), quoteToken: quoteToken(), ...sticker },
    webhookEventId,
    deliveryContext,
    timestamp,
    source,
    replyToken: randomHex(16),
    mode: 'active',
  };
}

/** A tap on a postback action (button or quick reply) carrying `data`. */
export function postbackEvent(userId, data, now = Date.now()) {
  const { webhookEventId, deliveryContext, timestamp, source } = eventBase(userId, now);
  return { type: 'postback', postback: { data }, webhookEventId, deliveryContext, timestamp, source, replyToken: randomHex(16), mode: 'active' };
}

/** `userId` adds the bot as a friend. */
export function followEvent(userId, now = Date.now()) {
  const { webhookEventId, deliveryContext, timestamp, source } = eventBase(userId, now);
  return { type: 'follow', follow: { isUnblocked: false }, webhookEventId, deliveryContext, timestamp, source, replyToken: randomHex(16), mode: 'active' };
}

/** `userId` blocks the bot; LINE sends no reply token with this one. */
export function unfollowEvent(userId, now = Date.now()) {
  const { webhookEventId, deliveryContext, timestamp, source } = eventBase(userId, now);
  return { type: 'unfollow', webhookEventId, deliveryContext, timestamp, source, mode: 'active' };
}

/** The request body LINE POSTs: the bot's own user id as `destination`, then the events. */
export function webhookBody(destination, events) {
  return JSON.stringify({ destination, events });
}

/** Standard base64 of bytes (btoa exists in browsers and in Node 16+). */
function base64(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The x-line-signature for `body`: HMAC-SHA256 keyed with the channel secret over the body's
 * UTF-8 bytes, base64. `body` must be the exact string that is sent.
 */
export async function signBody(body, channelSecret) {
  const subtle = globalThis.crypto?.subtle;
  // Browsers hide Web Crypto outside secure contexts (e.g. http://192.168.x.x), so say what to do.
  if (!subtle) throw new Error('Web Crypto is unavailable: open the simulator at http://localhost (a secure context)');
  const key = await subtle.importKey('raw', encoder.encode(channelSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return base64(new Uint8Array(await subtle.sign('HMAC', key, encoder.encode(body))));
}

/**
 * Signs and POSTs events to the webhook, as LINE would. `fetchImpl` lets a Node test use its own
 * base URL; the page passes nothing and posts to its own origin.
 */
export async function sendEvents({ endpoint = '/webhook', destination, channelSecret, events, fetchImpl = globalThis.fetch }) {
  const body = webhookBody(destination, events);
  const signature = await signBody(body, channelSecret);
  return fetchImpl(endpoint, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': signature }, body });
}
