import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Problem } from '../../src/knowledge/problem.js';

const fixtures = fileURLToPath(new URL('../fixtures/knowledge/', import.meta.url));
const made: string[] = [];

/** The valid fixture with one broken file laid over it, in a fresh temporary directory. */
async function knowledgeWith(defect?: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dx-knowledge-'));
  made.push(dir);
  await cp(path.join(fixtures, 'valid'), dir, { recursive: true });
  if (defect) await cp(path.join(fixtures, 'broken', defect), dir, { recursive: true });
  return dir;
}

async function problemsOf(defect: string): Promise<Problem[]> {
  const result = await loadKnowledge(await knowledgeWith(defect));
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('validateKnowledge', () => {
  it('accepts the valid fixture and returns every kind', async () => {
    const result = await loadKnowledge(await knowledgeWith());
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    const { knowledge } = result;
    expect(knowledge.plans.map((p) => p.id)).toEqual(['plan-kanoya']);
    expect(knowledge.glossary.map((g) => g.id).sort()).toEqual(['ai', 'rpa']);
    expect(knowledge.procedures[0]?.covers).toEqual(['nat-10']);
    expect(knowledge.kpis[0]?.target.number).toBe(50000);
    expect(knowledge.synonyms[0]?.words).toContain('引っ越し');
  });

  // Each broken fixture carries exactly one defect; the report must name file, entry and field.
  const cases: Array<[string, Omit<Partial<Problem>, 'message'> & { message: RegExp }]> = [
    ['invalid-yaml', { file: 'kpis/kanoya.yaml', message: /not valid YAML \(line \d+\)/ }],
    ['missing-source', { file: 'facts/kanoya.yaml', id: 'kanoya-org-headquarters', field: 'source', message: /./ }],
    ['unknown-municipality', { file: 'sections/kanoya.yaml', id: 'kanoya-s1-period', field: 'municipality', message: /./ }],
    ['duplicate-id', { file: 'sections/kanoya.yaml', id: 'kanoya-s1-period', field: 'id', message: /duplicate id: also used in facts\/kanoya.yaml/ }],
    ['dangling-covers', { file: 'procedures/kanoya.yaml', id: 'kanoya-mynaportal', field: 'covers.0', message: /unknown national procedure "nat-99"/ }],
    ['dangling-plan', { file: 'glossary/ai.yaml', id: 'ai', field: 'definitions.0.source.plan', message: /unknown plan "plan-nowhere"/ }],
    ['dangling-related', { file: 'glossary/ai.yaml', id: 'ai', field: 'related.0', message: /unknown glossary id "machine-learning"/ }],
    ['dangling-kpi-section', { file: 'kpis/kanoya.yaml', id: 'kanoya-kpi-online-applications', field: 'section', message: /unknown section/ }],
    ['glossary-file-name', { file: 'glossary/artificial-intelligence.yaml', id: 'artificial-intelligence-2', field: 'id', message: /expected glossary\/artificial-intelligence-2.yaml/ }],
    ['wrong-municipality-file', { file: 'facts/kanoya.yaml', id: 'kanoya-org-headquarters', field: 'municipality', message: /holds 鹿屋市 entries, not 垂水市/ }],
    ['shared-alias', { file: 'glossary/artificial-intelligence.yaml', id: 'artificial-intelligence', field: 'aliases', message: /"人工知能" also belongs to glossary entry "ai"/ }],
    ['not-a-list', { file: 'sections/kanoya.yaml', message: /must be a YAML list/ }],
    ['reading-not-hiragana', { file: 'glossary/ai.yaml', id: 'ai', field: 'reading', message: /hiragana/ }],
    ['bad-status', { file: 'procedures/kanoya.yaml', id: 'kanoya-mynaportal', field: 'status', message: /./ }],
  ];

  it.each(cases)('reports %s with its location', async (defect, expected) => {
    const problems = await problemsOf(defect);
    const { message, ...where } = expected;
    const match = problems.find(
      (problem) => message.test(problem.message) && Object.entries(where).every(([key, value]) => problem[key as keyof Problem] === value),
    );
    expect(match, JSON.stringify(problems, null, 1)).toBeDefined();
  });

  it('reports every problem in one run, not just the first', async () => {
    const dir = await knowledgeWith('dangling-covers');
    await cp(path.join(fixtures, 'broken', 'dangling-related'), dir, { recursive: true });
    const result = await loadKnowledge(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field).sort()).toEqual(['covers.0', 'related.0']);
  });
});
