/**
 * `npm run ask -- "質問"` prints the reply as a person would read it;
 * `npm run --silent ask -- --jsonl < questions.txt` prints one JSON object a line (the contract in
 * ../shared/eval/README.md); `--municipality 鹿屋市` sets the asking person's municipality.
 */
import './quiet-broken-pipe.js';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createAnswerEngine } from '../engine/create-engine.js';
import { replyText } from '../engine/reply-text.js';
import { toAskResult } from '../eval/ask-result.js';
import { municipalitySchema, type Municipality } from '../knowledge/schema.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { jsonl: { type: 'boolean', default: false }, municipality: { type: 'string' }, json: { type: 'boolean', default: false } },
});

let municipality: Municipality | null = null;
if (values.municipality !== undefined) {
  const parsed = municipalitySchema.safeParse(values.municipality);
  if (!parsed.success) {
    console.error(`--municipality must be one of: ${municipalitySchema.options.join(', ')}`);
    process.exit(2);
  }
  municipality = parsed.data;
}

const engine = await createAnswerEngine();

if (values.jsonl) {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    // The contract is one output line per input line, in order, so blank lines are answered too.
    process.stdout.write(`${JSON.stringify(toAskResult(engine.ask(line, { municipality })))}\n`);
  }
} else {
  const question = positionals.join(' ').trim();
  if (question.length === 0) {
    console.error('usage: npm run ask -- "質問" [--municipality 鹿屋市] [--json] | --jsonl < questions.txt');
    process.exit(2);
  }
  const answer = engine.ask(question, { municipality });
  if (values.json) {
    console.log(JSON.stringify(toAskResult(answer), null, 2));
  } else {
    console.log(replyText(answer));
    if (answer.quickReplies.length > 0) console.log(`\n［${answer.quickReplies.map((reply) => reply.label).join('］［')}］`);
  }
}
