/**
 * The chat area of one persona: the message log, the "…" indicator at its end, and the quick
 * replies of the latest message (LINE shows them only until the person sends something else).
 */
import { renderEntry, renderLoadingIndicator, renderQuickReplies } from './message-view.js';

/** Draws one persona's chat into the log and the quick-reply bar. */
export class ChatView {
  /** `onAction(action)` is called when a button in a message or a quick reply is tapped. */
  constructor({ log, quickReplies, onAction }) {
    this.log = log;
    this.quickReplies = quickReplies;
    this.onAction = onAction;
    this.loading = null;
  }

  /** Draws a whole chat (after switching persona or loading the page). */
  show(entries) {
    this.log.replaceChildren(...entries.map((entry) => renderEntry(entry, this.onAction)));
    if (this.loading) this.log.append(this.loading);
    this.updateQuickReplies(entries);
    this.scrollToEnd();
  }

  /** Adds the newest entry of `entries` (already appended there) to the log. */
  append(entries) {
    const entry = entries[entries.length - 1];
    if (!entry) return;
    const row = renderEntry(entry, this.onAction);
    // New messages go above the indicator, which always stays last, as in LINE.
    if (this.loading?.isConnected) this.log.insertBefore(row, this.loading);
    else this.log.append(row);
    this.updateQuickReplies(entries);
    this.scrollToEnd();
  }

  /** Shows or hides the "…" indicator. */
  setLoading(on) {
    if (on && !this.loading) {
      this.loading = renderLoadingIndicator();
      this.log.append(this.loading);
      this.scrollToEnd();
    } else if (!on && this.loading) {
      this.loading.remove();
      this.loading = null;
    }
  }

  updateQuickReplies(entries) {
    const last = entries[entries.length - 1];
    const items = last?.kind === 'bot' ? last.message?.quickReply?.items : undefined;
    renderQuickReplies(this.quickReplies, items, this.onAction);
  }

  scrollToEnd() {
    this.log.scrollTop = this.log.scrollHeight;
  }
}
