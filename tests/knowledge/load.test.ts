import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge, problemsWithReplaced } from '../../src/knowledge/load.js';
import { ParsedYamlMemo } from '../../src/knowledge/parsed-yaml-memo.js';

const VALID = fileURLToPath(new URL('../fixtures/knowledge/valid/', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dx-load-'));
  await cp(VALID, dir, { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function snapshot(root: string): Promise<Record<string, string>> {
  const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  return Object.fromEntries(await Promise.all(files.map(async (entry) => [path.join(entry.parentPath, entry.name), await readFile(path.join(entry.parentPath, entry.name), 'utf8')] as const)));
}

describe('loadKnowledge with files replaced', () => {
  it('reads the replacement instead of the file, and a new file where there is none, writing nothing', async () => {
    const before = await snapshot(dir);
    const rpa = (await readFile(path.join(dir, 'glossary', 'rpa.yaml'), 'utf8')).replace('aliases: [ロボティック・プロセス・オートメーション]', 'aliases: [ロボティック・プロセス・オートメーション, ソフトロボ]');
    const bpr = 'id: bpr\nterm: BPR\nreading: びーぴーあーる\ndefinitions:\n  - municipality: 鹿屋市\n    text: 業務の流れを見直すこと\n    source: { plan: plan-kanoya, section: 第2章 }\n';
    const result = await loadKnowledge(dir, undefined, new Map([['glossary/rpa.yaml', rpa], ['glossary/bpr.yaml', bpr]]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.knowledge.glossary.find((entry) => entry.id === 'rpa')?.aliases).toContain('ソフトロボ');
    expect(result.knowledge.glossary.map((entry) => entry.id)).toContain('bpr');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('reports what a replacement would break, in the replaced file', async () => {
    const problems = await problemsWithReplaced(dir, new Map([['glossary/ai.yaml', 'id: ai\nterm: AI\nreading: えーあい\ndefinitions: []\n']]));
    // The entry itself, and what refers to it elsewhere (an invalid entry is left out).
    expect(problems).toEqual([
      expect.objectContaining({ file: 'glossary/ai.yaml', id: 'ai', field: 'definitions' }),
      expect.objectContaining({ file: 'glossary/rpa.yaml', id: 'rpa', field: 'related.0' }),
    ]);
    expect(await problemsWithReplaced(dir, new Map())).toEqual([]);
  });

  it('checks a replacement against the size limit by its own length, not the file on disk', async () => {
    const big = `# ${'あ'.repeat(400)}\n${await readFile(path.join(dir, 'glossary', 'ai.yaml'), 'utf8')}`;
    const result = await loadKnowledge(dir, { maxFileBytes: 1000, maxTotalBytes: 1_000_000 }, new Map([['glossary/ai.yaml', big]]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ file: 'glossary/ai.yaml', message: expect.stringContaining('over the limit') })]);
  });

  it('leaves out dot-files (editors’ and our own temp files)', async () => {
    await writeFile(path.join(dir, 'glossary', '.rpa.yaml'), 'not: [valid', 'utf8');
    try {
      expect((await loadKnowledge(dir)).ok).toBe(true);
    } finally {
      await rm(path.join(dir, 'glossary', '.rpa.yaml'));
    }
  });
});

describe('ParsedYamlMemo', () => {
  it('gives each caller its own copy of data parsed once', () => {
    const memo = new ParsedYamlMemo();
    memo.beginLoad();
    const first = memo.parse('a: [1, 2]\n') as { a: number[] };
    first.a.push(3);
    const second = memo.parse('a: [1, 2]\n') as { a: number[] };
    expect(second).toEqual({ a: [1, 2] });
    expect(second).not.toBe(first);
  });

  it('throws for invalid YAML every time, remembering nothing', () => {
    const memo = new ParsedYamlMemo();
    memo.beginLoad();
    expect(() => memo.parse('a: 1\na: 2\n')).toThrow();
    expect(() => memo.parse('a: 1\na: 2\n')).toThrow();
  });
});
