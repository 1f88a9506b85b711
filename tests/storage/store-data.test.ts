import { describe, expect, it } from 'vitest';
import {
  claimsOf,
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
    expect(parseStoreData(data)).toEqual(data);
    data.municipalities.alice = '鹿屋市';
    expect(emptyStoreData().municipalities).toEqual({});
  });

  it('holds no logs, feedback or claims: those live in day files and the claim journal', () => {
    expect(Object.keys(emptyStoreData()).sort()).toEqual(['municipalities', 'version']);
  });

  it('keys municipalities in an object without a prototype, so any key from outside is stored as given', () => {
    const data = parseStoreData(JSON.parse('{"version":3,"municipalities":{"__proto__":"鹿屋市"}}'));
    expect(Object.getPrototypeOf(data.municipalities)).toBeNull();
    expect(Object.keys(data.municipalities)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(data)).municipalities).toEqual(JSON.parse('{"__proto__":"鹿屋市"}'));
  });
});

describe('parseStoreData', () => {
  it('accepts a document read back from JSON', () => {
    const data = JSON.parse(JSON.stringify(emptyStoreData())) as unknown;
    expect(parseStoreData(data)).toEqual(emptyStoreData());
  });

  it('accepts a version-1 document, logs and feedback included, for migration', () => {
    const v1 = { version: 1, claimedEvents: { '01H': '2025-04-01T00:00:00.000Z' }, municipalities: {}, logs: [], feedback: [] };
    expect(parseStoreData(JSON.parse(JSON.stringify(v1)))).toEqual(v1);
  });

  it('accepts a version-2 document, claims included, for migration; its claims read as times', () => {
    const v2 = { version: 2, claimedEvents: { '01H': '2025-04-01T00:00:00.000Z', '01HBAD': 'yesterday' }, municipalities: { alice: '鹿屋市' } };
    const parsed = parseStoreData(JSON.parse(JSON.stringify(v2)));
    expect(parsed).toEqual(v2);
    expect(claimsOf(parsed)).toEqual(new Map([['01H', Date.parse('2025-04-01T00:00:00.000Z')]]));
  });

  it('keeps only the known keys of a current document', () => {
    expect(parseStoreData({ ...emptyStoreData(), logs: [{}] })).toEqual(emptyStoreData());
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', []],
    ['a string', 'dx-navi'],
    ['no version', { claimedEvents: {}, municipalities: {}, logs: [], feedback: [] }],
    ['an unknown older version', { ...emptyStoreData(), version: 0 }],
    ['version-1 logs that are not a list', { version: 1, claimedEvents: {}, municipalities: {}, logs: {}, feedback: [] }],
    ['version-2 claims that are not an object', { version: 2, claimedEvents: [], municipalities: {} }],
    ['municipalities that are not an object', { version: STORE_DATA_VERSION, municipalities: [] }],
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
