/**
 * kuromoji's IPADIC dictionary, loaded the way a long-running server needs it. Profiling the
 * stock loader (kuromoji.builder().build) showed three costs this module removes:
 *
 * 1. Memory. The stock loader gunzips twelve files on the libuv thread pool and then copies
 *    each result (`new Uint8Array(buffer)`), so ~100 MB of decompressed data exists twice and the
 *    freed copies stay in the process's malloc arenas: RSS ~330 MB for a dictionary whose live
 *    data is ~140 MB. It also turns tid_map into a plain object with 326k keys: 52 MB of V8 heap.
 * 2. Padding. The files are padded with zeros to powers of two (unk.dat: 398 bytes used of
 *    10 MB; 35 of 100 MB in all). Here each file is read once, without its zero tail, into an
 *    ArrayBuffer of the full length: the tail stays untouched zero pages that never count in RSS,
 *    and kuromoji sees exactly the buffers it would have built.
 * 3. Time. Gunzipping ~14 MB and building the target-map object take ~0.6 s at every start.
 *
 * The decompressed, trimmed files and a compact target map (two Int32Arrays) are cached under
 * the cache directory, keyed by the CRC-32 of the installed .dat.gz files; the manifest carries
 * its own CRC-32, every cached file is checked against its recorded length and CRC-32 when read,
 * and anything stale, damaged or missing is rebuilt from the .dat.gz files. A rebuilt directory
 * replaces the old one by rename, so a reader never sees a half-written or half-deleted one. No
 * fsync: a cache torn by a crash fails those checks and is rebuilt. Without a writable cache the
 * same layout is built in memory at every start.
 *
 * The lattice builder is replaced by an equivalent one (latticeBuilder below) that reads the
 * compact target map and does not re-encode the rest of the sentence at every position: the
 * stock builder is quadratic in the sentence length (it UTF-8-encodes and scans the whole tail
 * of the sentence for each character). Token output is identical.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { crc32, gunzipSync } from 'node:zlib';
import type { IpadicFeatures, Tokenizer } from 'kuromoji';

const require = createRequire(import.meta.url);

/** Bumped whenever the cached layout changes. 2: the manifest carries its own CRC-32. */
const CACHE_FORMAT = 2;
/** A build takes about a second; a temporary directory this old belongs to a process that died. */
const ABANDONED_TEMP_MS = 60 * 60 * 1000;

/** The files kuromoji's DictionaryLoader reads from its dict/ directory (each as <name>.dat.gz). */
const SOURCE_FILES = ['base', 'check', 'tid', 'tid_pos', 'tid_map', 'cc', 'unk', 'unk_pos', 'unk_map', 'unk_char', 'unk_compat', 'unk_invoke'] as const;
type SourceFile = (typeof SOURCE_FILES)[number];
/** What the cache holds: every source file but tid_map, which becomes the compact target map. */
const CACHED_FILES = ['base', 'check', 'tid', 'tid_pos', 'cc', 'unk', 'unk_pos', 'unk_map', 'unk_char', 'unk_compat', 'unk_invoke', 'target_map'] as const;
type CachedFile = (typeof CACHED_FILES)[number];

/** The dictionary's data: each buffer has the full (padded) length kuromoji expects. */
type DictionaryBuffers = Record<CachedFile, ArrayBuffer>;

interface ManifestEntry {
  /** Bytes stored (the data without its zero tail). */
  length: number;
  /** Bytes of the buffer kuromoji gets (the stored bytes followed by zeros). */
  fullLength: number;
  crc32: number;
}
interface ManifestBody {
  format: number;
  key: string;
  files: Record<CachedFile, ManifestEntry>;
}
interface Manifest extends ManifestBody {
  /** CRC-32 of the body: the file checksums do not cover fullLength, which sizes every buffer. */
  crc32: number;
}

/** Loads the dictionary in `dicPath` (kuromoji's dict/ directory), through the cache when one is given. */
export function loadIpadicTokenizer(dicPath: string, cacheRoot: string | null): Tokenizer<IpadicFeatures> {
  const key = sourceKey(dicPath);
  const buffers = cacheRoot ? loadThroughCache(dicPath, path.join(cacheRoot, `kuromoji-${key.slice(0, 16)}`), key) : decompress(dicPath).buffers;
  return tokenizerFrom(buffers);
}

