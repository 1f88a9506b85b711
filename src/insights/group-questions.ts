import { bigramSet, jaccard, questionKey } from './question-key.js';

/** Character-bigram Jaccard from which two wordings count as one question. */
export const SIMILARITY_THRESHOLD = 0.6;

/** Anything that records a message: its text and when it arrived. */
export interface Occurrence {
  text: string;
  /** ISO 8601 time. */
  at: string;
}

/** One wording as people typed it, and how often. */
export interface Wording {
  text: string;
  count: number;
}

/** Messages that share one question key. */
export interface KeyTally<T extends Occurrence> {
  key: string;
  items: T[];
  /** The wordings behind the key, most frequent first. */
  wordings: Wording[];
  lastAt: string;
}

/** A cluster of similar questions, named by its most frequent wording. */
export interface QuestionGroup {
  question: string;
  count: number;
  wordings: Wording[];
  /** ISO time of the latest message in the group. */
  lastAt: string;
}

/** Groups messages by exact question key; the biggest group first, then the most recent. */
export function tallyByKey<T extends Occurrence>(items: readonly T[]): KeyTally<T>[] {
  const byKey = new Map<string, { items: T[]; wordings: Map<string, number>; lastAt: string }>();
  for (const item of items) {
    const key = questionKey(item.text);
    const tally = byKey.get(key) ?? { items: [], wordings: new Map<string, number>(), lastAt: item.at };
    tally.items.push(item);
    tally.wordings.set(item.text, (tally.wordings.get(item.text) ?? 0) + 1);
    if (Date.parse(item.at) > Date.parse(tally.lastAt)) tally.lastAt = item.at;
    byKey.set(key, tally);
  }
  return [...byKey]
    .map(([key, tally]) => ({ key, items: tally.items, wordings: sortWordings(tally.wordings), lastAt: tally.lastAt }))
    .sort(biggestThenLatest((tally) => tally.items.length));
}

/**
 * Groups messages by wording: the same question key, then keys whose bigram sets are at least
 * `threshold` alike. Each key joins the most similar group already formed from a bigger key, and
 * is compared with that group's first key only, so a chain of small differences cannot drift
 * from 「図書館の開館時間」 to something unrelated. Keys without bigrams only group exactly.
 */
export function groupSimilarQuestions(items: readonly Occurrence[], threshold: number = SIMILARITY_THRESHOLD): QuestionGroup[] {
  const tallies = tallyByKey(items);
  const gramSets = tallies.map((tally) => bigramSet(tally.key));
  const prefixOf = prefixFilter(gramSets, threshold);
  const clusters: Array<{ grams: ReadonlySet<string>; members: Array<KeyTally<Occurrence>> }> = [];
  // Clusters by the prefix of their first key's bigrams: see prefixFilter.
  const clustersByGram = new Map<string, number[]>();
  tallies.forEach((tally, position) => {
    const grams = gramSets[position] ?? new Set<string>();
    const candidates = new Set(prefixOf(grams).flatMap((gram) => clustersByGram.get(gram) ?? []));
    let best: number | undefined;
    let bestScore = -1;
    for (const index of [...candidates].sort((left, right) => left - right)) {
      const score = jaccard(clusters[index]?.grams ?? new Set<string>(), grams);
      if (score >= threshold && score > bestScore) {
        best = index;
        bestScore = score;
      }
    }
    if (best !== undefined) {
      clusters[best]?.members.push(tally);
      return;
    }
    for (const gram of prefixOf(grams)) {
      const indexes = clustersByGram.get(gram);
      if (indexes) indexes.push(clusters.length);
      else clustersByGram.set(gram, [clusters.length]);
    }
    clusters.push({ grams, members: [tally] });
  });
  return clusters
    .map(({ members }): QuestionGroup => {
      const counts = new Map<string, number>();
      for (const member of members) for (const wording of member.wordings) counts.set(wording.text, (counts.get(wording.text) ?? 0) + wording.count);
      const wordings = sortWordings(counts);
      return {
        question: wordings[0]?.text ?? '',
        count: members.reduce((sum, member) => sum + member.items.length, 0),
        wordings,
        lastAt: members.map((member) => member.lastAt).reduce((latest, at) => (Date.parse(at) > Date.parse(latest) ? at : latest)),
      };
    })
    .sort(biggestThenLatest((group) => group.count));
}

/**
 * The prefix filter of set-similarity joins: with bigrams ordered rarest first across all keys,
 * two sets whose Jaccard is at least t share a gram among the first |A| − ⌈t·|A|⌉ + 1 of each.
 * Indexing and probing only those prefixes compares a key with the few groups that could match,
 * so months of logs group in well under a second instead of comparing every pair.
 */
function prefixFilter(gramSets: ReadonlyArray<ReadonlySet<string>>, threshold: number): (grams: ReadonlySet<string>) => string[] {
  const frequency = new Map<string, number>();
  for (const grams of gramSets) for (const gram of grams) frequency.set(gram, (frequency.get(gram) ?? 0) + 1);
  const rarestFirst = (left: string, right: string) => (frequency.get(left) ?? 0) - (frequency.get(right) ?? 0) || (left < right ? -1 : left > right ? 1 : 0);
  return (grams) => {
    // The small epsilon keeps 0.6 × 5 from rounding up to 4 through floating-point error.
    const length = grams.size - Math.ceil(threshold * grams.size - 1e-9) + 1;
    return [...grams].sort(rarestFirst).slice(0, Math.max(length, 0));
  };
}

// Most frequent first; among equals the order first seen, so the output is stable.
function sortWordings(counts: ReadonlyMap<string, number>): Wording[] {
  return [...counts].map(([text, count]) => ({ text, count })).sort((left, right) => right.count - left.count);
}

function biggestThenLatest<T extends { lastAt: string }>(size: (item: T) => number): (left: T, right: T) => number {
  return (left, right) => size(right) - size(left) || Date.parse(right.lastAt) - Date.parse(left.lastAt);
}
