import type { Municipality, NationalProcedure, Procedure } from '../../knowledge/schema.js';
import type { AnswerCard } from '../answer.js';
import { shortSourceLine } from '../source-line.js';
import { preferMunicipality, type CompositionContext } from './composition-context.js';
import { MYNAPORTAL_LABEL, MYNAPORTAL_URL } from './national-service.js';
import { SHORT_CONFIRM_NOTE, STATUS_LABELS } from './procedure-status.js';

/** Names shown in the first message; the rest are counted (each name is a follow-up question). */
const MAX_ITEMS = 6;
const MAX_CITIES = 5;

/**
 * The national-list procedures of some categories: how many, the first few by name, which cities'
 * plans mention them (the person's first), one source, and the マイナポータル link.
 */
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
  const cities = [...new Set(ordered.map((statement) => `${statement.municipality}（${STATUS_LABELS[statement.status]}）`))].slice(0, MAX_CITIES);
  return {
    procedures,
    card: {
      title: `オンライン化が進められている${label}関係の手続`,
      lead: `国がマイナポータル（ぴったりサービス）などでオンライン化を進めている${label}関係の手続は${procedures.length}件です。`,
      details: [
        ...shown.map((procedure) => `・${procedure.name}`),
        ...(more > 0 ? [`ほか${more}件（手続の名前で質問すると、くわしくお答えします）`] : []),
        ...(cities.length > 0 ? [`計画に記載のある市：${cities.join('、')}`] : []),
      ],
      sources: [shortSourceLine((ordered[0] ?? procedures[0]!).source, context.plans)],
      url: MYNAPORTAL_URL,
      urlLabel: MYNAPORTAL_LABEL,
      note: SHORT_CONFIRM_NOTE,
    },
  };
}
