import type { Municipality, NationalProcedure, Procedure } from '../../knowledge/schema.js';
import type { AnswerCard } from '../answer.js';
import { sourceLine } from '../source-line.js';
import { preferMunicipality, type CompositionContext } from './composition-context.js';
import { CONFIRM_NOTE, statementLine } from './procedure-status.js';

const MAX_ITEMS = 15;

/** The national-list procedures of some categories, with what each plan says about them. */
export function composeListingAnswer(
  categories: readonly string[],
  municipality: Municipality | null,
  context: CompositionContext,
): { card: AnswerCard; procedures: NationalProcedure[] } | null {
  const procedures = context.knowledge.nationalProcedures.filter((procedure) => categories.includes(procedure.category));
  if (procedures.length === 0) return null;
  const statements = new Set<Procedure>();
  for (const procedure of procedures) for (const statement of context.statementsFor.get(procedure.id) ?? []) statements.add(statement);
  const ordered = preferMunicipality([...statements], municipality);
  const label = categories.join('・');
  const shown = procedures.slice(0, MAX_ITEMS);
  const more = procedures.length - shown.length;
  return {
    procedures,
    card: {
      title: `オンライン化が進められている${label}関係の手続`,
      lead: `国がマイナポータル（ぴったりサービス）などでオンライン化を進めている${label}関係の手続は${procedures.length}件です。`,
      details: [
        ...shown.map((procedure) => `・${procedure.name}`),
        ...(more > 0 ? [`ほか${more}件`] : []),
        ...(ordered.length > 0 ? ['各市の計画の記載：', ...ordered.slice(0, 5).map(statementLine)] : []),
      ],
      sources: [...new Set([...ordered.slice(0, 5).map((statement) => statement.source), ...(ordered.length === 0 ? [procedures[0]!.source] : [])].map((source) => sourceLine(source, context.plans)))],
      note: CONFIRM_NOTE,
    },
  };
}
