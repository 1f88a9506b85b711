import type { Municipality, NationalProcedure, Procedure } from '../../knowledge/schema.js';
import type { AnswerCard } from '../answer.js';
import { shortSourceLine, sourceLine } from '../source-line.js';
import { clip } from './clip.js';
import type { ComposedAnswer } from './composed-answer.js';
import { preferMunicipality, type CompositionContext } from './composition-context.js';
import { MYNAPORTAL_LABEL, MYNAPORTAL_URL } from './national-service.js';
import { CONFIRM_NOTE, SHORT_CONFIRM_NOTE, STATUS_LABELS, STATUS_ORDER, statementLine, statusAnswer } from './procedure-status.js';

const MAX_STATEMENTS = 5;
/** Titles longer than this read as forms, not as what a resident calls the procedure. */
const EVERYDAY_TITLE_CHARS = 16;
const STATEMENT_CHARS = 90;
/** A number with a unit: a line of the plan that carries a figure. */
const FIGURE = /\d[\d,.]*\s*(件|人|%|％|手続|円|時間|か所|箇所|回|ポイント|万)/;
const MAX_FIGURE_LINES = 2;
const FIGURE_LINE_CHARS = 110;
/** The national list's categories whose procedures every municipality is putting on マイナポータル (ぴったりサービス). */
const PITTARI_CATEGORIES: ReadonlySet<string> = new Set(['子育て', '介護', '被災者支援', '転出・転入']);

/**
 * The name a resident uses: a short formal name as it is, else the first alias that is a phrase
 * (「児童手当 申請」 → 「児童手当の申請」) for 「児童手当等の受給資格及び児童手当の額についての認定請求」.
 */
export function everydayName(procedure: Pick<NationalProcedure, 'name' | 'aliases'>): string {
  if ([...procedure.name].length <= EVERYDAY_TITLE_CHARS) return procedure.name;
  const phrase = procedure.aliases.find((alias) => /^\S+ \S+$/.test(alias.trim()));
  return phrase ? phrase.trim().replace(' ', 'の') : procedure.name;
}

/** What the national list says of a procedure, plainly: マイナポータル for the ぴったりサービス ones. */
function nationalLine(procedure: NationalProcedure): string {
  return PITTARI_CATEGORIES.has(procedure.category)
    ? '国が、全国の市区町村でマイナポータル（ぴったりサービス）からオンラインで申請できるよう進めている手続です。'
    : `国が、市区町村に優先してオンライン化を求めている手続です（${procedure.category}）。`;
}

/**
 * A national-list procedure. First the direct answer for the person's city (「鹿屋市では、オンラインで
 * できます（実施済み）」, or that its plan does not mention it, with what the national list means and
 * the マイナポータル link), then how, then one source. 「くわしく」 quotes the plans and every
 * source; 「他の市では」 lists what the other cities' plans say.
 */
