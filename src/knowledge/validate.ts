/**
 * Turns parsed knowledge files into a knowledge base, collecting every problem rather than
 * stopping at the first, so that one check run tells staff everything to fix.
 */
import type { z } from 'zod';
import { emptyKnowledgeBase, type KnowledgeBase } from './knowledge-base.js';
import { FAQ_COMMON_SLUG, municipalityOfFile, MUNICIPALITY_SLUGS, ruleFor } from './layout.js';
import type { Problem } from './problem.js';
import { FAQ_COMMON, type Source } from './schema.js';

/** A parsed file: its path relative to the knowledge directory and its YAML content. */
export interface KnowledgeDocument {
  file: string;
  data: unknown;
}

export interface ValidationResult {
  knowledge: KnowledgeBase;
  problems: Problem[];
}

interface Located {
  file: string;
  id: string;
  entry: Record<string, unknown>;
}

/** Validates documents entry by entry, then checks ids and references across the whole set. */
export function validateKnowledge(documents: readonly KnowledgeDocument[]): ValidationResult {
  const knowledge = emptyKnowledgeBase();
  const problems: Problem[] = [];
  const located: Located[] = [];

  for (const { file, data } of documents) {
    const rule = ruleFor(file);
    if (!rule) {
      problems.push({ file, message: 'this file is in no known place (see docs/knowledge-format.md)' });
      continue;
    }
    // An FAQ file may hold nothing yet but its commented example.
    if (rule.kind === 'faq' && data === null) continue;
    if (rule.shape === 'list' && !Array.isArray(data)) {
      problems.push({ file, message: 'this file must be a YAML list of entries' });
      continue;
    }
    if (rule.shape === 'object' && (data === null || typeof data !== 'object' || Array.isArray(data))) {
      problems.push({ file, message: 'this file must hold one entry (a YAML mapping)' });
      continue;
    }
    const entries: unknown[] = rule.shape === 'list' ? (data as unknown[]) : [data];
    entries.forEach((raw, index) => {
      const id = idOf(raw) ?? (rule.shape === 'list' ? `#${index + 1}` : undefined);
      const parsed = rule.schema.safeParse(raw);
      if (!parsed.success) {
        problems.push(...zodProblems(file, id, parsed.error));
        return;
      }
      const entry = parsed.data as Record<string, unknown> & { id: string };
      (knowledge[rule.kind] as unknown[]).push(entry);
      located.push({ file, id: entry.id, entry });
    });
  }

  problems.push(...checkIds(located), ...checkPlacement(located), ...checkReferences(knowledge, located));
  return { knowledge, problems };
}

function idOf(raw: unknown): string | undefined {
  if (raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string') return raw.id;
  return undefined;
}

function zodProblems(file: string, id: string | undefined, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({
    file,
    ...(id === undefined ? {} : { id }),
    field: issue.path.map(String).join('.') || '(entry)',
    message: issue.message,
  }));
}

function checkIds(located: readonly Located[]): Problem[] {
  const problems: Problem[] = [];
  const firstFile = new Map<string, string>();
  for (const { file, id } of located) {
    const earlier = firstFile.get(id);
    if (earlier === undefined) firstFile.set(id, file);
    else problems.push({ file, id, field: 'id', message: `duplicate id: also used in ${earlier}` });
  }
  return problems;
}

// A glossary file is named after its entry and a municipal file holds only that municipality's
// entries: both are what staff rely on to find an entry, so a mismatch is a defect.
function checkPlacement(located: readonly Located[]): Problem[] {
  const problems: Problem[] = [];
  for (const { file, id, entry } of located) {
    if (file.startsWith('glossary/') && file !== `glossary/${id}.yaml`) {
      problems.push({ file, id, field: 'id', message: `a glossary file is named after its id: expected glossary/${id}.yaml` });
    }
    if (file.startsWith('faq/')) {
      problems.push(...checkFaqPlacement(file, id, entry));
      continue;
    }
    const expected = municipalityOfFile(file);
    if (expected !== undefined && entry.municipality !== expected) {
      problems.push({ file, id, field: 'municipality', message: `this file holds ${expected} entries, not ${String(entry.municipality)}` });
    }
  }
  return problems;
}

function checkFaqPlacement(file: string, id: string, entry: Record<string, unknown>): Problem[] {
  const slug = file.slice('faq/'.length).replace(/\.ya?ml$/, '');
  const expected = slug === FAQ_COMMON_SLUG ? FAQ_COMMON : MUNICIPALITY_SLUGS[slug];
  if (expected === undefined) {
    return [{ file, id, field: 'municipality', message: `FAQのファイル名は ${[...Object.keys(MUNICIPALITY_SLUGS), FAQ_COMMON_SLUG].map((name) => `${name}.yaml`).join(' / ')} のどれかです` }];
  }
  if (entry.municipality !== expected) return [{ file, id, field: 'municipality', message: `このファイルは${expected}のFAQを入れるところです（${String(entry.municipality)}ではありません）` }];
  return [];
}

