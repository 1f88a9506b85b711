/**
 * kill -9 during a burst of writes, again and again, against the real server process (lowdb).
 *
 * What "acknowledged" means here: the HTTP 200 to LINE. The webhook stores every verified event
 * in the inbox journal (dx-navi-inbox.jsonl, appended and fdatasync'ed) before it answers 200,
 * so LINE never redelivers an event it got a 200 for and the bot must answer it anyway: the
 * restarted process takes over what the killed one left unfinished and answers it while the
 * reply token is still usable. Every acknowledged event must get its reply within 30 s of the
 * kill. An event that got no 200 (the connection died) is redelivered, as LINE does, and answered
 * then. A reply token works once (the stand-in refuses a second use, as LINE does): a reply the
 * killed process sent just before it could mark the event finished is sent again after the
 * restart and refused; those attempts are counted, and no token is ever accepted twice.
 *
 * Every handler awaits its store writes before it replies, so a reply seen at the stand-in also
 * proves that the event's record (log, city, feedback) was on disk before the process died.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUNICIPALITIES } from '../../src/knowledge/schema.js';
import { startMessagingApiStub, type MessagingApiStub } from '../../src/line-stub/messaging-api-stub.js';
import { DAY_LOG_DIR_NAME } from '../../src/storage/day-log-archive.js';
import { INBOX_JOURNAL_FILE_NAME, parseInboxJournal } from '../../src/storage/inbox-journal.js';
import { STORE_FILE_NAME } from '../../src/storage/open-store.js';
import { userKeyFor } from '../../src/storage/user-key.js';
import { FAULT_USER_HASH_SALT, messagingApiQuiet, sleep, startServerProcess, type ServerProcess } from './server-process.js';
import { quarantinedFiles, readStoredData, type StoredData } from './stored-data.js';
import { bodyOf, freshEvent, newUserId, redelivered, type WebhookEvent } from './webhook-events.js';

const CYCLES = 8;
const BURST = 80;
const CONCURRENCY = 4;
const REPLY_DEADLINE_MS = 30_000;

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
async function post(server: ServerProcess, events: WebhookEvent[], pauseMs = 0, acknowledged?: Set<string>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < events.length && server.alive()) {
      const event = events[next++]!;
      // A connection refused or reset is what LINE sees when the process dies: it redelivers later.
      const result = await server.post(bodyOf(event)).catch(() => null);
      if (result?.status === 200) acknowledged?.add(event.webhookEventId as string);
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
    const id = item.event.webhookEventId as string;
    const inbox = inboxFile();
    expect(Object.hasOwn(data.claimedEvents, id) || inbox.pending.has(id) || inbox.finished.has(id), `${what} is claimed or in the inbox`).toBe(true);
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

/** The inbox journal: events acknowledged and not yet finished, and the claims of finished ones not yet in the claim journal. */
function inboxFile(): { pending: Map<string, unknown>; finished: Map<string, number> } {
  const file = path.join(dataDir, INBOX_JOURNAL_FILE_NAME);
  return parseInboxJournal(existsSync(file) ? readFileSync(file, 'utf8') : '');
}

/** Waits until every acknowledged event has had a reply, or the deadline passes; resolves with those still unanswered. */
async function acknowledgedAnswered(acknowledged: ReadonlySet<string>, sent: readonly Sent[], since: number): Promise<Sent[]> {
  const pending = () => sent.filter((item) => acknowledged.has(item.event.webhookEventId as string) && !replyCounts().has(item.event.replyToken as string));
  while (pending().length > 0 && Date.now() - since < REPLY_DEADLINE_MS) await sleep(100);
  await messagingApiQuiet(stub);
  return pending();
}

/**
 * Redelivers every event sent so far, as LINE would for those it got no 200 for (and as a
 * duplicate for the rest). Afterwards every event has had its reply, and a redelivery of one
 * already answered causes no new attempt.
 */