export function composeNationalProcedureAnswer(procedure: NationalProcedure, municipality: Municipality | null, context: CompositionContext): ComposedAnswer {
  // Within a city the most advanced statement comes first: a plan may list a procedure among
  // those "under study" in one place and say it is already available in another.
  const byProgress = [...(context.statementsFor.get(procedure.id) ?? [])].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  const statements = preferMunicipality(byProgress, municipality);
  const own = municipality ? statements.find((statement) => statement.municipality === municipality) : undefined;
  const elsewhere = statements.filter((statement) => statement.municipality !== municipality);
  const pittari = PITTARI_CATEGORIES.has(procedure.category);
  const title = everydayName(procedure);
  const formalName = title !== procedure.name ? [`正式名：${procedure.name}`] : [];

  let lead: string;
  const details: string[] = [];
  if (own) {
    lead = statusAnswer(own);
    details.push(`方法：${own.channel}`);
  } else {
    lead = municipality ? `${municipality}の計画には記載がありません。${nationalLine(procedure)}` : nationalLine(procedure);
    const cities = [...new Set(statements.map((statement) => `${statement.municipality}（${STATUS_LABELS[statement.status]}）`))];
    if (cities.length > 0) details.push(`計画に記載のある市：${cities.join('、')}`);
  }
  details.push(...formalName);
  // The national list itself is the source of what it means; the other cities' sources are behind 他の市では.
  const firstSource = own?.source ?? procedure.source;
  const card: AnswerCard = {
    title,
    lead,
    details,
    sources: [shortSourceLine(firstSource, context.plans)],
    // The link where it is the way: no statement of the city's own, or one that names マイナポータル.
    ...(pittari && (!own || /マイナポータル|ぴったり/.test(own.channel)) ? { url: MYNAPORTAL_URL, urlLabel: MYNAPORTAL_LABEL } : {}),
    note: SHORT_CONFIRM_NOTE,
    more: elsewhere.length > 0 ? ['detail', 'others'] : ['detail'],
  };
  const shown = statements.slice(0, MAX_STATEMENTS);
  const detail: AnswerCard = {
    title: procedure.name,
    lead: own ? `${municipality}の計画では「${own.statusText}」とされています（${STATUS_LABELS[own.status]}）。` : nationalLine(procedure),
    details: [`分類：${procedure.category}関係`, ...(own ? [`方法：${own.channel}`] : []), ...shown.filter((statement) => statement !== own).map(statementLine)],
    sources: unique([...(own ? [own] : []), ...shown].map((statement) => sourceLine(statement.source, context.plans))).concat(statements.length === 0 ? [sourceLine(procedure.source, context.plans)] : []),
    ...(pittari ? { url: MYNAPORTAL_URL, urlLabel: MYNAPORTAL_LABEL } : {}),
    note: CONFIRM_NOTE,
  };
  const others: AnswerCard | undefined =
    elsewhere.length > 0
      ? {
          title: `${title}：他の市では`,
          lead: `${elsewhere.length}件の記載があります。`,
          details: elsewhere.slice(0, MAX_STATEMENTS).map((statement) => `・${statement.municipality}（${STATUS_LABELS[statement.status]}）：${clip(statement.statusText, STATEMENT_CHARS)}`),
          sources: unique(elsewhere.slice(0, MAX_STATEMENTS).map((statement) => shortSourceLine(statement.source, context.plans))),
          note: SHORT_CONFIRM_NOTE,
        }
      : undefined;
  return { card, detail, ...(others ? { others } : {}) };
}

/**
 * A procedure or service one plan names: the direct answer for that city, how, a short quote of
 * the plan and one source. 「くわしく」 gives the plan's whole text on it.
 */
export function composeProcedureAnswer(procedure: Procedure, context: CompositionContext, asker: Municipality | null = null): ComposedAnswer {
  // Someone from another city must not read a neighbour's service as their own city's.
  const elsewhere = asker && asker !== procedure.municipality ? `これは${procedure.municipality}の計画の記載です（${asker}の計画ではありません）。` : '';
  const quote = clip(procedure.statusText, STATEMENT_CHARS);
  // Figures are part of the answer (「200手続を目指す」「保有率85.4%」): the plan's lines with figures
  // stay in the short answer.
  const figures = procedure.body
    .split('\n')
    .filter((line) => !procedure.statusText.includes(line) && FIGURE.test(line))
    .slice(0, MAX_FIGURE_LINES)
    .map((line) => clip(line, FIGURE_LINE_CHARS));
  const card: AnswerCard = {
    title: `${procedure.name}（${procedure.municipality}）`,
    lead: `${elsewhere}${statusAnswer(procedure)}`,
    details: [`方法：${procedure.channel}`, `計画の記載：${quote}`, ...figures],
    sources: [shortSourceLine(procedure.source, context.plans)],
    ...(procedure.url ? { url: procedure.url } : {}),
    note: SHORT_CONFIRM_NOTE,
    more: ['detail'],
  };
  const detail: AnswerCard = {
    title: `${procedure.name}（${procedure.municipality}）`,
    lead: `${elsewhere}${procedure.municipality}の計画では「${procedure.statusText}」とされています（${STATUS_LABELS[procedure.status]}）。`,
    details: [`方法：${procedure.channel}`, procedure.body].filter((line) => !procedure.statusText.includes(line)),
    sources: [sourceLine(procedure.source, context.plans)],
    ...(procedure.url ? { url: procedure.url } : {}),
    note: CONFIRM_NOTE,
  };
  return { card, detail };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
