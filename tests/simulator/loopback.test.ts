/**
 * The simulator prints http://localhost:PORT/simulator/; whichever loopback address localhost
 * resolves to (127.0.0.1 or ::1), the page must answer there.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestSimulator } from './simulator-fixture.js';

let simulator: Awaited<ReturnType<typeof startTestSimulator>>;
beforeAll(async () => {
  simulator = await startTestSimulator();
});
afterAll(async () => {
  await simulator?.close();
});

/** Whether this machine has an IPv6 loopback to listen on. */
async function hasIpv6Loopback(): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}

it('answers the printed localhost URL on 127.0.0.1 and on ::1', async () => {
  const port = new URL(simulator.url).port;
  expect(new URL(simulator.url).hostname).toBe('localhost');
  expect((await fetch(`http://127.0.0.1:${port}/simulator/`)).status).toBe(200);
  if (await hasIpv6Loopback()) expect((await fetch(`http://[::1]:${port}/simulator/`)).status).toBe(200);
  else console.warn('no IPv6 loopback on this machine: the ::1 check is skipped');
  expect((await fetch(`${simulator.url}`)).status).toBe(200);
});
