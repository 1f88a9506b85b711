/**
 * The simulator's HTTP surface, driven over real HTTP against a running simulator: the page and
 * its configuration, the stream of what the bot sent, the staff explanation and the batch run
 * (all through the bot's own engine), and a persona's city surviving a restart with lowdb.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_QUESTIONS } from '../../src/simulator/batch-run.js';
import { PERSONAS } from '../../src/simulator/personas.js';
import { followEvent, postbackEvent, sendEvents, textMessageEvent } from '../../src/simulator/public/webhook-events.js';
import type { StaffExplanation } from '../../src/simulator/staff-explanation.js';
import { engineForTests, sseFrames, startTestSimulator } from './simulator-fixture.js';

type Simulator = Awaited<ReturnType<typeof startTestSimulator>>;

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startTestSimulator();
});
afterAll(async () => {
  await simulator.close();
});

const api = (route: string) => `${simulator.baseUrl}/simulator/api/${route}`;
const postJson = (route: string, body: unknown) => fetch(api(route), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const persona = PERSONAS[0]!;

async function chooseCity(sim: Simulator, userId: string, city: string): Promise<void> {
  const before = sim.stub.replies().length;
  const event = postbackEvent(userId, new URLSearchParams({ action: 'municipality', value: city }).toString());
  await sendEvents({ endpoint: `${sim.baseUrl}/webhook`, destination: sim.channel.botUserId, channelSecret: sim.channel.secret, events: [event] });
  await sim.stub.waitForReplies(before + 1);
}

/** A GET with the Host header a browser would send for a page served under that name. */
function getWithHost(route: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(route, simulator.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { host }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

describe('simulator and DNS rebinding', () => {
  it('answers only Host names of this machine with its port', async () => {
    const { port } = new URL(simulator.baseUrl);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      const response = await getWithHost('/simulator/api/config', host);
      expect(response.status, host).toBe(200);
      expect(JSON.parse(response.body).channelSecret).toBe(simulator.channel.secret);
    }
    for (const host of [`rebind.attacker.example:${port}`, 'rebind.attacker.example', `localhost:${Number(port) + 1}`, 'localhost', `127.0.0.1.nip.io:${port}`]) {
      for (const route of ['/simulator/api/config', '/simulator/', '/healthz']) {
        const response = await getWithHost(route, host);
        expect(response.status, `${host} ${route}`).toBe(421);
        expect(response.body).not.toContain(simulator.channel.secret);
      }
    }
  });
});

describe('simulator page and configuration', () => {
  it('serves the page under /simulator/ with a policy that allows only its own origin', async () => {
    const redirect = await fetch(`${simulator.baseUrl}/simulator`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/simulator/');
    const page = await fetch(`${simulator.baseUrl}/simulator/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).not.toMatch(/https?:\/\//);
    const module = await fetch(`${simulator.baseUrl}/simulator/webhook-events.js`);
    expect(module.headers.get('content-type')).toContain('javascript');
  });

  it("gives the page this run's throwaway secret, the bot id and the personas", async () => {
    const response = await fetch(api('config'));
    expect(response.headers.get('cache-control')).toBe('no-store');
    const config = (await response.json()) as { channelSecret: string; destination: string; personas: unknown[]; municipalities: string[] };
    expect(config.channelSecret).toBe(simulator.channel.secret);
    expect(config.channelSecret).toMatch(/^[0-9a-f]{32}$/);
    expect(config.destination).toMatch(/^U[0-9a-f]{32}$/);
    expect(config.personas).toEqual(PERSONAS);
    expect(config.municipalities).toContain('鹿屋市');
  });

  it('makes a new channel secret for every run', async () => {
    const other = await startTestSimulator();
    try {
      expect(other.channel.secret).not.toBe(simulator.channel.secret);
    } finally {
      await other.close();
    }
  });

  it('prints a localhost URL (a secure context, which Web Crypto signing needs)', () => {
    expect(simulator.url).toMatch(/^http:\/\/localhost:\d+\/simulator\/$/);
  });
});

describe('stream of what the bot sent', () => {
  it('streams the loading animation and the reply to an open page', async () => {
    const controller = new AbortController();
    const response = await fetch(api('stream'), { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (done: () => boolean) => {
      while (!done()) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
    };
    await readUntil(() => text.includes(': connected'));

    const event = textMessageEvent(persona.userId, 'RPAとは');
    await sendEvents({ endpoint: `${simulator.baseUrl}/webhook`, destination: simulator.channel.botUserId, channelSecret: simulator.channel.secret, events: [event] });
    await readUntil(() => sseFrames(text).some((frame) => frame.event === 'reply'));
    controller.abort();

    const frames = sseFrames(text);
    expect(frames).toContainEqual({ event: 'loading', data: { type: 'loading', chatId: persona.userId, loadingSeconds: 5 } });
    const reply = frames.find((frame) => frame.event === 'reply')?.data as { replyToken: string; messages: Array<{ type: string }> };
    expect(reply.replyToken).toBe(event.replyToken);
    expect(reply.messages.some((message) => message.type === 'flex')).toBe(true);
  });
});

describe('staff explanation', () => {
  it("explains with the persona's remembered city, exactly as the engine answers", async () => {
    const userId = PERSONAS[1]!.userId;
    await chooseCity(simulator, userId, '垂水市');
    const text = '児童手当の現況届はオンラインで出せますか';
    const response = await postJson('explain', { text, userId });
    expect(response.status).toBe(200);
    const explanation = (await response.json()) as StaffExplanation;
    const answer = (await engineForTests()).ask(text, { municipality: '垂水市' });

    expect(explanation).toMatchObject({
      query: text,
      intent: 'procedure',
      answered: answer.answered,
      municipality: '垂水市',
      municipalitySource: 'remembered',
      rememberedMunicipality: '垂水市',
      normalized: answer.trace.normalized,
      terms: answer.trace.terms,
      entryId: answer.entryId,
    });
    expect(explanation.hits).toEqual(answer.hits);
    expect(explanation.sources).toEqual(answer.card?.sources);
    expect(explanation.sources[0]).toMatch(/^出典：/);
  });

  it('explains a glossary question for a persona with no city', async () => {
    const explanation = (await (await postJson('explain', { text: 'RPAとは', userId: PERSONAS[2]!.userId })).json()) as StaffExplanation;
    expect(explanation).toMatchObject({ intent: 'definition', answered: true, municipalitySource: 'none', rememberedMunicipality: null });
    expect(explanation.hits[0]).toMatchObject({ kind: 'glossary', title: 'RPA' });
    expect(explanation.hits[0]?.coverage).toBeGreaterThan(0.5);
  });

  it('reports the remembered city, and refuses malformed requests with 400', async () => {
    const userId = PERSONAS[3]!.userId;
    await chooseCity(simulator, userId, '嬉野市');
    expect(await (await fetch(api(`municipality?userId=${userId}`))).json()).toEqual({ municipality: '嬉野市' });
    expect((await fetch(api('municipality?userId=nobody'))).status).toBe(400);
    expect((await postJson('explain', { text: 'RPAとは', userId: 'not-a-user' })).status).toBe(400);
    expect((await postJson('explain', { text: '   ', userId })).status).toBe(400);
  });
});

describe('batch run', () => {
  it('answers every non-blank line through the engine', async () => {
    const response = await postJson('batch', { questions: 'RPAとは\n\n  児童手当の現況届はオンラインで出せますか  \r\nあいうえおかきくけこ', municipality: null });
    expect(response.status).toBe(200);
    const { rows } = (await response.json()) as { rows: Array<{ question: string; intent: string; answered: boolean; topHit: { title: string } | null; replySnippet: string; replyText: string }> };
    expect(rows.map((row) => row.question)).toEqual(['RPAとは', '児童手当の現況届はオンラインで出せますか', 'あいうえおかきくけこ']);
    expect(rows[0]).toMatchObject({ intent: 'definition', answered: true, topHit: { title: 'RPA' } });
    expect(rows[1]).toMatchObject({ intent: 'procedure', answered: true });
    expect(rows[2]?.answered).toBe(false);
    const engine = await engineForTests();
    expect(rows[1]?.topHit).toEqual(engine.ask('児童手当の現況届はオンラインで出せますか').hits[0]);
    for (const row of rows) {
      expect([...row.replySnippet].length).toBeLessThanOrEqual(81);
      expect(row.replySnippet).not.toMatch(/\n/);
    }
  });

  it('asks as a person of the chosen city', async () => {
    const { rows } = (await (await postJson('batch', { questions: '児童手当の現況届はオンラインで出せますか', municipality: '鹿屋市' })).json()) as { rows: Array<{ municipality: string }> };
    expect(rows[0]?.municipality).toBe('鹿屋市');
  });

  it('refuses an empty list, too many questions and an unknown city with 400', async () => {
    const empty = await postJson('batch', { questions: '\n \n' });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: string }).error).toContain('質問が入力されていません');
    const tooMany = Array.from({ length: MAX_BATCH_QUESTIONS + 1 }, (_, index) => `質問${index}`).join('\n');
    expect((await postJson('batch', { questions: tooMany })).status).toBe(400);
    expect((await postJson('batch', { questions: 'RPAとは', municipality: '東京都' })).status).toBe(400);
  });

  it('downloads as CSV with a BOM, a header and quoted multi-line replies', async () => {
    const response = await postJson('batch.csv', { questions: 'RPAとは\n"引用"とは' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(csv.startsWith('\uFEFF質問,意図,回答できた,')).toBe(true);
    // The reply spans lines, so it is quoted; the question's own quotes are doubled.
    expect(csv).toContain('RPAとは,definition,はい,');
    expect(csv).toMatch(/,"【RPAとは】\n/);
    expect(csv).toContain('\r\n"""引用""とは",');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('lowdb store', () => {
  it("keeps a persona's city across restarts, though the channel secret changes", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'dx-navi-simulator-'));
    try {
      const first = await startTestSimulator({ memory: false, dataDir });
      await sendEvents({ endpoint: `${first.baseUrl}/webhook`, destination: first.channel.botUserId, channelSecret: first.channel.secret, events: [followEvent(persona.userId)] });
      await chooseCity(first, persona.userId, '薩摩川内市');
      const firstSecret = first.channel.secret;
      await first.close();

      const second = await startTestSimulator({ memory: false, dataDir });
      try {
        expect(second.channel.secret).not.toBe(firstSecret);
        const response = await fetch(`${second.baseUrl}/simulator/api/municipality?userId=${persona.userId}`);
        expect(await response.json()).toEqual({ municipality: '薩摩川内市' });
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
