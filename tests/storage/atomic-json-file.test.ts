import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AtomicJsonFile, CorruptJsonFileError } from '../../src/storage/atomic-json-file.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const adapterUrl = pathToFileURL(path.join(projectRoot, 'src/storage/atomic-json-file.ts')).href;
const made: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dx-atomic-'));
  made.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

interface Doc {
  n: number;
  items: string[];
}

describe('AtomicJsonFile', () => {
  it('reads null when the file does not exist', async () => {
    const file = path.join(await tempDir(), 'data.json');
    expect(await new AtomicJsonFile<Doc>(file).read()).toBeNull();
  });

  it('writes JSON that reads back, leaving no temp file behind', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'data.json');
    const adapter = new AtomicJsonFile<Doc>(file);
    await adapter.write({ n: 1, items: ['申請', 'オンライン'] });
    await adapter.write({ n: 2, items: ['罹災証明書'] });
    expect(await adapter.read()).toEqual({ n: 2, items: ['罹災証明書'] });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ n: 2, items: ['罹災証明書'] });
    expect(await readdir(dir)).toEqual(['data.json']);
  });

  it('lands overlapping writes in call order, each with the data as it was when called', async () => {
    const file = path.join(await tempDir(), 'data.json');
    const adapter = new AtomicJsonFile<Doc>(file);
    const doc: Doc = { n: 0, items: [] };
    const writes: Array<Promise<void>> = [];
    for (let n = 1; n <= 10; n++) {
      doc.n = n;
      doc.items.push(String(n));
      writes.push(adapter.write(doc));
    }
    const first = writes[0];
    await first;
    const afterFirst = await adapter.read();
    expect(afterFirst?.n).toBeGreaterThanOrEqual(1);
    await Promise.all(writes);
    expect(await adapter.read()).toEqual({ n: 10, items: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] });
  });

  it('reports a file that is not JSON as corrupt, naming it', async () => {
    const file = path.join(await tempDir(), 'data.json');
    await writeFile(file, '{"n": 1, "items": [');
    const read = new AtomicJsonFile<Doc>(file).read();
    await expect(read).rejects.toBeInstanceOf(CorruptJsonFileError);
    await expect(read).rejects.toMatchObject({ file });
  });

  it('rejects a failed write, removes its temp file, and keeps writing afterwards', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'data.json');
    await mkdir(file);
    const adapter = new AtomicJsonFile<Doc>(file);
    await expect(adapter.write({ n: 1, items: [] })).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['data.json']);
    await rm(file, { recursive: true });
    await adapter.write({ n: 2, items: [] });
    expect(await adapter.read()).toEqual({ n: 2, items: [] });
  });

  it.skipIf(process.platform === 'win32')('keeps the file private to its owner', async () => {
    const file = path.join(await tempDir(), 'data.json');
    await new AtomicJsonFile<Doc>(file).write({ n: 1, items: [] });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('leaves valid JSON when the writing process is killed with SIGKILL mid-write', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'data.json');
    // Big enough that a kill often lands inside a write rather than between writes.
    const writer = `
      import { AtomicJsonFile } from ${JSON.stringify(adapterUrl)};
      const adapter = new AtomicJsonFile(process.argv[1]);
      const items = Array.from({ length: 5000 }, (_, i) => 'マイナンバーカード申請 ' + i);
      for (let n = 0; ; n++) {
        await adapter.write({ n, items });
        if (n === 0) process.stdout.write('ready\\n');
      }
    `;
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', writer, file], {
        cwd: projectRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = once(child, 'exit');
      await once(child.stdout, 'data');
      // Vary how long the writer runs so the kills land at different points of the write cycle.
      await sleep(5 + round * 17);
      child.kill('SIGKILL');
      const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
      expect(signal).toBe('SIGKILL');
      const doc = JSON.parse(await readFile(file, 'utf8')) as Doc;
      expect(Number.isInteger(doc.n)).toBe(true);
      expect(doc.items).toHaveLength(5000);
      expect(doc.items[4999]).toBe('マイナンバーカード申請 4999');
    }
    // A temp orphaned by the kill is reused by the next write, not left to pile up.
    const adapter = new AtomicJsonFile<Doc>(file);
    await adapter.write({ n: -1, items: [] });
    expect(await readdir(dir)).toEqual(['data.json']);
  });
});
