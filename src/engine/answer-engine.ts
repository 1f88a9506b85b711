/**
 * The answer engine: normalise → tokenise → detect intent → search → compose. The webhook, the
 * simulator, the CLI and the eval all call this one class; nothing here knows about LINE or HTTP.
 */
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { MUNICIPALITIES, type Faq, type Municipality, type SynonymGroup } from '../knowledge/schema.js';
import { documentsFromKnowledge } from '../search/documents-from-knowledge.js';
import type { SearchDocument } from '../search/search-document.js';
import { SearchIndex, type SearchHit } from '../search/search-index.js';
import { SynonymMap } from '../search/synonym-map.js';
import type { TextAnalyzer } from '../search/text-analyzer.js';
import type { Answer, HitSummary, QuickReply } from './answer.js';
import { candidatesReply, fallbackReply, GREETING_REPLY, HELP_REPLY, noTargetsReply, otherPlaceReply, THANKS_REPLY, whichCityReply } from './compose/canned-replies.js';
import { decide } from './answer-decision.js';
import { MIN_COVERAGE, orderForAnswer, sameFamily } from './answer-order.js';
import { cityChangeRequest, cityChoiceAnswer } from './city-change.js';
import { clip } from './compose/clip.js';
import type { ComposedAnswer } from './compose/composed-answer.js';
import { createCompositionContext, type CompositionContext } from './compose/composition-context.js';
import { composeFaqAnswer } from './compose/faq-answer.js';
import { composeGlossaryAnswer, truncateLabel } from './compose/glossary-answer.js';
import { composeCityOnlineList } from './compose/city-online-list.js';
import { composeListingAnswer } from './compose/listing-answer.js';
import { composeFactAnswer, composeKpiAnswer, composePlanAnswer, composeSectionAnswer } from './compose/plan-content-answer.js';
import { composeNationalProcedureAnswer, composeProcedureAnswer } from './compose/procedure-answer.js';
import { FaqMatcher } from './faq-match.js';
import { detectIntent, NAME_QUESTION_WORDS, type Intent } from './intent.js';
import { mentionedMunicipalities, withoutMunicipalityNames } from './municipality-mention.js';
import { procedureCategoriesIn } from './procedure-category.js';
import { stripQuestionEnding } from '../text/normalize.js';
import { findQuestionFocus, headsOf } from './question-focus.js';

/** What the engine knows about the person asking. */
export interface AskContext {
  /** The municipality the person chose earlier, if any. */
  municipality?: Municipality | null;
}

/** Longer messages are cut before analysis: no question needs more, and the cost stays bounded. */
export const MAX_QUERY_CHARS = 400;
/** Two hits closer than this ratio are too close to call without asking. */
export const AMBIGUITY_RATIO = 0.97;
/** Offered when asking back: entries scoring at least this share of the best one. */
const CANDIDATE_RATIO = 0.8;
/** LINE shows at most 13 quick replies. */
const MAX_CANDIDATES = 13;
const HITS_REPORTED = 5;
/** A declined question's neighbours worth offering hold at least this share of its focus. */
const NEARBY_FOCUS_COVERAGE = 0.3;
const GROUP_STATEMENT_WEIGHT = 0.5;
const ASKED_UNIT_WEIGHT = 1.5;
/** Titles of entries about using something: the answers to 「何に使えるの」. */
const USE_TITLE = /活用|利用|使/u;
const USES_WEIGHT = 2;
/** Words that ask who, and the titles of entries about who: an organisation, a body, a person in charge. */
const WHO_ASKED = /誰|だれ|どこが(?:担当|やって|チェック|管理)|どの(?:課|部署)/u;
const WHO_TITLE = /体制|本部|会議|組織|責任者|担当|管理/u;
/** Words that ask where a figure is meant to go, not where it is. */
const TARGET_ASKED = /目標|つもり|目指|めざ|まで(?:に)?(?:増|減|ふや|へら)|(?:増|減)らす予定|増やす予定/u;

/** The unit a question asks a figure in: 何件 → 件, 何パーセント → %. */
function askedUnitOf(text: string): string | null {
  const match = /(?:何|なん)(件|人|手続き?|時間|業務|回|%|パーセント|割)/.exec(text.normalize('NFKC'));
  if (!match?.[1]) return null;
  return match[1] === 'パーセント' || match[1] === '割' ? '%' : match[1].replace('手続き', '手続');
}

