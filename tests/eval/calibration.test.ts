import { describe, expect, it } from 'vitest';
import type { DecisionFeatures } from '../../src/engine/answer-decision.js';
import { areaUnderCurve, fitConfidence, predict, type CalibrationExample } from '../../src/eval/calibration.js';

const features = (focusCoverage: number, named = false): DecisionFeatures => ({ named, focusCoverage, focusMass: focusCoverage * 10, messageCoverage: focusCoverage, holdsHead: true });

describe('fitConfidence', () => {
  it('learns that more of the focus found means a right entry more often', () => {
    const examples: CalibrationExample[] = [
      ...[0.8, 0.9, 1, 0.7, 0.95, 0.85].map((coverage) => ({ features: features(coverage), right: true })),
      ...[0.1, 0.2, 0.15, 0.3, 0.05, 0.25].map((coverage) => ({ features: features(coverage), right: false })),
    ];
    const weights = fitConfidence(examples);
    expect(predict(weights, features(0.9))).toBeGreaterThan(0.7);
    expect(predict(weights, features(0.1))).toBeLessThan(0.3);
  });

  it('returns neutral weights for no examples', () => {
    expect(predict(fitConfidence([]), features(1))).toBe(0.5);
  });
});

describe('areaUnderCurve', () => {
  it('is 1 when every right answer is more confident than every wrong one, 0.5 for ties', () => {
    expect(areaUnderCurve([{ confidence: 0.9, right: true }, { confidence: 0.2, right: false }])).toBe(1);
    expect(areaUnderCurve([{ confidence: 0.2, right: true }, { confidence: 0.9, right: false }])).toBe(0);
    expect(areaUnderCurve([{ confidence: 0.5, right: true }, { confidence: 0.5, right: false }])).toBe(0.5);
    expect(areaUnderCurve([{ confidence: 0.5, right: true }])).toBeNaN();
  });
});
