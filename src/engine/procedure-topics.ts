/**
 * The everyday topics the rich menu's 手続きを調べる offers. A plan files its procedures under its
 * own words (証明書, 税・公金, 施設予約 …) and the national list under its categories; a topic
 * gathers both under the word a resident would pick.
 */

/** One topic: its button label, the national-list categories and the plans' own category words it covers. */
export interface ProcedureTopic {
  id: string;
  label: string;
  nationalCategories: readonly string[];
  cityCategory: RegExp;
}

/** In the order the quick replies show them. */
export const PROCEDURE_TOPICS = [
  { id: 'childcare', label: '子育て・教育', nationalCategories: ['子育て'], cityCategory: /子育て|教育|保育/ },
  { id: 'care', label: '介護・福祉・健康', nationalCategories: ['介護'], cityCategory: /介護|福祉|健康|医療/ },
  { id: 'certificates', label: '証明書・税・支払い', nationalCategories: [], cityCategory: /証明書|税|支払|キャッシュレス|公金|水道/ },
  { id: 'moving', label: '引っ越し・住まい', nationalCategories: ['転出・転入'], cityCategory: /転出|転入|引越|住宅|移住|土地/ },
  { id: 'reservations', label: '予約・申込', nationalCategories: [], cityCategory: /予約|申込|窓口|図書館|イベント|施設/ },
  { id: 'disaster', label: '災害', nationalCategories: ['被災者支援'], cityCategory: /被災|災害/ },
  { id: 'mynumber', label: 'マイナンバーカード', nationalCategories: [], cityCategory: /マイナンバー/ },
  { id: 'business', label: '事業者向け', nationalCategories: ['自動車保有'], cityCategory: /事業者|入札|契約|建設|建築|農林/ },
] as const satisfies readonly ProcedureTopic[];

export type ProcedureTopicId = (typeof PROCEDURE_TOPICS)[number]['id'];

/** The topic ids, for validating what a button tap sends back. */
export const PROCEDURE_TOPIC_IDS: readonly ProcedureTopicId[] = PROCEDURE_TOPICS.map((topic) => topic.id);

/** The topic with this id. */
export function procedureTopic(id: ProcedureTopicId): ProcedureTopic {
  return PROCEDURE_TOPICS.find((topic) => topic.id === id)!;
}
