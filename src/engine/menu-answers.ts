/**
 * What the rich menu's areas answer (手続きを調べる, 用語を調べる, 市の計画, 使い方): plain data
 * the LINE layer renders, composed from the same knowledge the engine answers from.
 */
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Municipality } from '../knowledge/schema.js';
import type { Answer, QuickReply } from './answer.js';
import { HELP_REPLY } from './compose/canned-replies.js';
import { createCompositionContext, type CompositionContext } from './compose/composition-context.js';
import { composeTopicProcedures } from './compose/topic-procedures.js';
import { planPeriodLabel } from './plan-period.js';
import { procedureTopic, PROCEDURE_TOPICS, type ProcedureTopicId } from './procedure-topics.js';

/** A reply that is a message with buttons: the topic as a postback, or a question to send. */
export interface MenuReply {
  message: string;
  /** Topic buttons (postback `category`) to show, if any. */
  topics?: ReadonlyArray<{ id: ProcedureTopicId; label: string }>;
  quickReplies: QuickReply[];
  /** Ask the person to choose a city first: the reply depends on it. */
  needsCity?: boolean;
}

/** Terms offered under 用語を調べる: the ones residents meet first in the plans. */
const STARTER_TERMS = ['DX', 'マイナポータル', 'マイナンバーカード', 'デジタルデバイド', 'RPA', 'LGWAN', 'クラウド', 'オープンデータ'];

// One context per knowledge base: building it walks every procedure once.
const contexts = new WeakMap<KnowledgeBase, CompositionContext>();
function contextFor(knowledge: KnowledgeBase): CompositionContext {
  let context = contexts.get(knowledge);
  if (!context) contexts.set(knowledge, (context = createCompositionContext(knowledge)));
  return context;
}

/** 手続きを調べる: the topics to choose from. */
export function procedureTopicsReply(): MenuReply {
  return {
    message: 'どの分野の手続きを調べますか？',
    topics: PROCEDURE_TOPICS.map(({ id, label }) => ({ id, label })),
    quickReplies: [],
  };
}

/** 用語を調べる: how to ask, and terms to start from. */
export function termsReply(knowledge: KnowledgeBase): MenuReply {
  const known = STARTER_TERMS.filter((term) => knowledge.glossary.some((entry) => entry.term === term || entry.aliases.includes(term)));
  return {
    message: '調べたい用語を送ってください（例：「RPAとは」）。よく聞かれる用語：',
    quickReplies: known.map((term) => ({ type: 'message', label: `${term}とは`, text: `${term}とは` })),
  };
}

/** 市の計画: the city's plan and its period, and what to ask about it. */
export function planMenuReply(knowledge: KnowledgeBase, city: Municipality | null): MenuReply {
  if (!city) return { message: 'どの市の計画を調べますか？お住まいの市を選んでください。', quickReplies: [], needsCity: true };
  const plan = knowledge.plans.find((candidate) => candidate.municipality === city);
  if (!plan) return { message: `${city}の計画は、まだ登録されていません。`, quickReplies: [] };
  const ask = (label: string, text: string): QuickReply => ({ type: 'message', label, text });
  return {
    message: `${city}の計画は「${plan.name}」（${planPeriodLabel(plan)}）です。知りたいことを選んでください。`,
    quickReplies: [
      ask('計画の期間', `${city}のDX推進計画の期間は`),
      ask('目指す姿', `${city}のDX推進計画の目指す姿は`),
      ask('基本方針', `${city}の基本方針は`),
      ask('数値目標', `${city}の目標は`),
      ask('オンラインの手続き', `${city}でオンラインでできる手続きは何がある？`),
    ],
  };
}

/** 使い方. */
export function helpReply(): MenuReply {
  return { message: HELP_REPLY.message, quickReplies: HELP_REPLY.quickReplies };
}

/** A topic chosen under 手続きを調べる: the person's city's online procedures in it. */
export function topicAnswer(knowledge: KnowledgeBase, topicId: ProcedureTopicId, city: Municipality): Answer {
  const topic = procedureTopic(topicId);
  const { card, procedures } = composeTopicProcedures(topic, city, contextFor(knowledge));
  return {
    query: topic.label,
    answered: true,
    intent: 'listing',
    municipality: city,
    message: null,
    card,
    entryId: null,
    hits: procedures.slice(0, 5).map((procedure) => ({ id: procedure.id, kind: 'procedure', title: procedure.name, municipality: procedure.municipality, score: 1, coverage: 1 })),
    quickReplies: procedures.slice(0, 4).map((procedure) => ({ type: 'message', label: procedure.name, text: procedure.name })),
    trace: { normalized: topic.label, terms: [], readings: [], municipalitySource: 'remembered' },
  };
}
