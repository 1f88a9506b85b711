/**
 * What a client can hold on the real HTTP server: an endless chunked upload, a trickled body, an
 * idle connection, more connections than the cap. Driven over raw sockets, because an HTTP client
 * library would finish or time out requests on its own terms.
 */
import type { Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/logging/logger.js';
import { createApp } from '../../src/server/app.js';
import { DEFAULT_HTTP_LIMITS, listenWithLimits, type HttpLimits } from '../../src/server/http-server.js';
import { LINGER_MAX_BYTES } from '../../src/server/raw-body.js';
import { openStore } from '../../src/storage/open-store.js';

const LIMIT = 64 * 1024;
const MB = 1024 * 1024;

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** The real app on a real port; no event gets as far as the engine here. */
async function start(limits: Partial<HttpLimits> = {}): Promise<number> {
  const store = await openStore({ kind: 'memory' });
  const { app } = createApp({
    deps: {
      engine: () => {
        throw new Error('no event should reach the engine in these tests');
      },
      store,
      line: { reply: async () => {}, push: async () => {}, showLoading: async () => {} } as never,
      logger: memoryLogger(),
      userHashSalt: 'salt',
      defaultMunicipality: null,
    },
    channelSecret: 'secret',
    maxBodyBytes: LIMIT,
  });
  server = await listenWithLimits(app, 0, '127.0.0.1', { ...DEFAULT_HTTP_LIMITS, ...limits });
  return (server.address() as AddressInfo).port;
}

interface Connection {
  socket: net.Socket;
  /** Everything the server sent. */
  received: () => string;
  /** Resolves with the time it closed, in ms since connecting. */
  closed: Promise<number>;
}

async function connect(port: number): Promise<Connection> {
  const socket = net.connect(port, '127.0.0.1');
  const started = Date.now();
  let received = '';
  socket.setEncoding('latin1').on('data', (chunk: string) => (received += chunk));
  // A reset is a close too: the server is allowed to cut a refused upload hard.
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return { socket, received: () => received, closed };
}

describe('a chunked body without Content-Length', () => {
  it('is cut off with 413 and a closed connection as soon as it passes the limit', async () => {
    const port = await start();
    const { socket, received, closed } = await connect(port);
    socket.write('POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nX-Line-Signature: x\r\n\r\n');
    const piece = Buffer.alloc(16 * 1024, 'x');
    const chunk = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
    let sent = 0;
    let open = true;
    void closed.then(() => (open = false));
    // An endless upload: only the server can end it. A server that reads to the end never does,
    // and the bound below fails it long before the test's timeout.
    const bound = 96 * MB;
    while (open && sent < bound) {
      if (!socket.write(chunk)) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), closed, new Promise((resolve) => setTimeout(resolve, 200))]);
      sent += chunk.length;
    }
    const closedAfter = await Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 3000))]);
    expect(closedAfter, `still open after ${sent} bytes sent`).toBeGreaterThan(0);
    // The limit, what the server discards while its answer goes out (a bounded lingering close),
    // and what socket buffers on both sides hold.
    expect(sent).toBeLessThan(LIMIT + LINGER_MAX_BYTES + 8 * MB);
    expect(received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(received()).toMatch(/\r\nconnection: close\r\n/i);
  });

  it('under the limit is read whole and checked as usual', async () => {
    const port = await start();
    const { socket, received, closed } = await connect(port);
    socket.write('POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nX-Line-Signature: forged\r\nConnection: close\r\n\r\n');
    socket.write('4\r\n{"ev\r\n9\r\nents":[]}\r\n0\r\n\r\n');
    await closed;
    // The whole body arrived: the signature was checked against it and refused.
    expect(received()).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('labelled as compressed is refused (415) without being inflated', async () => {
    const port = await start();
    const { socket, received, closed } = await connect(port);
    socket.write('POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\nX-Line-Signature: x\r\n\r\nabcd');
    await closed;
    expect(received()).toMatch(/^HTTP\/1\.1 415 /);
  });
});

describe('slow and idle clients', () => {
  it('a body trickled a byte at a time gets 408 and the connection is closed at the request timeout', async () => {
    const port = await start({ requestTimeoutMs: 1_000, headersTimeoutMs: 1_000, timeoutCheckIntervalMs: 100 });
    const { socket, received, closed } = await connect(port);
    socket.write('POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\nX-Line-Signature: x\r\n\r\n');
    const trickle = setInterval(() => socket.writable && socket.write('x'), 100);
    try {
      const closedAfter = await closed;
      expect(closedAfter).toBeLessThan(3_000);
    } finally {
      clearInterval(trickle);
    }
    expect(received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('headers that never finish are cut off at the headers timeout', async () => {
    const port = await start({ requestTimeoutMs: 2_000, headersTimeoutMs: 500, timeoutCheckIntervalMs: 100 });
    const { socket, closed } = await connect(port);
    socket.write('POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const trickle = setInterval(() => socket.writable && socket.write('X-A: b\r\n'), 100);
    try {
      expect(await closed).toBeLessThan(1_800);
    } finally {
      clearInterval(trickle);
    }
  });

  it('refuses connections past the cap and accepts again once one closes', async () => {
    const port = await start({ maxConnections: 2 });
    const first = await connect(port);
    const second = await connect(port);
    // Each must be counted by the server before the next one arrives.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const third = await connect(port);
    expect(await Promise.race([third.closed, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 2000))])).toBeGreaterThan(-1);
    expect(first.socket.destroyed || second.socket.destroyed).toBe(false);

    first.socket.destroy();
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fourth = await connect(port);
    fourth.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    await fourth.closed;
    expect(fourth.received()).toMatch(/^HTTP\/1\.1 200 /);
    second.socket.destroy();
  });
});