// One wording answering to two FAQs of the same city would make the answer depend on chance.
function checkFaqWordings(knowledge: KnowledgeBase, fileOf: Map<Record<string, unknown>, string>): Problem[] {
  const problems: Problem[] = [];
  const owner = new Map<string, string>();
  for (const faq of knowledge.faq) {
    const seen = new Set<string>();
    const wordings = [faq.question, ...faq.wordings];
    wordings.forEach((wording, index) => {
      const key = `${faq.municipality}\u0000${foldWording(wording)}`;
      const field = index === 0 ? 'question' : `wordings.${index - 1}`;
      const file = fileOf.get(faq as unknown as Record<string, unknown>) ?? '?';
      if (seen.has(key)) {
        problems.push({ file, id: faq.id, field, message: `「${wording}」が2回書かれています` });
        return;
      }
      seen.add(key);
      const other = owner.get(key);
      if (other === undefined) owner.set(key, faq.id);
      else problems.push({ file, id: faq.id, field, message: `「${wording}」は${faq.municipality}のFAQ「${other}」の言い回しでもあります：どちらか一方にしてください` });
    });
  }
  return problems;
}

/** Wordings that differ only in width, case, spaces or the question mark are one wording. */
export function foldWording(wording: string): string {
  return wording.normalize('NFKC').toLowerCase().replace(/[\s・?？。、!！]/g, '');
}

function checkReferences(knowledge: KnowledgeBase, located: readonly Located[]): Problem[] {
  const problems: Problem[] = [];
  const plans = new Map(knowledge.plans.map((plan) => [plan.id, plan]));
  const glossaryIds = new Set(knowledge.glossary.map((entry) => entry.id));
  const nationalIds = new Set(knowledge.nationalProcedures.map((entry) => entry.id));
  const sectionIds = new Set(knowledge.sections.map((entry) => entry.id));
  const fileOf = new Map(located.map((item) => [item.entry, item.file]));

  const refer = (entry: object & { id: string }, field: string, target: string, known: Set<string> | Map<string, unknown>, what: string) => {
    if (!known.has(target)) {
      problems.push({ file: fileOf.get(entry as Record<string, unknown>) ?? '?', id: entry.id, field, message: `unknown ${what} "${target}"` });
    }
  };
  const checkSource = (entry: object & { id: string }, field: string, source: Source, municipality: string) => {
    const plan = plans.get(source.plan);
    if (!plan) {
      refer(entry, `${field}.plan`, source.plan, plans, 'plan');
      return;
    }
    if (municipality !== 'national' && plan.municipality !== municipality) {
      problems.push({ file: fileOf.get(entry as Record<string, unknown>) ?? '?', id: entry.id, field: `${field}.plan`, message: `a ${municipality} entry cites ${plan.municipality}'s plan ${plan.id}` });
    }
  };

  for (const plan of knowledge.plans) checkSource(plan, 'source', plan.source, plan.municipality);
  for (const entry of knowledge.glossary) {
    entry.definitions.forEach((definition, index) =>
      checkSource(entry, `definitions.${index}.source`, definition.source, definition.municipality),
    );
    entry.related.forEach((target, index) => refer(entry, `related.${index}`, target, glossaryIds, 'glossary id'));
  }
  for (const entry of knowledge.nationalProcedures) checkSource(entry, 'source', entry.source, 'national');
  for (const entry of knowledge.procedures) {
    checkSource(entry, 'source', entry.source, entry.municipality);
    entry.covers.forEach((target, index) => refer(entry, `covers.${index}`, target, nationalIds, 'national procedure'));
  }
  for (const entry of knowledge.sections) {
    checkSource(entry, 'source', entry.source, entry.municipality);
    entry.terms.forEach((target, index) => refer(entry, `terms.${index}`, target, glossaryIds, 'glossary id'));
  }
  for (const entry of knowledge.kpis) {
    checkSource(entry, 'source', entry.source, entry.municipality);
    if (entry.section !== undefined) refer(entry, 'section', entry.section, sectionIds, 'section');
  }
  for (const entry of knowledge.facts) checkSource(entry, 'source', entry.source, entry.municipality);
  problems.push(...checkGlossaryNames(knowledge, fileOf), ...checkFaqWordings(knowledge, fileOf));
  return problems;
}

// Two glossary entries answering to the same name would make the bot pick one at random; the
// concept should be one entry with both definitions instead.
function checkGlossaryNames(knowledge: KnowledgeBase, fileOf: Map<Record<string, unknown>, string>): Problem[] {
  const problems: Problem[] = [];
  const owner = new Map<string, string>();
  for (const entry of knowledge.glossary) {
    const names = new Set([entry.term, ...entry.aliases].map((name) => name.normalize('NFKC').toLowerCase().replace(/[\s・]/g, '')));
    for (const name of names) {
      const other = owner.get(name);
      if (other === undefined) owner.set(name, entry.id);
      else problems.push({ file: fileOf.get(entry as unknown as Record<string, unknown>) ?? '?', id: entry.id, field: 'aliases', message: `the name "${name}" also belongs to glossary entry "${other}": merge them or drop the alias` });
    }
  }
  return problems;
}