const KIND_WEIGHTS: Record<Intent, Partial<Record<SearchDocument['kind'], number>>> = {
  definition: { glossary: 3, section: 0.8 },
  procedure: { procedure: 2.5, 'national-procedure': 2.5, glossary: 0.7 },
  listing: { procedure: 2.5, 'national-procedure': 2.5, glossary: 0.7 },
  plan: { kpi: 1.6, fact: 1.3, plan: 1.3, section: 1.2, procedure: 0.8, glossary: 0.5, 'national-procedure': 0.6 },
  search: { glossary: 1.3 },
  greeting: {},
  thanks: {},
  help: {},
  city: {},
};

export class AnswerEngine {
  private readonly index: SearchIndex;
  private readonly synonyms: SynonymMap;
  private readonly context: CompositionContext;
  /** Statements about many national procedures at once: less specific than the procedure itself. */
  private readonly groupStatements: ReadonlySet<string>;
  private readonly kpiUnits: ReadonlyMap<string, string>;
  /** Cities whose plans give numeric targets (KPI tables). */
  private readonly citiesWithTargets: ReadonlySet<string>;
  /** Entry id → how to answer with that entry: one lookup instead of a search per kind. */
  private readonly composers: ReadonlyMap<string, (municipality: Municipality | null) => Composed>;
  /** Entry id → its title in matching form, so a described-thing question does not normalise every title it weighs. */
  private readonly normalizedTitles: ReadonlyMap<string, string>;
  /** Staff FAQs, answered ahead of plan text when one matches the message. */
  private readonly faqs: FaqMatcher;

  constructor(
    private readonly knowledge: KnowledgeBase,
    private readonly analyzer: TextAnalyzer,
    documents: readonly SearchDocument[] = documentsFromKnowledge(knowledge),
    /** Analyses the documents when the index is built: `analyzer` with remembered results, say. */
    buildAnalyzer: TextAnalyzer = analyzer,
  ) {
    this.index = new SearchIndex(documents, analyzer, buildAnalyzer);
    this.normalizedTitles = new Map(documents.map((document) => [document.id, analyzer.normalize(document.title)]));
    this.synonyms = new SynonymMap(knowledge.synonyms, analyzer.normalize);
    this.faqs = new FaqMatcher(knowledge.faq, analyzer, buildAnalyzer);
    this.context = createCompositionContext(knowledge);
    this.composers = composersFor(knowledge, this.context);
    this.citiesWithTargets = new Set(knowledge.kpis.map((kpi) => kpi.municipality));
    this.kpiUnits = new Map(knowledge.kpis.flatMap((kpi) => (kpi.target.unit ? [[kpi.id, kpi.target.unit] as const] : [])));
    this.groupStatements = new Set(knowledge.procedures.filter((procedure) => procedure.covers.length > 1).map((procedure) => procedure.id));
  }

  /** The knowledge this engine answers from. */
  get knowledgeBase(): KnowledgeBase {
    return this.knowledge;
  }

  /**
   * The same engine answering with another set of FAQs, sharing everything else: what the bot
   * will say once an FAQ edit is saved, without rebuilding the plans' index (FAQs have their own).
   */
  withFaqs(faqs: readonly Faq[]): AnswerEngine {
    return this.withQuerySide({ faq: faqs, synonyms: this.knowledge.synonyms });
  }

  /**
   * The same plans' index with other FAQs and synonyms (read when a question is asked, never
   * indexed): a reload after such an edit costs the FAQ index, not a second's rebuild.
   */
  withQuerySide(knowledge: { faq: readonly Faq[]; synonyms: readonly SynonymGroup[] }): AnswerEngine {
    const copy = Object.create(AnswerEngine.prototype) as AnswerEngine;
    return Object.assign(copy, this, {
      knowledge: { ...this.knowledge, faq: [...knowledge.faq], synonyms: [...knowledge.synonyms] },
      faqs: new FaqMatcher(knowledge.faq, this.analyzer),
      synonyms: knowledge.synonyms === this.knowledge.synonyms ? this.synonyms : new SynonymMap(knowledge.synonyms, this.analyzer.normalize),
    });
  }

