/**
 * The dictionary loader's token output against stock kuromoji, and where its cache lives.
 * The cache's behaviour is in tests/faults/kuromoji-cache.test.ts; every kind of damage to it in
 * tests/faults/kuromoji-cache-damage.test.ts.
 */
import path from 'node:path';
import type { IpadicFeatures, Tokenizer } from 'kuromoji';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cacheDirectory } from '../../src/text/cache-directory.js';
import { loadIpadicTokenizer } from '../../src/text/kuromoji-dictionary.js';
import { DIC_PATH, useStockKuromoji, expectSameTokensAsStock, FUZZ, KNOWLEDGE, LONG, outcome, projectRoot, PROSE, scratch, stock, STOCK_THROWS, TRICKY } from './kuromoji-harness.js';

useStockKuromoji();

// Tens of thousands of strings tokenized twice: seconds alone, more on a shared machine.
describe('token output', { timeout: 60_000 }, () => {
  let inMemory: Tokenizer<IpadicFeatures>;
  let fromCache: Tokenizer<IpadicFeatures>;

  beforeAll(() => {
    // What the server does with DX_NAVI_CACHE_DIR=off.
    const off = cacheDirectory({ DX_NAVI_CACHE_DIR: 'off' });
    expect(off).toBeNull();
    inMemory = loadIpadicTokenizer(DIC_PATH, off);
    const root = path.join(scratch, 'tokens');
    loadIpadicTokenizer(DIC_PATH, root);
    // The second load reads the files the first one wrote: trimmed, then padded back with zeros.
    fromCache = loadIpadicTokenizer(DIC_PATH, root);
  });

  it('draws on a real corpus', () => {
    expect(KNOWLEDGE.length).toBeGreaterThan(1_000);
    expect(PROSE.length).toBeGreaterThan(5_000);
    expect(LONG[0]).toHaveLength(5_000);
    expect(LONG[1]).toHaveLength(5_000);
    expect(LONG[1]).not.toMatch(/[、。]/);
  });

  it('stock kuromoji throws on NUL and lone high surrogates', () => {
    for (const text of STOCK_THROWS) expect(outcome(stock, text), JSON.stringify(text)).toEqual({ threw: true });
    expect(TRICKY.filter((text) => 'threw' in outcome(stock, text))).toEqual(STOCK_THROWS);
  });

  describe.each([
    ['built in memory', () => inMemory],
    ['read from the cache', () => fromCache],
  ])('with the dictionary %s', (_, tokenizer) => {
    it('matches stock kuromoji on every string in knowledge/', () => {
      expectSameTokensAsStock(tokenizer(), KNOWLEDGE);
    });

    it('matches stock kuromoji on edge cases', () => {
      expectSameTokensAsStock(tokenizer(), TRICKY);
    });

    it('matches stock kuromoji on long texts', () => {
      expectSameTokensAsStock(tokenizer(), LONG);
    });

    it('matches stock kuromoji on random mixed-script text', () => {
      expectSameTokensAsStock(tokenizer(), FUZZ);
    });

    it('matches stock kuromoji on many sentences in one input', () => {
      // word_position keeps counting across sentences.
      expectSameTokensAsStock(tokenizer(), [PROSE.slice(0, 30_000)]);
    });
  });
});

// --- Cache ----------------------------------------------------------------------------------------

// --- cacheDirectory -------------------------------------------------------------------------------

describe('cacheDirectory', () => {
  const defaultDir = path.join(projectRoot, 'node_modules', '.cache', 'dx-navi');

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('defaults to node_modules/.cache/dx-navi under the project, wherever the process runs', () => {
    expect(cacheDirectory({})).toBe(defaultDir);
    expect(path.isAbsolute(defaultDir)).toBe(true);
  });

  it.each(['', '   ', '\t\n'])('treats a blank DX_NAVI_CACHE_DIR (%j) as unset', (value) => {
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: value })).toBe(defaultDir);
  });

  it.each(['off', 'OFF', 'Off', ' off ', 'off\n'])('turns caching off for DX_NAVI_CACHE_DIR=%j', (value) => {
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: value })).toBeNull();
  });

  it('uses an absolute DX_NAVI_CACHE_DIR, normalised and trimmed', () => {
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: '/var/cache/dx-navi' })).toBe('/var/cache/dx-navi');
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: ' /var/cache/x/../dx-navi/ ' })).toBe('/var/cache/dx-navi');
  });

  it('resolves a relative DX_NAVI_CACHE_DIR against the working directory', () => {
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: '.cache/dx' })).toBe(path.resolve(process.cwd(), '.cache/dx'));
    // A directory merely named like the switch is still a directory.
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: './off' })).toBe(path.resolve(process.cwd(), 'off'));
    expect(cacheDirectory({ DX_NAVI_CACHE_DIR: 'offline' })).toBe(path.resolve(process.cwd(), 'offline'));
  });

  it('reads process.env when given no environment', () => {
    vi.stubEnv('DX_NAVI_CACHE_DIR', 'off');
    expect(cacheDirectory()).toBeNull();
    vi.stubEnv('DX_NAVI_CACHE_DIR', '/tmp/dx-navi-cache');
    expect(cacheDirectory()).toBe('/tmp/dx-navi-cache');
    vi.stubEnv('DX_NAVI_CACHE_DIR', undefined);
    expect(cacheDirectory()).toBe(defaultDir);
  });
});

