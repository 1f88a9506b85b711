import { describe, expect, it } from 'vitest';
import { confidenceOf, decide, DECISION_CALIBRATION, type DecisionFeatures } from '../../src/engine/answer-decision.js';
import type { SearchHit } from '../../src/search/search-index.js';

const hit = (overrides: Partial<SearchHit>): SearchHit => ({
  document: { id: 'x', kind: 'glossary', title: 'X', names: [], body: '', municipality: null },
  score: 1,
  coverage: 0,
  containsName: false,
  exactName: false,
  focusCoverage: 0,
  focusMass: 0,
  namedInFocus: false,
  holdsHead: true,
  headInName: false,
  ...overrides,
});

describe('decide', () => {
  it('declines when there is nothing', () => {
    expect(decide(undefined).outcome).toBe('decline');
  });

  it('answers when the thing asked about is the entry’s name, however little else matches', () => {
    const decision = decide(hit({ namedInFocus: true, focusCoverage: 0.2, coverage: 0.1 }));
    expect(decision.outcome).toBe('answer');
    expect(decision.rule).toContain('名前');
  });

  it('answers a story-first question from its focus, not from the whole message', () => {
    const calibration = DECISION_CALIBRATION;
    const story = hit({ coverage: 0.2, focusCoverage: calibration.minFocusCoverage, focusMass: calibration.minFocusMass });
    expect(decide(story).outcome).toBe('answer');
    expect(decide({ ...story, focusMass: calibration.minFocusMass - 1 }).outcome).toBe('decline');
  });

  it('never answers with an entry that lacks the head noun of what is asked', () => {
    const decision = decide(hit({ coverage: 0.9, focusCoverage: 0.9, focusMass: 20, holdsHead: false }));
    expect(decision.outcome).toBe('decline');
    expect(decision.rule).toContain('中心の語');
  });
});

describe('confidenceOf', () => {
  const base: DecisionFeatures = { named: false, focusCoverage: 0.3, focusMass: 3, messageCoverage: 0.3, holdsHead: true };
  it('is a probability that grows with the evidence', () => {
    const low = confidenceOf(base);
    const high = confidenceOf({ ...base, named: true, focusCoverage: 1, messageCoverage: 1, focusMass: 12 });
    expect(low).toBeGreaterThan(0);
    expect(high).toBeLessThan(1);
    expect(high).toBeGreaterThan(low);
  });
});
