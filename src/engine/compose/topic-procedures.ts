import type { Municipality, Procedure } from '../../knowledge/schema.js';
import type { AnswerCard } from '../answer.js';
import type { ProcedureTopic } from '../procedure-topics.js';
import { sourceLine } from '../source-line.js';
import type { CompositionContext } from './composition-context.js';
import { CONFIRM_NOTE, STATUS_ORDER, statusLabel } from './procedure-status.js';
import { MYNAPORTAL_URL } from './national-service.js';

const MAX_SHOWN = 8;

/**
 * 手続きを調べる → a topic: what the person's city's plan says can be done online in it, most
 * advanced first, each with its channel; and how many of the national list's procedures in it
 * every city is putting on マイナポータル.
 */
export function composeTopicProcedures(topic: ProcedureTopic, city: Municipality, context: CompositionContext): { card: AnswerCard; procedures: Procedure[] } {
  const national = new Set(context.knowledge.nationalProcedures.filter((procedure) => topic.nationalCategories.includes(procedure.category)).map((procedure) => procedure.id));
  const procedures = context.knowledge.procedures
    .filter((procedure) => procedure.municipality === city && (topic.cityCategory.test(procedure.category) || procedure.covers.some((id) => national.has(id))))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  const shown = procedures.slice(0, MAX_SHOWN);
  const available = procedures.filter((procedure) => procedure.status === 'available').length;
  const lead =
    procedures.length === 0
      ? `${city}の計画には、${topic.label}の手続をオンラインにする記載がありません。`
      : `${city}の計画では、${topic.label}の${procedures.length}件の手続・サービスのうち${available}件がオンラインで実施済みです。`;
  const details = shown.map((procedure) => `・${procedure.name}（${procedure.channel}・${statusLabel(procedure)}）`);
  if (procedures.length > shown.length) details.push(`ほか${procedures.length - shown.length}件（手続の名前で質問すると詳しくお答えします）`);
  if (national.size > 0) details.push(`国の一覧にある${topic.label}の手続${national.size}件は、どの市でもマイナポータル（ぴったりサービス）から申請できるよう進められています。`);
  return {
    procedures: shown,
    card: {
      title: `${city}の${topic.label}の手続`,
      lead,
      details,
      sources: [...new Set(shown.map((procedure) => sourceLine(procedure.source, context.plans)))].slice(0, 1),
      ...(national.size > 0 ? { url: MYNAPORTAL_URL } : {}),
      note: CONFIRM_NOTE,
    },
  };
}
