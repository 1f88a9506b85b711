import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../src/storage/lowdb-store.js';
import { runProgram } from '../support/run-program.js';

const recover = (args: string[]) => runProgram('src/cli/data-recover.ts', args);

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

// Each test has its own data directory: the runs overlap.
describe.concurrent('npm run data:recover', { timeout: 60_000 }, () => {
  it('says why a damaged file cannot be recovered; with --start-empty moves it aside so the store opens', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dx-recover-'));
    made.push(dir);
    const file = path.join(dir, 'dx-navi.json');
    await writeFile(file, '\0\0\0\0');

    const refused = await recover(['--data-dir', dir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('is damaged');
    expect(refused.stderr).toContain('--start-empty');
    expect(refused.stderr).not.toContain('    at ');
    expect(await readFile(file, 'utf8')).toBe('\0\0\0\0');

    const emptied = await recover(['--data-dir', dir, '--start-empty']);
    expect(emptied.status, emptied.stderr).toBe(0);
    expect(emptied.stdout).toContain('starts without remembered cities');
    const aside = (await readdir(dir)).filter((name) => name.startsWith('dx-navi.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(dir, aside[0]!), 'utf8')).toBe('\0\0\0\0');
    const store = await openLowdbStore(file, { warn: () => {} });
    expect(await store.getMunicipality('alice')).toBeNull();
    await store.close();
  });

  it('recovers from the previous copy when there is one, and says so', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dx-recover-'));
    made.push(dir);
    const file = path.join(dir, 'dx-navi.json');
    const store = await openLowdbStore(file, { warn: () => {} });
    await store.setMunicipality('alice', '鹿屋市');
    await store.setMunicipality('bob', '垂水市');
    await store.close();
    await writeFile(file, '{"version":3,"munic');
    const run = await recover(['--data-dir', dir]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('recovered 1 remembered cities from its previous copy');
  });
});