/** CRC-32 of every .dat.gz file plus kuromoji's version: changes whenever the installed dictionary does. */
function sourceKey(dicPath: string): string {
  let version = '?';
  try {
    version = (JSON.parse(readFileSync(path.join(dicPath, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    // A dictionary outside the kuromoji package: its files' checksums still identify it.
  }
  const parts = [`format ${CACHE_FORMAT}`, `kuromoji ${version}`];
  const chunk = Buffer.allocUnsafeSlow(1 << 20);
  for (const name of SOURCE_FILES) {
    const fd = openSync(path.join(dicPath, `${name}.dat.gz`), 'r');
    try {
      let crc = 0;
      let size = 0;
      for (let read = readSync(fd, chunk, 0, chunk.length, null); read > 0; read = readSync(fd, chunk, 0, chunk.length, null)) {
        crc = crc32(chunk.subarray(0, read), crc);
        size += read;
      }
      parts.push(`${name} ${size} ${crc}`);
    } finally {
      closeSync(fd);
    }
  }
  return crc32(parts.join('\n')).toString(16).padStart(8, '0') + crc32(parts.reverse().join('\n')).toString(16).padStart(8, '0');
}

function loadThroughCache(dicPath: string, dir: string, key: string): DictionaryBuffers {
  const cached = readCache(dir, key);
  if (cached) return cached;
  const built = decompress(dicPath);
  try {
    writeCache(built, dir, key);
  } catch {
    return built.buffers; // read-only install: use what was just decompressed
  }
  // Read back rather than keep `built`: its zero tails are written pages, the cache's are not.
  // Another process may be replacing the directory right now; the data in hand is as good.
  return readCache(dir, key) ?? built.buffers;
}

/** The cached buffers, or null when anything is missing, stale or does not match its checksum. */
function readCache(dir: string, key: string): DictionaryBuffers | null {
  let manifest: Partial<Manifest> | null;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Partial<Manifest> | null;
  } catch {
    return null;
  }
  if (typeof manifest !== 'object' || manifest === null) return null;
  const { format, key: manifestKey, files } = manifest;
  if (format !== CACHE_FORMAT || manifestKey !== key || typeof files !== 'object' || files === null) return null;
  if (manifest.crc32 !== manifestChecksum({ format, key: manifestKey, files })) return null;
  const buffers: Partial<DictionaryBuffers> = {};
  for (const name of CACHED_FILES) {
    const entry = files[name];
    if (!entry || !Number.isSafeInteger(entry.length) || !Number.isSafeInteger(entry.fullLength) || entry.length < 0 || entry.length > entry.fullLength) return null;
    const buffer = readPrefix(path.join(dir, `${name}.dat`), entry.length, entry.fullLength);
    if (!buffer || crc32(new Uint8Array(buffer, 0, entry.length)) !== entry.crc32) return null;
    buffers[name] = buffer;
  }
  return buffers as DictionaryBuffers;
}

function manifestChecksum(body: ManifestBody): number {
  return crc32(JSON.stringify({ format: body.format, key: body.key, files: body.files }));
}

/** A zero-filled ArrayBuffer of `fullLength` whose first `length` bytes are the file; null if the file is not exactly that long. */
function readPrefix(file: string, length: number, fullLength: number): ArrayBuffer | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    if (fstatSync(fd).size !== length) return null;
    // Fresh ArrayBuffers are zero-filled lazily: pages past `length` are never written, so they
    // cost address space but no resident memory.
    const buffer = new ArrayBuffer(fullLength);
    const view = new Uint8Array(buffer, 0, length);
    let offset = 0;
    while (offset < length) {
      const read = readSync(fd, view, offset, length - offset, offset);
      if (read <= 0) return null;
      offset += read;
    }
    return buffer;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Writes the decompressed layout under `dir`, replacing whatever is there in one rename. */
function writeCache(built: DecompressedDictionary, dir: string, key: string): void {
  const { buffers, lengths } = built;
  const parent = path.dirname(dir);
  mkdirSync(parent, { recursive: true });
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = `${dir}.tmp-${suffix}`;
  mkdirSync(temp);
  try {
    const files = {} as Record<CachedFile, ManifestEntry>;
    for (const name of CACHED_FILES) {
      const length = lengths[name];
      const data = new Uint8Array(buffers[name], 0, length);
      writeFileSync(path.join(temp, `${name}.dat`), data);
      files[name] = { length, fullLength: buffers[name].byteLength, crc32: crc32(data) };
    }
    const body: ManifestBody = { format: CACHE_FORMAT, key, files };
    const manifest: Manifest = { ...body, crc32: manifestChecksum(body) };
    writeFileSync(path.join(temp, 'manifest.json'), JSON.stringify(manifest));
    // Deleting `dir` in place (as rmSync does, file by file) would let a concurrent reader see a
    // manifest whose files are gone, and would delete the copy another process has just put in
    // place. Moving it aside is a single rename; it is deleted afterwards, out of every reader's way.
    const aside = `${dir}.old-${suffix}`;
    try {
      renameSync(dir, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    renameSync(temp, dir);
    rmSync(aside, { recursive: true, force: true });
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    // Another process may have put the same dictionary in place first; that one is as good.
    if (!existsSync(path.join(dir, 'manifest.json'))) throw error;
  }
  removeOtherEntries(parent, dir);
}

/**
 * Dictionaries of earlier installs, directories moved aside and temporary directories of builds
 * that died; a temporary directory of a build still running elsewhere stays. Best effort: a
 * failure here must not throw away the cache just written.
 */
function removeOtherEntries(parent: string, dir: string): void {
  try {
    for (const entry of readdirSync(parent)) {
      const other = path.join(parent, entry);
      if (!entry.startsWith('kuromoji-') || other === dir) continue;
      try {
        if (entry.includes('.tmp-') && Date.now() - statSync(other).mtimeMs < ABANDONED_TEMP_MS) continue;
        rmSync(other, { recursive: true, force: true });
      } catch {
        // Gone already, or another process is removing it.
      }
    }
  } catch {
    // An unreadable cache root only means leftovers stay.
  }
}

interface DecompressedDictionary {
  buffers: DictionaryBuffers;
  /** Bytes of each buffer without its zero tail. */
  lengths: Record<CachedFile, number>;
}

/** Gunzips every file and turns tid_map into the compact target map. */
function decompress(dicPath: string): DecompressedDictionary {
  const raw = {} as Record<SourceFile, ArrayBuffer>;
  for (const name of SOURCE_FILES) {
    const data = gunzipSync(readFileSync(path.join(dicPath, `${name}.dat.gz`)));
    // Buffers this large own their ArrayBuffer; copy only if one ever does not.
    raw[name] = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? (data.buffer as ArrayBuffer) : new Uint8Array(data).buffer;
  }
  const { tid_map: tidMap, ...kept } = raw;
  const buffers: DictionaryBuffers = { ...kept, target_map: compactTargetMap(new Uint8Array(tidMap)).buffer as ArrayBuffer };
  const lengths = {} as Record<CachedFile, number>;
  for (const name of CACHED_FILES) lengths[name] = lengthWithoutZeroTail(new Uint8Array(buffers[name]));
  return { buffers, lengths };
}

function lengthWithoutZeroTail(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end -= 1;
  return end;
}

/**
 * tid_map (surface-form id → token-info ids, as kuromoji's TokenInfoDictionary.loadTargetMap
 * reads it) as one Int32Array: [keys + 1, offsets (keys + 1 of them), ids …]; the ids of surface
 * form k are ids[offsets[k] … offsets[k + 1]).
 */
function compactTargetMap(tidMap: Uint8Array): Int32Array {
  const TokenInfoDictionary = require('kuromoji/src/dict/TokenInfoDictionary.js') as new () => TokenInfoDictionaryInternals;
  const dictionary = new TokenInfoDictionary();
  dictionary.loadTargetMap(tidMap);
  const map = dictionary.target_map;
  let maxKey = -1;
  let total = 0;
  for (const key of Object.keys(map)) {
    maxKey = Math.max(maxKey, Number(key));
    total += map[Number(key)]?.length ?? 0;
  }
  const slots = maxKey + 2;
  const packed = new Int32Array(1 + slots + total);
  packed[0] = slots;
  let next = 0;
  for (let key = 0; key <= maxKey; key += 1) {
    packed[1 + key] = next;
    for (const id of map[key] ?? []) {
      packed[1 + slots + next] = id;
      next += 1;
    }
  }
  packed[1 + maxKey + 1] = next;
  return packed;
}

// --- kuromoji internals (kuromoji 0.1.2, src/) --------------------------------------------------

interface ByteBufferInternals {
  getShort(index: number): number;
}
interface TokenInfoDictionaryInternals {
  dictionary: ByteBufferInternals;
  target_map: Record<number, number[] | undefined>;
  loadDictionary(buffer: Uint8Array): unknown;
  loadPosVector(buffer: Uint8Array): unknown;
  loadTargetMap(buffer: Uint8Array): unknown;
}
interface CharacterClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number;
  is_grouping: number;
}
interface UnknownDictionaryInternals extends TokenInfoDictionaryInternals {
  lookup(character: string): CharacterClass;
}
interface DynamicDictionariesInternals {
  token_info_dictionary: TokenInfoDictionaryInternals;
  unknown_dictionary: UnknownDictionaryInternals;
  loadTrie(base: Int32Array, check: Int32Array): unknown;
  loadConnectionCosts(costs: Int16Array): unknown;
  loadUnknownDictionaries(unk: Uint8Array, unkPos: Uint8Array, unkMap: Uint8Array, catMap: Uint8Array, compatCatMap: Uint32Array, invokeDef: Uint8Array): unknown;
}
interface SurrogateAwareStringInternals {
  str: string;
  length: number;
  index_mapping: number[];
  charAt(index: number): string;
  toString(): string;
}
interface LatticeInternals {
  append(node: unknown): void;
  appendEos(): void;
}
type ViterbiNodeConstructor = new (name: number, cost: number, startPos: number, length: number, type: 'KNOWN' | 'UNKNOWN', leftId: number, rightId: number, surface: string) => unknown;
interface TokenizerInternals {
  viterbi_builder: { build(sentence: string): LatticeInternals };
}

/** kuromoji's Tokenizer over the given buffers, with the linear lattice builder. */
function tokenizerFrom(buffers: DictionaryBuffers): Tokenizer<IpadicFeatures> {
  const DynamicDictionaries = require('kuromoji/src/dict/DynamicDictionaries.js') as new () => DynamicDictionariesInternals;
  const KuromojiTokenizer = require('kuromoji/src/Tokenizer.js') as new (dic: DynamicDictionariesInternals) => Tokenizer<IpadicFeatures> & TokenizerInternals;
  const dic = new DynamicDictionaries();
  const base = new Int32Array(buffers.base);
  const check = new Int32Array(buffers.check);
  dic.loadTrie(base, check);
  dic.token_info_dictionary.loadDictionary(new Uint8Array(buffers.tid));
  dic.token_info_dictionary.loadPosVector(new Uint8Array(buffers.tid_pos));
  // Lookups go through the compact map; the object form is never built.
  dic.token_info_dictionary.target_map = {};
  dic.loadConnectionCosts(new Int16Array(buffers.cc));
  dic.loadUnknownDictionaries(
    new Uint8Array(buffers.unk),
    new Uint8Array(buffers.unk_pos),
    new Uint8Array(buffers.unk_map),
    new Uint8Array(buffers.unk_char),
    new Uint32Array(buffers.unk_compat),
    new Uint8Array(buffers.unk_invoke),
  );
  const tokenizer = new KuromojiTokenizer(dic);
  tokenizer.viterbi_builder.build = latticeBuilder(dic, base, check, new Int32Array(buffers.target_map));
  return tokenizer;
}

const ROOT_ID = 0;
const TERM_CODE = 0;
const NOT_FOUND = -1;
const LONE_HIGH_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/;

/**
 * ViterbiBuilder.prototype.build of kuromoji 0.1.2, made linear. The stock version, at every
 * position, slices the rest of the sentence, wraps it in a SurrogateAwareString, UTF-8-encodes
 * all of it for DoubleArray#commonPrefixSearch and walks it again for unknown-word grouping.
 * This one walks the double-array trie from each position only as far as a key can match, reads
 * the target map from the packed Int32Array, and finds each unknown-word group's end once. The
 * nodes appended (ids, costs, positions, lengths, surfaces, order) are the same.
 */
function latticeBuilder(dic: DynamicDictionariesInternals, base: Int32Array, check: Int32Array, targetMap: Int32Array) {
  const ViterbiLattice = require('kuromoji/src/viterbi/ViterbiLattice.js') as new () => LatticeInternals;
  const ViterbiNode = require('kuromoji/src/viterbi/ViterbiNode.js') as ViterbiNodeConstructor;
  const SurrogateAwareString = require('kuromoji/src/util/SurrogateAwareString.js') as new (text: string) => SurrogateAwareStringInternals;
  const known = dic.token_info_dictionary;
  const unknown = dic.unknown_dictionary;
  const slots = targetMap[0] ?? 0;
  const traverse = (parent: number, code: number): number => {
    const child = (base[parent] ?? 0) + code;
    return check[child] === parent ? child : NOT_FOUND;
  };
  const bytes = new Uint8Array(4);

  return (sentenceText: string): LatticeInternals => {
    // The stock builder UTF-8-encodes the whole sentence first and throws on a lone high surrogate.
    if (LONE_HIGH_SURROGATE.test(sentenceText)) throw new TypeError('kuromoji: malformed surrogate pair in input');
    const lattice = new ViterbiLattice();
    const sentence = new SurrogateAwareString(sentenceText);
    const length = sentence.length;
    const classes: CharacterClass[] = [];
    const classAt = (index: number): CharacterClass => (classes[index] ??= unknown.lookup(sentence.charAt(index)));
    const groupEnds: number[] = [];
    const groupEnd = (index: number): number => {
      const cached = groupEnds[index];
      if (cached !== undefined) return cached;
      let end = index + 1;
      while (end < length && classAt(end).class_name === classAt(index).class_name) end += 1;
      for (let covered = index; covered < end; covered += 1) groupEnds[covered] = end;
      return end;
    };

    for (let pos = 0; pos < length; pos += 1) {
      const start = sentence.index_mapping[pos] ?? sentenceText.length;
      // Dictionary words starting here: walk the trie byte by byte, shortest match first.
      let matched = 0;
      let parent = ROOT_ID;
      walk: for (let offset = start; offset < sentenceText.length; ) {
        let code = sentenceText.charCodeAt(offset);
        let units = 1;
        if (code >= 0xd800 && code <= 0xdbff) {
          code = (code - 0xd800) * 0x400 + (sentenceText.charCodeAt(offset + 1) - 0xdc00) + 0x10000;
          units = 2;
        }
        const byteCount = utf8(code, bytes);
        for (let index = 0; index < byteCount; index += 1) {
          const child = traverse(parent, bytes[index] ?? 0);
          if (child === NOT_FOUND) break walk;
          parent = child;
          const grandChild = traverse(child, TERM_CODE);
          if (grandChild === NOT_FOUND || index !== byteCount - 1) continue;
          const leafBase = base[grandChild] ?? 0;
          if (leafBase > 0) throw new TypeError('kuromoji: dictionary key without a record');
          const trieId = -leafBase - 1;
          const surface = sentenceText.slice(start, offset + units);
          const first = trieId >= 0 && trieId + 1 < slots ? (targetMap[1 + trieId] ?? 0) : 0;
          const last = trieId >= 0 && trieId + 1 < slots ? (targetMap[2 + trieId] ?? 0) : 0;
          // The stock builder fails on a key with no token (U+0000 reaches the trie's root record).
          if (first === last) throw new TypeError(`kuromoji: no token for dictionary key ${JSON.stringify(surface)}`);
          for (let at = first; at < last; at += 1) {
            const tokenInfoId = targetMap[1 + slots + at] ?? 0;
            const leftId = known.dictionary.getShort(tokenInfoId);
            const rightId = known.dictionary.getShort(tokenInfoId + 2);
            const wordCost = known.dictionary.getShort(tokenInfoId + 4);
            lattice.append(new ViterbiNode(tokenInfoId, wordCost, pos + 1, surface.length, 'KNOWN', leftId, rightId, surface));
          }
          matched += 1;
        }
        offset += units;
      }

      // Unknown words, exactly as the stock builder forms them.
      const headChar = new SurrogateAwareString(sentence.charAt(pos));
      const headClass = classAt(pos);
      if (matched === 0 || headClass.is_always_invoke === 1) {
        let key: SurrogateAwareStringInternals | string = headChar;
        if (headClass.is_grouping === 1 && 1 < length - pos) {
          const end = groupEnd(pos);
          if (end - pos > 1) key = sentenceText.slice(start, sentence.index_mapping[end] ?? sentenceText.length);
        }
        const unknownIds = unknown.target_map[headClass.class_id] ?? [];
        for (const rawId of unknownIds) {
          const unknownId = Number.parseInt(String(rawId), 10);
          const leftId = unknown.dictionary.getShort(unknownId);
          const rightId = unknown.dictionary.getShort(unknownId + 2);
          const wordCost = unknown.dictionary.getShort(unknownId + 4);
          lattice.append(new ViterbiNode(unknownId, wordCost, pos + 1, key.length, 'UNKNOWN', leftId, rightId, key.toString()));
        }
      }
    }
    lattice.appendEos();
    return lattice;
  };
}

/** Writes the UTF-8 bytes of a code point (as doublearray's stringToUtf8Bytes does) and returns how many. */
function utf8(code: number, out: Uint8Array): number {
  if (code < 0x80) {
    out[0] = code;
    return 1;
  }
  if (code < 0x800) {
    out[0] = (code >>> 6) | 0xc0;
    out[1] = (code & 0x3f) | 0x80;
    return 2;
  }
  if (code < 0x10000) {
    out[0] = (code >>> 12) | 0xe0;
    out[1] = ((code >> 6) & 0x3f) | 0x80;
    out[2] = (code & 0x3f) | 0x80;
    return 3;
  }
  out[0] = (code >>> 18) | 0xf0;
  out[1] = ((code >> 12) & 0x3f) | 0x80;
  out[2] = ((code >> 6) & 0x3f) | 0x80;
  out[3] = (code & 0x3f) | 0x80;
  return 4;
}