  /** Answers one message. Never throws for any input text. */
  ask(rawText: string, context: AskContext = {}): Answer {
    const query = [...rawText].slice(0, MAX_QUERY_CHARS).join('');
    const cityChange = cityChangeRequest(query);
    if (cityChange) return cityChoiceAnswer(rawText, cityChange, context.municipality ?? null);
    const { intent, describes, asksForUses } = detectIntent(query);
    const mentioned = mentionedMunicipalities(query);
    const questionFocus = findQuestionFocus(query);
    const municipality = mentioned[0] ?? context.municipality ?? null;
    const stripped = stripQuestionEnding(withoutMunicipalityNames(query)).trim();
    // 「…の名前は」 asks for a name: the words themselves are never in the answer.
    const searchText = stripped.replace(NAME_QUESTION_WORDS, ' ').trim() || stripped;
    // Kana that sound like an entry's name are read as that name (じどうてあて → 児童手当).
    const heard = this.index.spokenAsNames(searchText);
    const rewritten = this.synonyms.rewrite(heard ?? searchText);
    // A topic is usually one of the phrases too: each is prepared once.
    const prepared = new Map<string, { bare: string; named: string }>();
    const asked = (phrase: string) => {
      let result = prepared.get(phrase);
      if (!result) {
        const bare = stripQuestionEnding(withoutMunicipalityNames(phrase)).replace(NAME_QUESTION_WORDS, ' ').trim();
        result = { bare, named: this.index.spokenAsNames(bare) ?? bare };
        prepared.set(phrase, result);
      }
      return result;
    };
    const focus = questionFocus.phrases.map((phrase) => {
      const { bare, named } = asked(phrase);
      const phraseRewritten = this.synonyms.rewrite(named);
      return [...new Set([bare, named, ...(phraseRewritten ? [phraseRewritten] : [])])];
    });
    // A described thing has no name in the question: its words are all description, none a head.
    const heads = describes ? [] : questionFocus.topics.flatMap((topic) => headsOf(asked(topic).named));
    // The thing asked about, alone, is a phrasing of the focus too: 「確認申請」 of 「着工前に出す確認申請」.
    focus.push(...heads.map((head) => [head]));
    const askedUnit = askedUnitOf(query);
    const asksForTarget = TARGET_ASKED.test(query.normalize('NFKC'));
    const asksWho = WHO_ASKED.test(query.normalize('NFKC'));
    const namedInQuery = this.analyzer.normalize(query);
    const trace = {
      normalized: this.analyzer.normalize(searchText),
      terms: this.analyzer.terms(searchText),
      readings: this.analyzer.readings(searchText),
      municipalitySource: mentioned.length > 0 ? 'message' : context.municipality ? 'remembered' : 'none',
    } as const;
    const base = { query: rawText, intent, municipality, trace, entryId: null };
    const unanswered = (reply: { message: string; quickReplies: QuickReply[] }, hits: HitSummary[] = []): Answer => ({
      ...base,
      answered: false,
      message: reply.message,
      card: null,
      hits,
      quickReplies: reply.quickReplies,
    });

    if (intent === 'greeting' || intent === 'thanks' || intent === 'help') {
      return unanswered(intent === 'greeting' ? GREETING_REPLY : intent === 'thanks' ? THANKS_REPLY : HELP_REPLY);
    }

    // Staff's own answers come ahead of plan text for the person's city (or 共通).
    const faq = this.faqs.decide({ text: searchText, variants: rewritten ? [rewritten] : [], synonymsOf: (term) => this.synonyms.synonymsOf(term), municipality, focus });
    if (faq?.kind === 'which-city') return unanswered(whichCityReply(rawText, faq.cities), faq.hits.slice(0, HITS_REPORTED).map((hit) => this.summarise(hit)));
    if (faq) {
      const composed = composeFaqAnswer(faq.faq, municipality, faq.others);
      return { ...base, answered: true, message: null, card: composed.card, entryId: faq.faq.id, hits: [this.summarise(faq.hit)], quickReplies: composed.quickReplies };
    }

    // 佐賀市's figures are not 嬉野市's: a place the plans do not cover gets an honest pointer.
    const otherPlace = this.otherPlaceIn(searchText, mentioned, questionFocus.topics);
    if (otherPlace) return unanswered(otherPlaceReply(otherPlace));

    // 「目標は」 for a city whose plan sets no numeric targets: say so, rather than answer with
    // whatever section happens to contain the word 目標 (垂水市's SDGs section, say).
    if (intent === 'plan' && municipality && !this.citiesWithTargets.has(municipality) && asksForTargetsOnly(trace.normalized)) {
      return unanswered(noTargetsReply(municipality, MUNICIPALITIES.filter((city) => this.citiesWithTargets.has(city))));
    }

    if (intent === 'listing') {
      const categories = procedureCategoriesIn(query);
      // 「オンラインでできる手続きは何がある？」 names no category: the answer is the person's city's list.
      if (categories.length === 0) {
        const list = municipality ? composeCityOnlineList(municipality, this.context) : null;
        if (list) {
          const hits = list.procedures.slice(0, HITS_REPORTED).map((procedure): HitSummary => ({ id: procedure.id, kind: 'procedure', title: procedure.name, municipality: procedure.municipality, score: 1, coverage: 1 }));
          return { ...base, answered: true, message: null, card: list.card, hits, quickReplies: list.procedures.slice(0, 4).map((procedure) => followUp(procedure.name)) };
        }
        if (!municipality && asksForEveryProcedure(trace.normalized)) return unanswered(whichCityReply(rawText, MUNICIPALITIES));
      }
      const listing = categories.length > 0 ? composeListingAnswer(categories, municipality, this.context) : null;
      if (listing) {
        const hits = listing.procedures.slice(0, HITS_REPORTED).map((procedure): HitSummary => ({ id: procedure.id, kind: 'national-procedure', title: procedure.name, municipality: null, score: 1, coverage: 1 }));
        return { ...base, answered: true, message: null, card: listing.card, hits, quickReplies: listing.procedures.slice(0, 4).map((procedure) => followUp(procedure.name)) };
      }
    }

    const hits = this.index.search({
      text: searchText,
      variants: [heard, rewritten].filter((variant): variant is string => variant !== null),
      emphasis: describes ? 'bodies' : 'names',
      focus,
      heads,
      synonymsOf: (term) => this.synonyms.synonymsOf(term),
      weight: (document) =>
        weightFor(document, intent, municipality, mentioned.length > 0) *
        // The named procedure's own answer already quotes every group statement covering it.
        (this.groupStatements.has(document.id) ? GROUP_STATEMENT_WEIGHT : 1) *
        // 「何手続」「何人」 asks for a figure in that unit: the KPI counted in it is the answer.
        (askedUnit && this.kpiUnits.get(document.id) === askedUnit ? ASKED_UNIT_WEIGHT : 1) *
        // 「どれくらい減らすつもり」 asks for where the city means to get to: a target, not today's figure.
        (asksForTarget && document.kind === 'kpi' ? ASKED_UNIT_WEIGHT : 1) *
        // 「何に使えるの」 is answered by what the plans say about using the thing.
        (asksForUses && USE_TITLE.test(document.title) ? USES_WEIGHT : 1) *
        // 「誰がチェックしよると」 asks who: the organisation (体制, 会議, 本部) answers it.
        (asksWho && WHO_TITLE.test(document.title) ? USES_WEIGHT : 1) *
        // Someone asking for the name of a described thing does not already know its name.
        (describes && namedInQuery.includes(this.normalizedTitles.get(document.id) ?? this.analyzer.normalize(document.title)) ? 0.2 : 1),
    });
    // A person who names a city asks about that city: another city's entry is not an answer.
    const named = mentioned[0];
    const inPlace = named ? hits.filter((hit) => hit.document.municipality === null || hit.document.municipality === named) : hits;
    const relevant = orderForAnswer(inPlace, { municipality, named, asksForTarget, definition: intent === 'definition' });
    const summaries = relevant.slice(0, HITS_REPORTED).map((hit) => this.summarise(hit));
    const top = relevant[0];
    const decision = decide(top);
    if (!top || decision.outcome === 'decline') {
      // Only entries near the question's focus are worth offering; unrelated ones would confuse.
      const nearby = relevant.filter((hit) => hit.focusCoverage >= NEARBY_FOCUS_COVERAGE).slice(0, 3).map((hit) => hit.document.title);
      return { ...unanswered(fallbackReply(named, nearby), summaries), decision };
    }
    // Several cities' plans answer a plan question from someone who named and chose none.
    if (intent === 'plan' && municipality === null && citiesAnswering(relevant, top).length > 1) {
      return { ...unanswered(whichCityReply(rawText, MUNICIPALITIES), summaries), decision };
    }
    const rival = relevant[1];
    if (!top.exactName && rival && isAmbiguous(top, rival)) {
      // Every entry about as close as the two that tie, up to what LINE's quick replies hold.
      const close = relevant.filter((hit) => hit.score >= top.score * CANDIDATE_RATIO).slice(0, MAX_CANDIDATES);
      const about = heads[0] ?? null;
      return { ...unanswered(candidatesReply(close.map((hit) => hit.document.title), about), summaries), decision };
    }

    const composed = this.compose(top.document, municipality);
    // Follow-ups stay with the kind of thing asked about: a term's answer offers other terms,
    // not a schedule row that happens to share a word.
    const others = relevant
      .slice(1, 6)
      .filter((hit) => hit.document.title !== top.document.title && hit.coverage >= MIN_COVERAGE && sameFamily(hit.document.kind, top.document.kind))
      .slice(0, 3);
    const quickReplies = [...composed.quickReplies, ...others.map((hit) => followUp(hit.document.title))].slice(0, 4);
    return { ...base, answered: true, message: null, card: composed.card, entryId: top.document.id, hits: summaries, quickReplies, decision };
  }

