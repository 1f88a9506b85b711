/**
 * `npm run line-stub`: the local stand-in of LINE's Messaging API on its own, for trying a command
 * that talks to LINE (npm run richmenu -- --apply) without touching the real platform.
 *   npm run line-stub                 # http://127.0.0.1:4010 (LINE_STUB_PORT changes the port)
 */
import { startMessagingApiStub } from './messaging-api-stub.js';

const rawPort = process.env.LINE_STUB_PORT?.trim() || '4010';
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`line-stub: LINE_STUB_PORT must be a whole number from 0 to 65535, got "${rawPort}"`);
  process.exit(1);
}
const stub = await startMessagingApiStub({ port });
stub.onRequest((request) => console.log(`${request.method} ${request.path}`));
console.log(`LINE Messaging API stand-in: ${stub.url} (use it as LINE_API_BASE_URL and LINE_API_DATA_BASE_URL; Ctrl+C ends it)`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void stub.close().then(() => process.exit(0));
  });
}