async function redeliverAll(server: ServerProcess, sent: readonly Sent[], context: string): Promise<void> {
  const before = replyCounts();
  await post(server, sent.map((item) => redelivered(item.event)));
  await server.idle();
  await messagingApiQuiet(stub);
  const after = replyCounts();
  for (const item of sent) {
    const token = item.event.replyToken as string;
    const what = `${context}: ${item.kind} ${item.event.webhookEventId as string}`;
    expect(after.get(token) ?? 0, `${what} answered after its redelivery`).toBeGreaterThan(0);
    if (before.has(token)) expect(after.get(token), `${what} not attempted again by its redelivery`).toBe(before.get(token));
  }
}

describe('kill -9 during a burst of writes', () => {
  it(`answers every acknowledged event and keeps every data file valid, over ${CYCLES} kill/restart cycles`, async () => {
    const sent: Sent[] = [];
    const acknowledged = new Set<string>();
    const tempFiles = { tempLeftByKill: 0, planted: 0, tornLines: 0 };
    const takeOver = { events: 0, slowestMs: 0, inFlightAtKill: 0 };
    let killedAt = 0;

    for (let cycle = 0; cycle <= CYCLES; cycle++) {
      const context = cycle === CYCLES ? 'final' : `cycle ${cycle}`;
      const server = await startServerProcess({ dataDir, lineApiBaseUrl: stub.url });
      try {
        // A torn temp file or a killed write must never make the next start distrust the data files.
        expect(server.lines.filter((line) => line.level !== 'info' && line.message !== 'inbox events taken over from a process that stopped'), `${context}: warnings at start`).toEqual([]);
        if (sent.length > 0) {
          // The restarted process takes over what the killed one acknowledged and left unanswered.
          const unanswered = await acknowledgedAnswered(acknowledged, sent, killedAt);
          expect(unanswered.map((item) => `${item.kind} ${item.event.webhookEventId as string}`), `${context}: acknowledged but unanswered ${REPLY_DEADLINE_MS} ms after the kill`).toEqual([]);
          takeOver.slowestMs = Math.max(takeOver.slowestMs, Date.now() - killedAt);
          takeOver.events += server.lines.filter((line) => line.message === 'inbox events taken over from a process that stopped').reduce((sum, line) => sum + Number(line.count), 0);
          await redeliverAll(server, sent, context);
        }
        if (cycle === CYCLES) break;

        const burst = Array.from({ length: BURST }, (_, index) => makeEvent(cycle, index));
        sent.push(...burst);
        const burstTokens = new Set(burst.map((item) => item.event.replyToken as string));
        // Kill at a different point of each burst, while other events are between their 200 and their reply.
        const killAt = 3 + Math.floor(Math.random() * (BURST / 2));
        let seen = 0;
        const stopListening = stub.onRequest((request) => {
          if (request.path === '/v2/bot/message/reply' && burstTokens.has((request.body as { replyToken: string }).replyToken) && ++seen === killAt) {
            server.kill();
            killedAt = Date.now();
          }
        });
        try {
          await post(server, burst.map((item) => item.event), 3, acknowledged);
          // Should the burst's requests all be in before the kill point, the kill still comes
          // mid-processing; the timeout only turns a hang into a failure.
          const exit = await Promise.race([server.exited, sleep(60_000).then(() => null)]);
          expect(exit, `${context}: the server died by our SIGKILL, not by itself`).toEqual({ code: null, signal: 'SIGKILL' });
        } finally {
          stopListening();
        }
        await messagingApiQuiet(stub);
        const acknowledgedUnanswered = burst.filter((item) => acknowledged.has(item.event.webhookEventId as string) && !replyCounts().has(item.event.replyToken as string)).length;
        takeOver.inFlightAtKill += acknowledgedUnanswered;
        expect(acknowledgedUnanswered + burst.filter((item) => !acknowledged.has(item.event.webhookEventId as string)).length, `${context}: the kill came before the burst was answered`).toBeGreaterThan(0);
      } finally {
        if (cycle === CYCLES) expect(await server.stop(), 'final: graceful stop').toEqual({ code: 0, signal: null });
        else if (server.alive()) server.kill();
        await server.exited;
      }

      expect(server.rawStderr, `${context}: nothing but log lines on stderr`).toEqual([]);
      const data = readDataFiles(context);
      expectAcknowledgedWrites(data, sent, replyCounts(), context);
      expect(quarantinedFiles(dataDir), `${context}: nothing quarantined`).toEqual([]);

      // What a kill between open and rename leaves: half a document under the temp name, for the
      // main file, the inbox and the newest day's file alike (a day file is replaced so only when
      // pruned or converted).
      const inboxJournal = path.join(dataDir, INBOX_JOURNAL_FILE_NAME);
      const planted: Array<[file: string, temp: string]> = [
        [dataFile, tempFile],
        [inboxJournal, path.join(dataDir, `.${INBOX_JOURNAL_FILE_NAME}.tmp`)],
      ];
      const newestDay = data.dayFiles.at(-1);
      if (newestDay) planted.push([path.join(dataDir, DAY_LOG_DIR_NAME, newestDay), path.join(dataDir, DAY_LOG_DIR_NAME, `.${newestDay}.tmp`)]);
      for (const [file, temp] of planted) {
        if (existsSync(temp)) tempFiles.tempLeftByKill++;
        else if (existsSync(file)) {
          const text = readFileSync(file, 'utf8');
          writeFileSync(temp, text.slice(0, Math.floor(text.length / 2)));
          tempFiles.planted++;
        }
      }
      // What a power cut in the middle of an append leaves (a kill cannot): the newest day's file
      // and the inbox journal ending in part of a line. The server skips it and the next append
      // starts on a clean line.
      if (newestDay?.endsWith('.jsonl')) {
        appendFileSync(path.join(dataDir, DAY_LOG_DIR_NAME, newestDay), '{"kind":"logs","entry":{"at":"20');
        tempFiles.tornLines++;
      }
      if (existsSync(inboxJournal)) {
        appendFileSync(inboxJournal, '["a","01HTORN","20');
        tempFiles.tornLines++;
      }
    }

    const counts = replyCounts();
    const data = readDataFiles('final');
    expect(data.dayFiles.length, 'final: logs are kept in day files').toBeGreaterThan(0);
    expectAcknowledgedWrites(data, sent, counts, 'final');
    expect(sent.filter((item) => !counts.has(item.event.replyToken as string)), 'final: every event answered').toEqual([]);
    expect(inboxFile(), 'final: nothing left in the inbox, every claim in the claim journal').toMatchObject({ pending: new Map(), finished: new Map() });
    expect(existsSync(tempFile), 'no temp file left after a clean stop').toBe(false);
    expect(quarantinedFiles(dataDir), 'final: nothing quarantined').toEqual([]);
    // A reply sent just before a kill, before the event was marked finished, is tried again after
    // the restart and refused (the token is spent): never more than the events taken over.
    const resent = [...counts.values()].filter((count) => count > 1).length;
    expect(resent, 'replies re-sent with a spent token').toBeLessThanOrEqual(takeOver.events);
    console.info(
      `crash-durability: ${sent.length} events over ${CYCLES} kills, ${acknowledged.size} acknowledged (200); all answered. ` +
        `${takeOver.inFlightAtKill} were acknowledged but unanswered at a kill; ${takeOver.events} taken over by the restarted process, the slowest answered ${takeOver.slowestMs} ms after its kill; ` +
        `${resent} replies re-sent with a spent token (refused). Temp files left by the kills ${tempFiles.tempLeftByKill}×, torn temps planted ${tempFiles.planted}×, torn last lines planted ${tempFiles.tornLines}×`,
    );
  });
});