  /**
   * A place the question is about that the plans do not cover: a municipality other than the five
   * (佐賀市, 指宿市) when none of the five is named, or a place name the plans never use in the
   * thing asked about (「指宿の砂むし温泉って…」). Null when there is none.
   */
  private otherPlaceIn(searchText: string, mentioned: readonly Municipality[], topics: readonly string[]): string | null {
    // The message as searched: no city of the five (さつませんだい is not read as a place せんだい),
    // and already cut by kuromoji for the search.
    for (const place of this.analyzer.places(searchText)) {
      if (mentionedMunicipalities(place.name).length > 0) continue;
      if (place.municipal) {
        if (mentioned.length === 0) return place.name;
        continue;
      }
      if (topics.some((topic) => topic.includes(place.name)) && !this.index.knows(place.name)) return place.name;
    }
    return null;
  }

  /**
   * 「くわしく」 or 「他の市では」 for an entry answered before: the next message after its short
   * answer. Null when the entry has no such part (or is no longer in the knowledge base).
   */
  expand(entryId: string, part: 'detail' | 'others', context: AskContext = {}): Answer | null {
    const municipality = context.municipality ?? null;
    const card = this.composers.get(entryId)?.(municipality)[part];
    if (!card) return null;
    const trace = { normalized: '', terms: [], readings: [], municipalitySource: municipality ? ('remembered' as const) : ('none' as const) };
    return { query: card.title, answered: true, intent: 'search', municipality, message: null, card, entryId, hits: [], quickReplies: [], trace };
  }

