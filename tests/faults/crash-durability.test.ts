/**
 * kill -9 during a burst of writes, again and again, against the real server process.
 *
 * What "acknowledged" means here: the bot's reply reached the Messaging API stand-in. Every
 * handler awaits its store writes before it replies (claimEvent, then appendLog /
 * setMunicipality / addFeedback), and LowdbStore resolves a write only after AtomicJsonFile has
 * renamed a fully written, fsynced temp file over the file concerned: the main file for claims
 * and municipalities, the day's file in dx-navi-log/ for logs and feedback. So a reply seen at the
 * stand-in proves that the event's claim and its record were on disk before the process died.
 *
 * The HTTP 200 to LINE is NOT such a point: the route answers 200 before any event work starts
 * (design: never keep LINE waiting), so an event can be lost after its 200. The test therefore
 * keys durability on replies, and checks the other side precisely: after a restart, an
 * unanswered event is answered on redelivery exactly when its claim did not reach the disk.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUNICIPALITIES } from '../../src/knowledge/schema.js';
import { startMessagingApiStub, type MessagingApiStub } from '../../src/line-stub/messaging-api-stub.js';
import { DAY_LOG_DIR_NAME } from '../../src/storage/day-log-archive.js';
import { STORE_FILE_NAME } from '../../src/storage/open-store.js';
import { userKeyFor } from '../../src/storage/user-key.js';
import { FAULT_USER_HASH_SALT, messagingApiQuiet, sleep, startServerProcess, type ServerProcess } from './server-process.js';
import { quarantinedFiles, readStoredData, type StoredData } from './stored-data.js';
import { bodyOf, freshEvent, newUserId, redelivered, type WebhookEvent } from './webhook-events.js';

const CYCLES = 8;
const BURST = 80;
const CONCURRENCY = 4;

type Kind = 'text' | 'municipality' | 'feedback' | 'follow';

/** One event the test sent and what its acknowledgement promises is on disk. */
interface Sent {
  kind: Kind;
  event: WebhookEvent;
  userKey: string;
  /** What the record holds: the question, the chosen city, or the feedback's entry. */
  value: string;
}

let stub: MessagingApiStub;
let dataDir: string;
let dataFile: string;
// AtomicJsonFile's fixed temp name: planting a torn one there is what a crash mid-write leaves.
let tempFile: string;

beforeAll(async () => {
  stub = await startMessagingApiStub();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'dx-navi-crash-'));
  dataFile = path.join(dataDir, STORE_FILE_NAME);
  tempFile = path.join(dataDir, `.${STORE_FILE_NAME}.tmp`);
});

afterAll(async () => {
  await stub?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const TEXT_FIXTURES = ['text-glossary.json', 'text-procedure.json', 'text-plan.json'];
const KINDS: Kind[] = ['text', 'municipality', 'text', 'feedback', 'text', 'follow'];

function makeEvent(cycle: number, index: number): Sent {
  const kind = KINDS[index % KINDS.length]!;
  // A new person per event, so a later event never legitimately overwrites an earlier record.
  const userId = newUserId();
  const userKey = userKeyFor(`user:${userId}`, FAULT_USER_HASH_SALT);
  const withUser = (event: WebhookEvent) => {
    event.source = { type: 'user', userId };
  };
  switch (kind) {
    case 'text': {
      let value = '';
      const event = freshEvent(TEXT_FIXTURES[index % TEXT_FIXTURES.length]!, (e) => {
        withUser(e);
        e.message.id = String(Date.now()) + String(index).padStart(4, '0');
        e.message.text = value = `${e.message.text as string} [${cycle}-${index}]`;
      });
      return { kind, event, userKey, value };
    }
    case 'municipality': {
      const value = MUNICIPALITIES[index % MUNICIPALITIES.length]!;
      const event = freshEvent('postback-municipality.json', (e) => {
        withUser(e);
        e.postback.data = new URLSearchParams({ action: 'municipality', value }).toString();
      });
      return { kind, event, userKey, value };
    }
    case 'feedback':
      return { kind, event: freshEvent('postback-feedback.json', withUser), userKey, value: 'rpa' };
    case 'follow':
      return { kind, event: freshEvent('follow.json', withUser), userKey, value: '' };
  }
}

const replyCounts = (): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const reply of stub.replies()) counts.set(reply.replyToken, (counts.get(reply.replyToken) ?? 0) + 1);
  return counts;
};

