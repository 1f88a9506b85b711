import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Kpi } from '../knowledge/schema.js';
import type { SearchDocument } from './search-document.js';

/** Flattens every knowledge entry into the search documents the index is built from. */
export function documentsFromKnowledge(knowledge: KnowledgeBase): SearchDocument[] {
  const documents: SearchDocument[] = [];
  for (const entry of knowledge.glossary) {
    const scopes = [...new Set(entry.definitions.map((definition) => definition.municipality))];
    documents.push({
      id: entry.id,
      kind: 'glossary',
      title: entry.term,
      // The reading too: residents type a term as they hear it (あーるぴーえー, えるじーわん).
      names: [...entry.aliases, ...(entry.fullName ? [entry.fullName] : []), ...(entry.reading ? [entry.reading] : [])],
      body: entry.definitions.map((definition) => definition.text).join('\n'),
      municipality: scopes.length === 1 && scopes[0] !== 'national' ? (scopes[0] ?? null) : null,
    });
  }
  for (const entry of knowledge.nationalProcedures) {
    documents.push({
      id: entry.id,
      kind: 'national-procedure',
      title: entry.name,
      names: entry.aliases,
      body: `${entry.category}関係の手続`,
      municipality: null,
    });
  }
  for (const entry of knowledge.procedures) {
    // A statement about many national procedures is about 児童手当 or 保育園 but is not named so:
    // its aliases are topics (body), or it would outrank the procedure a person actually named.
    const isGroup = entry.covers.length > 1;
    documents.push({
      id: entry.id,
      kind: 'procedure',
      title: entry.name,
      names: isGroup ? [] : [...entry.aliases, entry.category],
      body: [entry.body, entry.channel, entry.statusText, ...(isGroup ? [entry.category, ...entry.aliases] : [])].join('\n'),
      municipality: entry.municipality,
    });
  }
  for (const entry of knowledge.sections) {
    documents.push({
      id: entry.id,
      kind: 'section',
      title: entry.title,
      names: entry.path,
      body: entry.body,
      municipality: entry.municipality,
    });
  }
  for (const entry of knowledge.kpis) {
    documents.push({
      id: entry.id,
      kind: 'kpi',
      title: entry.item,
      names: ['目標', '指標'],
      body: kpiSentence(entry),
      municipality: entry.municipality,
    });
  }
  for (const entry of knowledge.facts) {
    documents.push({
      id: entry.id,
      kind: 'fact',
      title: entry.title,
      names: entry.figures.map((figure) => figure.label),
      body: [entry.body, ...entry.figures.map((figure) => `${figure.label} ${figure.text}`)].join('\n'),
      municipality: entry.municipality,
    });
  }
  for (const plan of knowledge.plans) {
    documents.push({
      id: plan.id,
      kind: 'plan',
      title: plan.name,
      // Residents call each city's plan its "DX推進計画" whatever its title (スマートデジタル計画).
      names: [plan.shortName, 'DX推進計画', 'DX計画', '計画期間', '期間'],
      body: [plan.period?.text ?? '', plan.review ?? '', plan.vision ?? ''].join('\n'),
      municipality: plan.municipality,
    });
  }
  return documents;
}

/** A KPI row as one readable sentence: 「項目：現状値（時点）→ 目標値（年度）」. */
export function kpiSentence(kpi: Kpi): string {
  const baseline = kpi.baseline ? `${kpi.baseline.text}（${kpi.baseline.asOf}）→ ` : '';
  return `${kpi.item}：${baseline}目標 ${kpi.target.text}（${kpi.target.year}）`;
}
