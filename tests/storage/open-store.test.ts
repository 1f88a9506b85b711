import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, STORE_FILE_NAME } from '../../src/storage/open-store.js';
import type { StoreData } from '../../src/storage/store-data.js';

const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('openStore', () => {
  it('keeps a lowdb store in <dir>/dx-navi.json, creating the directory', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dx-open-'));
    made.push(root);
    const dir = path.join(root, 'data', 'nested');
    const store = await openStore({ kind: 'lowdb', dir });
    await store.setMunicipality('alice', '垂水市');
    await store.close();

    expect(STORE_FILE_NAME).toBe('dx-navi.json');
    expect(await readdir(dir)).toEqual(['dx-navi.json']);
    const onDisk = JSON.parse(await readFile(path.join(dir, 'dx-navi.json'), 'utf8')) as StoreData;
    expect(onDisk.municipalities).toEqual({ alice: '垂水市' });

    const reopened = await openStore({ kind: 'lowdb', dir });
    expect(await reopened.getMunicipality('alice')).toBe('垂水市');
    await reopened.close();
  });

  it('passes the event TTL on', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dx-open-'));
    made.push(root);
    const t0 = new Date('2025-04-01T00:00:00Z');
    const later = new Date(t0.getTime() + 1000);
    for (const store of [await openStore({ kind: 'memory', eventTtlMs: 1000 }), await openStore({ kind: 'lowdb', dir: root, eventTtlMs: 1000 })]) {
      expect(await store.claimEvent('01HTTL', t0)).toBe(true);
      expect(await store.claimEvent('01HTTL', later)).toBe(true);
      await store.close();
    }
  });

  it('opens a throwaway memory store that forgets everything on close', async () => {
    const store = await openStore({ kind: 'memory' });
    await store.setMunicipality('alice', '鹿屋市');
    expect(await store.getMunicipality('alice')).toBe('鹿屋市');
    await store.close();
    const reopened = await openStore({ kind: 'memory' });
    expect(await reopened.getMunicipality('alice')).toBeNull();
    await reopened.close();
  });
});
