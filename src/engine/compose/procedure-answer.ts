import type { Municipality, NationalProcedure, Procedure } from '../../knowledge/schema.js';
import type { AnswerCard } from '../answer.js';
import { sourceLine } from '../source-line.js';
import { preferMunicipality, type CompositionContext } from './composition-context.js';
import { CONFIRM_NOTE, STATUS_LABELS, STATUS_ORDER, statementLine, statusLabel } from './procedure-status.js';

const MAX_STATEMENTS = 5;

/** A national-list procedure: what each plan says about bringing it online. */
export function composeNationalProcedureAnswer(
  procedure: NationalProcedure,
  municipality: Municipality | null,
  context: CompositionContext,
): AnswerCard {
  // Within a city the most advanced statement comes first: a plan may list a procedure among
  // those "under study" in one place and say it is already available in another.
  const byProgress = [...(context.statementsFor.get(procedure.id) ?? [])].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  const statements = preferMunicipality(byProgress, municipality);
  const own = municipality ? statements.find((statement) => statement.municipality === municipality) : undefined;
  let lead: string;
  if (own) {
    lead = `${municipality}の計画では「${own.statusText}」とされています（${STATUS_LABELS[own.status]}）。`;
  } else if (statements.length > 0) {
    lead = `「${procedure.name}」は、国がマイナポータル（ぴったりサービス）によるオンライン化を進める手続です。各市の計画の記載は次のとおりです。`;
  } else {
    lead = `「${procedure.name}」は、国がオンライン化を優先的に進める手続の一覧に含まれていますが、どの市の計画にも個別の実施状況の記載はありません。`;
  }
  if (municipality && !own && statements.length > 0) {
    lead = `${municipality}の計画には、この手続のオンライン化についての記載がありません。他の市の計画の記載は次のとおりです。`;
  }
  const shown = statements.filter((statement) => statement !== own).slice(0, MAX_STATEMENTS);
  return {
    title: procedure.name,
    lead,
    details: [`分類：${procedure.category}関係`, ...shown.map(statementLine)],
    sources: unique([...(own ? [own] : []), ...shown].map((statement) => sourceLine(statement.source, context.plans))).concat(
      statements.length === 0 ? [sourceLine(procedure.source, context.plans)] : [],
    ),
    note: CONFIRM_NOTE,
  };
}

/** A procedure or service one plan names, with its channel and status. */
export function composeProcedureAnswer(procedure: Procedure, context: CompositionContext, asker: Municipality | null = null): AnswerCard {
  // Someone from another city must not read a neighbour's service as their own city's.
  const elsewhere = asker && asker !== procedure.municipality ? `これは${procedure.municipality}の計画の記載です（${asker}の計画ではありません）。` : '';
  return {
    title: `${procedure.name}（${procedure.municipality}）`,
    lead: `${elsewhere}${procedure.municipality}の計画では「${procedure.statusText}」とされています（${statusLabel(procedure)}）。`,
    details: [`方法：${procedure.channel}`, procedure.body].filter((line) => !procedure.statusText.includes(line)),
    sources: [sourceLine(procedure.source, context.plans)],
    ...(procedure.url ? { url: procedure.url } : {}),
    note: CONFIRM_NOTE,
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
