import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchKnowledge, type KnowledgeWatch } from '../../src/admin/knowledge-watch.js';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchKnowledge', () => {
  let dir: string;
  let watch: KnowledgeWatch | undefined;
  afterEach(async () => {
    watch?.close();
    watch = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function watched(): Promise<{ calls: () => number }> {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dx-watch-'));
    await mkdir(path.join(dir, 'glossary'));
    await writeFile(path.join(dir, 'glossary', 'a.yaml'), 'id: a\n');
    let count = 0;
    watch = watchKnowledge(dir, () => (count += 1), { debounceMs: 80 });
    await settle(50);
    return { calls: () => count };
  }

  it('calls once after a burst of changes to YAML in a folder, once the burst is over', async () => {
    const { calls } = await watched();
    for (let index = 0; index < 5; index += 1) {
      await writeFile(path.join(dir, 'glossary', 'a.yaml'), `id: a\n# ${index}\n`);
      await settle(10);
    }
    expect(calls()).toBe(0);
    await expect.poll(calls, { timeout: 2000 }).toBe(1);
    await settle(200);
    expect(calls()).toBe(1);
  });

  it('notices a new file at the top level too', async () => {
    const { calls } = await watched();
    await writeFile(path.join(dir, 'synonyms.yaml'), '[]\n');
    await expect.poll(calls, { timeout: 2000 }).toBe(1);
  });

  it('ignores files that are not YAML, such as temp files', async () => {
    const { calls } = await watched();
    await writeFile(path.join(dir, 'glossary', '.a.yaml.1234.tmp'), 'partial');
    await writeFile(path.join(dir, 'notes.txt'), 'x');
    await settle(300);
    expect(calls()).toBe(0);
  });

  it('stops calling once closed, even for a change already pending', async () => {
    const { calls } = await watched();
    await writeFile(path.join(dir, 'glossary', 'a.yaml'), 'id: a\n# changed\n');
    await settle(20);
    watch?.close();
    await settle(300);
    expect(calls()).toBe(0);
  });
});
