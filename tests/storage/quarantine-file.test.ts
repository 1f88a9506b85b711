import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { quarantineFile } from '../../src/storage/quarantine-file.js';

const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('quarantineFile', () => {
  it('renames the file to <file>.corrupt-<timestamp>, keeping every byte', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dx-quarantine-'));
    made.push(dir);
    const file = path.join(dir, 'dx-navi.json');
    await writeFile(file, '{"version":1,"logs":[');
    const aside = await quarantineFile(file, new Date('2025-04-01T09:30:00.123Z'));
    expect(aside).toBe(`${file}.corrupt-2025-04-01T09-30-00-123Z`);
    expect(await readdir(dir)).toEqual(['dx-navi.json.corrupt-2025-04-01T09-30-00-123Z']);
    expect(await readFile(aside, 'utf8')).toBe('{"version":1,"logs":[');
  });
});
