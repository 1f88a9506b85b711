import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { Municipality, Plan, Procedure } from '../../knowledge/schema.js';

/** Lookups the composers share, built once per knowledge base. */
export interface CompositionContext {
  knowledge: KnowledgeBase;
  plans: ReadonlyMap<string, Plan>;
  /** City statements per national procedure id. */
  statementsFor: ReadonlyMap<string, Procedure[]>;
}

/** Builds the lookups for a knowledge base. */
export function createCompositionContext(knowledge: KnowledgeBase): CompositionContext {
  const statementsFor = new Map<string, Procedure[]>();
  for (const procedure of knowledge.procedures) {
    for (const id of procedure.covers) statementsFor.set(id, [...(statementsFor.get(id) ?? []), procedure]);
  }
  return { knowledge, plans: new Map(knowledge.plans.map((plan) => [plan.id, plan])), statementsFor };
}

/** Puts the asking person's municipality first, keeping the plans' order otherwise. */
export function preferMunicipality<T extends { municipality: string }>(items: readonly T[], municipality: Municipality | null): T[] {
  if (!municipality) return [...items];
  return [...items.filter((item) => item.municipality === municipality), ...items.filter((item) => item.municipality !== municipality)];
}