  private compose(document: SearchDocument, municipality: Municipality | null): Composed {
    return (
      this.composers.get(document.id)?.(municipality) ??
      // A generic corpus (eval --corpus) has no structured entry behind its documents.
      { card: { title: document.title, lead: clip(document.body, 320), details: [], sources: [] }, quickReplies: [] }
    );
  }

  private summarise(hit: SearchHit): HitSummary {
    return {
      id: hit.document.id,
      kind: hit.document.kind,
      title: hit.document.title,
      municipality: hit.document.municipality === 'national' ? null : hit.document.municipality,
      score: Math.round(hit.score * 1000) / 1000,
      coverage: Math.round(hit.coverage * 100) / 100,
      focusCoverage: Math.round(hit.focusCoverage * 100) / 100,
      focusMass: Math.round(hit.focusMass * 100) / 100,
      ...(hit.exactName ? { named: 'exact' as const } : hit.namedInFocus ? { named: 'focus' as const } : hit.containsName ? { named: 'contained' as const } : {}),
    };
  }
}

type Composed = ComposedAnswer & { quickReplies: QuickReply[] };

function composersFor(knowledge: KnowledgeBase, context: CompositionContext): Map<string, (municipality: Municipality | null) => Composed> {
  const cardOnly = (composed: ComposedAnswer): Composed => ({ ...composed, quickReplies: [] });
  const composers = new Map<string, (municipality: Municipality | null) => Composed>();
  for (const entry of knowledge.glossary) composers.set(entry.id, (municipality) => composeGlossaryAnswer(entry, municipality, context));
  for (const entry of knowledge.nationalProcedures) composers.set(entry.id, (municipality) => cardOnly(composeNationalProcedureAnswer(entry, municipality, context)));
  for (const entry of knowledge.procedures) composers.set(entry.id, (municipality) => cardOnly(composeProcedureAnswer(entry, context, municipality)));
  for (const entry of knowledge.kpis) composers.set(entry.id, () => cardOnly(composeKpiAnswer(entry, context)));
  for (const entry of knowledge.facts) composers.set(entry.id, () => cardOnly(composeFactAnswer(entry, context)));
  for (const entry of knowledge.sections) composers.set(entry.id, () => cardOnly(composeSectionAnswer(entry, context)));
  for (const entry of knowledge.plans) composers.set(entry.id, () => cardOnly(composePlanAnswer(entry, context)));
  return composers;
}

