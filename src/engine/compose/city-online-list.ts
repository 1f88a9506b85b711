import type { Municipality, Procedure } from '../../knowledge/schema.js';
import type { AnswerCard } from '../answer.js';
import { shortSourceLine } from '../source-line.js';
import type { CompositionContext } from './composition-context.js';
import { SHORT_CONFIRM_NOTE, STATUS_ORDER, statusLabel } from './procedure-status.js';

const MAX_AVAILABLE = 5;
const MAX_OTHERS = 3;

/**
 * 「オンラインでできる手続きは何がある？」 from someone whose city is known: the procedures and
 * services that city's plan names, those it says are available first, each with its channel.
 */
export function composeCityOnlineList(city: Municipality, context: CompositionContext): { card: AnswerCard; procedures: Procedure[] } | null {
  const procedures = context.knowledge.procedures
    .filter((procedure) => procedure.municipality === city)
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  if (procedures.length === 0) return null;
  const available = procedures.filter((procedure) => procedure.status === 'available');
  const others = procedures.filter((procedure) => procedure.status !== 'available');
  const line = (procedure: Procedure) => {
    const status = procedure.status === 'available' ? '' : `・${statusLabel(procedure)}`;
    return `・${procedure.name}（${procedure.channel}${status}）`;
  };
  const shownAvailable = available.slice(0, MAX_AVAILABLE);
  const shownOthers = others.slice(0, MAX_OTHERS);
  const hidden = procedures.length - shownAvailable.length - shownOthers.length;
  return {
    procedures: [...shownAvailable, ...shownOthers],
    card: {
      title: `${city}の計画にあるオンラインの手続・サービス`,
      lead: `${city}の計画では、${available.length}件がオンラインで実施済み、${others.length}件が計画中または検討中とされています。`,
      details: [
        ...(shownAvailable.length > 0 ? ['実施済み：', ...shownAvailable.map(line)] : []),
        ...(shownOthers.length > 0 ? ['計画中・検討中：', ...shownOthers.map(line)] : []),
        ...(hidden > 0 ? [`ほか${hidden}件（手続の名前で質問すると詳しくお答えします）`] : []),
      ],
      sources: [shortSourceLine(procedures[0]!.source, context.plans)],
      note: SHORT_CONFIRM_NOTE,
    },
  };
}
