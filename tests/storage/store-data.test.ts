import { describe, expect, it } from 'vitest';
import {
  emptyStoreData,
  parseStoreData,
  STORE_DATA_VERSION,
  UnrecognisedStoreDataError,
  UnsupportedStoreVersionError,
} from '../../src/storage/store-data.js';

describe('emptyStoreData', () => {
  it('is a valid document at the current version, fresh on every call', () => {
    const data = emptyStoreData();
    expect(data.version).toBe(STORE_DATA_VERSION);
    expect(parseStoreData(data)).toBe(data);
    data.logs.push({ at: '', userKey: '', sourceType: 'user', text: '', intent: '', answered: true, entryId: null, municipality: null });
    expect(emptyStoreData().logs).toEqual([]);
  });
});

describe('parseStoreData', () => {
  it('accepts a document read back from JSON', () => {
    const data = JSON.parse(JSON.stringify(emptyStoreData())) as unknown;
    expect(parseStoreData(data)).toEqual(emptyStoreData());
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', []],
    ['a string', 'dx-navi'],
    ['no version', { claimedEvents: {}, municipalities: {}, logs: [], feedback: [] }],
    ['an unknown older version', { ...emptyStoreData(), version: 0 }],
    ['logs that are not a list', { ...emptyStoreData(), logs: {} }],
    ['claims that are not an object', { ...emptyStoreData(), claimedEvents: [] }],
    ['missing feedback', { version: 1, claimedEvents: {}, municipalities: {}, logs: [] }],
  ])('calls %s unrecognised', (_label, value) => {
    expect(() => parseStoreData(value)).toThrow(UnrecognisedStoreDataError);
  });

  it('refuses a document from a newer program, naming its version', () => {
    const newer = { ...emptyStoreData(), version: STORE_DATA_VERSION + 1 };
    expect(() => parseStoreData(newer)).toThrow(UnsupportedStoreVersionError);
    expect(() => parseStoreData(newer)).toThrow(`version ${STORE_DATA_VERSION + 1}`);
  });
});
