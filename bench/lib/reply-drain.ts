/**
 * Counting the replies the Messaging API stand-in receives, and driving a server until every
 * acknowledged event has had its reply: `npm run bench` and `npm run bench:scaling` both time
 * "to the last reply" this way.
 */
import { performance } from 'node:perf_hooks';
import type { MessagingApiStub } from '../../src/line-stub/messaging-api-stub.js';
import { driveWebhook, type LoadResult } from './load.js';
import type { RunningProcess } from './processes.js';
import { round2 } from './stats.js';

/** Replies seen by the stand-in since the last drive. */
export class ReplyCounter {
  count = 0;
  lastReplyAt = 0;

  /** Counts every reply request the stand-in records. */
  constructor(stub: MessagingApiStub) {
    stub.onRequest((request) => {
      if (request.path === '/v2/bot/message/reply') {
        this.count += 1;
        this.lastReplyAt = Date.now();
      }
    });
  }
}

/** Drives the server, then waits (at most `timeoutMs`) until every acknowledged event has had its reply. */
export async function driveAndDrain(
  stub: MessagingApiStub,
  replies: ReplyCounter,
  server: RunningProcess,
  options: Omit<Parameters<typeof driveWebhook>[0], 'url'>,
  { timeoutMs, log }: { timeoutMs: number; log: (line: string) => void },
): Promise<{ load: LoadResult; drainMs: number; lastReplyAt: number }> {
  stub.reset();
  replies.count = 0;
  const load = await driveWebhook({ url: server.url, ...options });
  const drainStarted = performance.now();
  const deadline = Date.now() + timeoutMs;
  while (replies.count < load.ok && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  if (replies.count < load.ok) log(`  warning: ${load.ok - replies.count} of ${load.ok} acknowledged events got no reply within ${timeoutMs / 1000} s`);
  if (load.non2xx > 0 || load.errors > 0) log(`  warning: ${load.non2xx} non-2xx responses, ${load.errors} errors\n${server.output().slice(-1500)}`);
  return { load, drainMs: round2(performance.now() - drainStarted), lastReplyAt: replies.lastReplyAt };
}
