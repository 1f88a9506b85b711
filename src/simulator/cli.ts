/**
 * `npm run simulate`: the simulator from a terminal. Starts the real webhook app against the
 * Messaging API stand-in (as `npm run simulator` does, with a throwaway secret and nothing
 * stored), sends each message as a signed LINE webhook event from one resident, and prints what
 * the bot sent back to LINE. Unlike `npm run ask`, which calls the engine, this goes through
 * everything a real message goes through: signature, event routing, storage, message building.
 *
 *   npm run simulate -- "児童手当の現況届はオンラインで出せますか"
 *   npm run simulate -- --municipality 鹿屋市 "オンライン申請件数の目標は"   # chooses a city first
 *   npm run simulate -- --follow                                          # the welcome a new friend gets
 *   npm run --silent simulate -- --json "RPAとは"                          # the reply requests as JSON lines
 *   printf 'RPAとは\nスマホで住民票は取れる？\n' | npm run --silent simulate   # one resident, line by line
 */
import '../cli/quiet-broken-pipe.js';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { municipalitySchema } from '../knowledge/schema.js';
import { memoryLogger } from '../logging/logger.js';
import { encodePostback } from '../line/postback-data.js';
import { lineMessagesAsText } from './line-message-text.js';
import { followEvent, newUserId, postbackEvent, sendEvents, textMessageEvent } from './public/webhook-events.js';
import { startSimulator } from './start-simulator.js';

const USAGE = 'usage: npm run simulate -- [--municipality 鹿屋市] [--follow] [--json] "質問" …   (or questions on stdin, one a line)';

let values: { municipality?: string; follow: boolean; json: boolean; help: boolean };
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: { municipality: { type: 'string' }, follow: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const municipality = values.municipality === undefined ? undefined : municipalitySchema.safeParse(values.municipality);
if (municipality && !municipality.success) {
  console.error(`--municipality must be one of: ${municipalitySchema.options.join(', ')}`);
  process.exit(2);
}

// The app's own logs would drown the conversation; failures are reported below instead.
const logger = memoryLogger();
const simulator = await startSimulator({ port: 0, memory: true, logger });
const userId = newUserId();
let failed = false;

/** Sends one event as LINE would and prints the reply it got, if any. */
async function deliver(label: string, event: { replyToken?: string }): Promise<void> {
  const response = await sendEvents({ endpoint: `${simulator.baseUrl}/webhook`, destination: simulator.channel.botUserId, channelSecret: simulator.channel.secret, events: [event] });
  if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);
  await simulator.idle();
  const reply = simulator.stub.replies().find((sent) => sent.replyToken === event.replyToken);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ sent: label, reply: reply?.messages ?? null })}\n`);
    return;
  }
  process.stdout.write(`> ${label}\n${reply ? lineMessagesAsText(reply.messages) : '(返信なし)'}\n\n`);
  if (!reply) failed = true;
}

async function run(): Promise<void> {
  if (values.follow) await deliver('（友だち追加）', followEvent(userId));
  if (municipality?.success) await deliver(`（${municipality.data}を選択）`, postbackEvent(userId, encodePostback({ action: 'municipality', value: municipality.data })));
  if (positionals.length > 0) {
    for (const text of positionals) await deliver(text, textMessageEvent(userId, text));
  } else if (!process.stdin.isTTY) {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) if (line.trim() !== '') await deliver(line, textMessageEvent(userId, line));
  } else if (!values.follow && !municipality) {
    console.error(USAGE);
    process.exitCode = 2;
  }
  for (const line of logger.lines.filter((entry) => entry.level === 'error')) {
    failed = true;
    console.error(`error: ${line.message} ${JSON.stringify(line.fields)}`);
  }
}

try {
  await run();
} finally {
  await simulator.close();
}
if (failed) process.exitCode = 1;
