/**
 * The order of the best hits before the decision: which entry comes first when the plain search
 * score is not the whole story. Each rule moves one entry up, only when it answers about as fully
 * as the one it displaces: the entry the question names, the person's own city's, the city the
 * question names, and a target (KPI) for a question about where a figure is meant to go.
 */
import type { Municipality } from '../knowledge/schema.js';
import type { SearchDocument } from '../search/search-document.js';
import type { SearchHit } from '../search/search-index.js';
import { decide } from './answer-decision.js';

/** Below this share of the question found in an entry, it does not answer on coverage alone. */
export const MIN_COVERAGE = 0.5;

const FAMILIES: ReadonlyArray<ReadonlySet<SearchDocument['kind']>> = [
  new Set(['glossary']),
  new Set(['procedure', 'national-procedure']),
  new Set(['section', 'kpi', 'fact', 'plan']),
  new Set(['document']),
];
/** True when two kinds of entry are the same family of answer (a term, a procedure, plan content). */
export function sameFamily(a: SearchDocument['kind'], b: SearchDocument['kind']): boolean {
  return FAMILIES.some((family) => family.has(a) && family.has(b));
}

/** How far down, and how close to the top score, the person's own city's entry may be and still come first. */
const OWN_CITY_HITS = 5;
const OWN_CITY_RATIO = 0.5;
/** An own-city entry that answers by itself comes first when it holds this share of what the top one holds. */
const OWN_ANSWER_FULLNESS = 0.6;

/** How far down an entry named by the thing asked about may be and still come first. */
const NAMED_IN_FOCUS_HITS = 10;
/** "About as fully": the share of what the top entry holds that an entry moved up must hold. */
const ABOUT_AS_FULL = 0.9;

/** The most of the question an entry holds: of the whole message or of its focus. */
function fullness(hit: SearchHit): number {
  return Math.max(hit.coverage, hit.focusCoverage);
}

/** The hits with the first of hits[1…within) that `qualifies` moved to the top; the same hits when none does. */
function promote(hits: SearchHit[], within: number, qualifies: (hit: SearchHit) => boolean): SearchHit[] {
  const chosen = hits.slice(1, within).find(qualifies);
  return chosen ? [chosen, ...hits.filter((hit) => hit !== chosen)] : hits;
}

/** Orders the hits for the decision (see the module comment). */
export function orderForAnswer(
  hits: SearchHit[],
  { municipality, named, asksForTarget, definition }: { municipality: Municipality | null; named: Municipality | undefined; asksForTarget: boolean; definition: boolean },
): SearchHit[] {
  const ranked = preferOwnCity(preferNamedInFocus(asksForTarget ? preferTarget(hits) : hits), municipality);
  // 「薩摩川内市ってオープンデータは公開してるの？」 asks what that city does, not what the term means.
  return named && !definition ? preferNamedCity(ranked, named) : ranked;
}

/**
 * When the best hit is another city's and the person's own city has an entry of the same family
 * that answers the question nearly as well, the own city's comes first: a 嬉野市 resident asking
 * about スマホ教室 wants 嬉野市's, even when 西之表市's name matches the words more closely.
 */
function preferOwnCity(hits: SearchHit[], municipality: Municipality | null): SearchHit[] {
  const top = hits[0];
  const topCity = top?.document.municipality;
  if (!top || !municipality || !topCity || topCity === 'national' || topCity === municipality) return hits;
  return promote(hits, OWN_CITY_HITS, (hit) =>
    hit.document.municipality === municipality &&
    // Of the same kind, or answering the question at least as fully as the other city's entry.
    (sameFamily(hit.document.kind, top.document.kind) || fullness(hit) >= fullness(top)) &&
    // Its name in the question is as good as a close score: the person named the thing. And
    // an own entry that answers the question on its own evidence answers it, however much
    // better another city's wording matches (「スマホで住民票の写しは」 from a 鹿屋市 resident).
    (hit.exactName ||
      hit.containsName ||
      hit.namedInFocus ||
      (fullness(hit) >= MIN_COVERAGE && hit.score >= top.score * OWN_CITY_RATIO) ||
      (decide(hit).outcome === 'answer' && fullness(hit) >= fullness(top) * OWN_ANSWER_FULLNESS)),
  );
}

/**
 * Someone who names a city and does not ask what a word means asks what that city does: the
 * city's own entry comes before a shared one (a term's definition) that answers no more fully.
 */
function preferNamedCity(hits: SearchHit[], city: Municipality): SearchHit[] {
  const top = hits[0];
  if (!top || top.document.municipality !== null) return hits;
  return promote(hits, OWN_CITY_HITS, (hit) => hit.document.municipality === city && fullness(hit) >= fullness(top) * ABOUT_AS_FULL);
}

/**
 * A question about where a figure is meant to go (「どれくらい減らすつもり」) is answered by the
 * target (KPI) when one answers it about as fully as today's figure at the top does.
 */
function preferTarget(hits: SearchHit[]): SearchHit[] {
  const top = hits[0];
  if (!top || top.document.kind === 'kpi' || top.exactName) return hits;
  return promote(
    hits,
    OWN_CITY_HITS,
    (hit) => hit.document.kind === 'kpi' && hit.document.municipality === top.document.municipality && fullness(hit) >= fullness(top) * ABOUT_AS_FULL,
  );
}

/**
 * The entry the question names as the thing it asks about comes first (「健康づくりの説明でナッジ
 * という言葉が…どういう意味」 asks about ナッジ, not about the health section whose words the story shares).
 */
function preferNamedInFocus(hits: SearchHit[]): SearchHit[] {
  const top = hits[0];
  if (!top || top.exactName || top.namedInFocus) return hits;
  return promote(hits, NAMED_IN_FOCUS_HITS, (hit) => hit.namedInFocus);
}