function followUp(title: string): QuickReply {
  return { type: 'message', label: truncateLabel(title), text: title };
}

// Both matched against normalised text, where kana are katakana.
const GENERIC_PROCEDURE_WORDS = /オンライン|ネット|インターネット|スマホ|デキル|デキマス|手続キ?|申請|行政|市|ノ|ハ|デ|ガ|ヲ|何|ナニ|ドンナ|ドノ|アル|アリマス|カ|一覧|リスト|モノ|[\s?？]/g;
const TARGET_WORDS = /数値目標|目標値|目標|kpi|指標/g;
const GENERIC_PLAN_WORDS = /dx|推進|計画|市|本|ノ|ハ|ッテ|[\s?？]/g;

/** Hits looked at, and how close to the top one they must score, to count as another city's answer. */
const CITY_CHOICE_HITS = 5;
const CITY_CHOICE_RATIO = 0.6;

/** How much another city's plan content counts for someone who chose a city and did not name one. */
const REMEMBERED_CITY_PLAN_OTHERS = 0.2;

function weightFor(document: SearchDocument, intent: Intent, municipality: Municipality | null, named: boolean): number {
  let weight = KIND_WEIGHTS[intent][document.kind] ?? 1;
  if (municipality && document.municipality && document.municipality !== 'national') {
    if (document.municipality === municipality) weight *= named ? 2 : 1.3;
    else if (named) weight *= intent === 'plan' ? 0.05 : 0.3;
    // Someone who chose a city and asks about "the plan" means their own city's: the welcome
    // promises that city's content first, and another city's period is a wrong answer, not a near one.
    else if (intent === 'plan') weight *= REMEMBERED_CITY_PLAN_OTHERS;
  }
  return weight;
}

// Two hits are a toss-up when they score alike, answer equally much of the question, and are
// different things of the same kind in the same place. A national procedure and a city's
// statement about it are one thing seen twice; two cities' facility booking is one question
// answered for two places (the other city is offered as a follow-up), not a guess.
function isAmbiguous(top: SearchHit, rival: SearchHit): boolean {
  return (
    rival.score >= top.score * AMBIGUITY_RATIO &&
    rival.document.kind === top.document.kind &&
    rival.document.municipality === top.document.municipality &&
    rival.document.title !== top.document.title &&
    Math.abs(rival.coverage - top.coverage) < 0.05
  );
}

/** The cities whose entries score near the top one: when more than one, the city decides the answer. */
function citiesAnswering(hits: readonly SearchHit[], top: SearchHit): string[] {
  const cities = new Set<string>();
  for (const hit of hits.slice(0, CITY_CHOICE_HITS)) {
    const city = hit.document.municipality;
    if (city && city !== 'national' && hit.score >= top.score * CITY_CHOICE_RATIO && hit.coverage >= MIN_COVERAGE) cities.add(city);
  }
  return [...cities];
}

/**
 * True when the question asks for a plan's targets and nothing more specific (「目標は」「KPIは」
 * 「計画の数値目標」): what is left after the target words and the words every plan shares is nothing.
 */
function asksForTargetsOnly(normalized: string): boolean {
  const rest = normalized.replaceAll(TARGET_WORDS, '');
  return rest !== normalized && rest.replaceAll(GENERIC_PLAN_WORDS, '').trim() === '';
}

/** True for a question about online procedures in general (「オンラインでできる手続きは何がある」), not about one. */
function asksForEveryProcedure(normalized: string): boolean {
  return normalized.replaceAll(GENERIC_PROCEDURE_WORDS, '').trim() === '';
}