/**
 * Posts each event in its own request, a few at a time, until done or the server is gone. `pauseMs`
 * spreads a burst out so that it is still arriving when the kill comes.
 */
async function post(server: ServerProcess, events: WebhookEvent[], pauseMs = 0): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < events.length && server.alive()) {
      const event = events[next++]!;
      // A connection refused or reset is what LINE sees when the process dies: it redelivers later.
      await server.post(bodyOf(event)).catch(() => undefined);
      if (pauseMs > 0) await sleep(pauseMs);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** The main file and every day file: each must exist as valid JSON of a known shape. */
function readDataFiles(context: string): StoredData {
  expect(existsSync(dataFile), `${context}: the data file exists`).toBe(true);
  let data: StoredData | undefined;
  expect(() => (data = readStoredData(dataDir)), `${context}: every data file is valid JSON`).not.toThrow();
  return data!;
}

/** Every acknowledged event's writes are in the files, each record once. */
function expectAcknowledgedWrites(data: StoredData, sent: readonly Sent[], counts: Map<string, number>, context: string): void {
  const logsByText = new Map<string, number>();
  for (const log of data.logs) logsByText.set(log.text, (logsByText.get(log.text) ?? 0) + 1);
  for (const [text, count] of logsByText) expect(count, `${context}: "${text}" logged ${count} times`).toBe(1);
  for (const item of sent) {
    if (!counts.has(item.event.replyToken as string)) continue;
    const what = `${context}: acknowledged ${item.kind} ${item.event.webhookEventId as string}`;
    expect(Object.hasOwn(data.claimedEvents, item.event.webhookEventId as string), `${what} is claimed`).toBe(true);
    if (item.kind === 'text') {
      expect(data.logs.filter((log) => log.text === item.value && log.userKey === item.userKey), `${what} is logged`).toHaveLength(1);
    }
    if (item.kind === 'municipality') expect(data.municipalities[item.userKey], `${what} is remembered`).toBe(item.value);
    if (item.kind === 'feedback') {
      const at = new Date(item.event.timestamp as number).toISOString();
      expect(data.feedback.filter((entry) => entry.userKey === item.userKey && entry.at === at && entry.entryId === item.value), `${what} is recorded`).toHaveLength(1);
    }
  }
}

/**
 * Redelivers every event sent so far, as LINE would for those it got no 200 for (and as a
 * duplicate for the rest). An answered event must not be answered again; an unanswered one is
 * answered now exactly when its claim was not in the file the kill left behind.
 */
async function redeliverAll(server: ServerProcess, sent: readonly Sent[], claimedAtKill: ReadonlySet<string>, context: string): Promise<void> {
  const before = replyCounts();
  await post(server, sent.map((item) => redelivered(item.event)));
  await server.idle();
  await messagingApiQuiet(stub);
  const after = replyCounts();
  for (const item of sent) {
    const token = item.event.replyToken as string;
    const id = item.event.webhookEventId as string;
    const expected = before.has(token) || !claimedAtKill.has(id) ? 1 : 0;
    expect(after.get(token) ?? 0, `${context}: replies to ${item.kind} ${id} after its redelivery`).toBe(expected);
  }
}

describe('kill -9 during a burst of writes', () => {
  it(`keeps the data file valid and every acknowledged write, over ${CYCLES} kill/restart cycles`, async () => {
    const sent: Sent[] = [];
    let claimedAtKill = new Set<string>();
    const tempFiles = { tempLeftByKill: 0, planted: 0 };

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const context = `cycle ${cycle}`;
      const server = await startServerProcess({ dataDir, lineApiBaseUrl: stub.url });
      try {
        // A torn temp file or a killed write must never make the next start distrust the data file.
        expect(server.lines.filter((line) => line.level !== 'info'), `${context}: warnings at start`).toEqual([]);
        if (sent.length > 0) await redeliverAll(server, sent, claimedAtKill, context);

        const burst = Array.from({ length: BURST }, (_, index) => makeEvent(cycle, index));
        sent.push(...burst);
        const burstTokens = new Set(burst.map((item) => item.event.replyToken as string));
        // Kill at a different point of each burst, while other events are between claim and reply.
        const killAt = 3 + Math.floor(Math.random() * (BURST / 2));
        let seen = 0;
        const stopListening = stub.onRequest((request) => {
          if (request.path === '/v2/bot/message/reply' && burstTokens.has((request.body as { replyToken: string }).replyToken) && ++seen === killAt) server.kill();
        });
        try {
          await post(server, burst.map((item) => item.event), 3);
          // Should the burst's requests all be in before the kill point, the kill still comes
          // mid-processing; the timeout only turns a hang into a failure.
          const exit = await Promise.race([server.exited, sleep(60_000).then(() => null)]);
          expect(exit, `${context}: the server died by our SIGKILL, not by itself`).toEqual({ code: null, signal: 'SIGKILL' });
        } finally {
          stopListening();
        }
        await messagingApiQuiet(stub);
        const answeredInBurst = burst.filter((item) => replyCounts().has(item.event.replyToken as string)).length;
        expect(answeredInBurst, `${context}: the kill came before the burst was answered`).toBeLessThan(BURST);
      } finally {
        if (server.alive()) server.kill();
        await server.exited;
      }

      expect(server.rawStderr, `${context}: nothing but log lines on stderr`).toEqual([]);
      const data = readDataFiles(context);
      expectAcknowledgedWrites(data, sent, replyCounts(), context);
      claimedAtKill = new Set(Object.keys(data.claimedEvents));
      expect(quarantinedFiles(dataDir), `${context}: nothing quarantined`).toEqual([]);

      // What a kill between open and rename leaves: half a document under the temp name, for the
      // main file and for the newest day's file alike.
      const planted: Array<[file: string, temp: string]> = [[dataFile, tempFile]];
      const newestDay = data.dayFiles.at(-1);
      if (newestDay) planted.push([path.join(dataDir, DAY_LOG_DIR_NAME, newestDay), path.join(dataDir, DAY_LOG_DIR_NAME, `.${newestDay}.tmp`)]);
      for (const [file, temp] of planted) {
        if (existsSync(temp)) tempFiles.tempLeftByKill++;
        else {
          const text = readFileSync(file, 'utf8');
          writeFileSync(temp, text.slice(0, Math.floor(text.length / 2)));
          tempFiles.planted++;
        }
      }
    }

    // A last, graceful life: everything still pending is settled and the store is closed cleanly.
    const server = await startServerProcess({ dataDir, lineApiBaseUrl: stub.url });
    expect(server.lines.filter((line) => line.level !== 'info'), 'final start: warnings').toEqual([]);
    await redeliverAll(server, sent, claimedAtKill, 'final');
    expect(await server.stop(), 'final: graceful stop').toEqual({ code: 0, signal: null });

    const counts = replyCounts();
    const data = readDataFiles('final');
    expect(data.dayFiles.length, 'final: logs are kept in day files').toBeGreaterThan(0);
    expectAcknowledgedWrites(data, sent, counts, 'final');
    expect([...counts.values()].filter((count) => count > 1), 'no event answered twice, ever').toEqual([]);
    expect(existsSync(tempFile), 'no temp file left after a clean stop').toBe(false);
    expect(quarantinedFiles(dataDir), 'final: nothing quarantined').toEqual([]);
    // Claimed before a kill but never answered: the price of claiming before replying (at most once).
    const lost = sent.filter((item) => !counts.has(item.event.replyToken as string));
    for (const item of lost) expect(claimedAtKill.has(item.event.webhookEventId as string), 'only claimed events go unanswered').toBe(true);
    console.info(
      `crash-durability: ${sent.length} events over ${CYCLES} kills; ${sent.length - lost.length} answered, ${lost.length} claimed but unanswered at a kill; ` +
        `temp files left by the kills ${tempFiles.tempLeftByKill}×, torn temps planted ${tempFiles.planted}×; day files ${data.dayFiles.join(', ')}`,
    );
  });
});
