/**
 * Listens to what the bot sends to the stand-in Messaging API (Server-Sent Events) and matches
 * each reply to the chat that is waiting for it, by the reply token the page generated. Replies
 * meant for another open tab carry tokens this page never made, and are ignored.
 */

/** How long a message may wait for its reply before the page says none came. */
export const NO_REPLY_TIMEOUT_MS = 10_000;

/** Matches streamed replies to the chats waiting for them. */
export class ReplyTracker {
  /**
   * onReply(personaId, messages), onLoading(chatId, seconds), onNoReply(personaId) and
   * onConnection(connected) are called as things happen.
   */
  constructor({ streamUrl, onReply, onLoading, onNoReply, onConnection, timeoutMs = NO_REPLY_TIMEOUT_MS }) {
    this.streamUrl = streamUrl;
    this.handlers = { onReply, onLoading, onNoReply, onConnection };
    this.timeoutMs = timeoutMs;
    this.waiting = new Map();
  }

  /** Opens the stream; resolves once it is open, so no reply can arrive before the page listens. */
  connect() {
    return new Promise((resolve) => {
      const source = new EventSource(this.streamUrl);
      source.addEventListener('open', () => {
        this.handlers.onConnection(true);
        resolve();
      });
      // EventSource reconnects by itself; the page only says that it is doing so.
      source.addEventListener('error', () => this.handlers.onConnection(false));
      source.addEventListener('reply', (event) => this.reply(JSON.parse(event.data)));
      source.addEventListener('loading', (event) => {
        const { chatId, loadingSeconds } = JSON.parse(event.data);
        this.handlers.onLoading(chatId, loadingSeconds);
      });
      this.source = source;
    });
  }

  /** Remembers that `personaId` waits for a reply under `replyToken`. */
  expect(replyToken, personaId) {
    const timer = setTimeout(() => {
      this.waiting.delete(replyToken);
      this.handlers.onNoReply(personaId);
    }, this.timeoutMs);
    this.waiting.set(replyToken, { personaId, timer });
  }

  /** Stops waiting (the webhook refused the event, so no reply will come). */
  forget(replyToken) {
    const waiting = this.waiting.get(replyToken);
    if (waiting) clearTimeout(waiting.timer);
    this.waiting.delete(replyToken);
  }

  /** Whether `personaId` still waits for any reply. */
  isWaiting(personaId) {
    for (const waiting of this.waiting.values()) if (waiting.personaId === personaId) return true;
    return false;
  }

  reply({ replyToken, messages }) {
    const waiting = this.waiting.get(replyToken);
    if (!waiting) return;
    this.forget(replyToken);
    this.handlers.onReply(waiting.personaId, messages);
  }
}
