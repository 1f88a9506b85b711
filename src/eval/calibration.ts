/**
 * Calibrating the answer decision's confidence: a logistic model over the decision's features,
 * fitted on labelled questions (did the engine's best entry answer the question?), and the
 * figures that say how well a confidence separates right answers from wrong ones.
 */
import { MAX_FOCUS_MASS, type DecisionFeatures } from '../engine/answer-decision.js';

/** One labelled example: the features of the best entry, and whether that entry was right. */
export interface CalibrationExample {
  features: DecisionFeatures;
  right: boolean;
}

/** Logistic weights in the shape DECISION_CALIBRATION.confidence keeps them. */
export interface ConfidenceWeights {
  bias: number;
  named: number;
  focusCoverage: number;
  messageCoverage: number;
  focusMass: number;
}

/** The features as the model reads them; focus mass is capped so one rare word cannot dominate. */
export function featureVector(features: DecisionFeatures): number[] {
  return [1, features.named ? 1 : 0, features.focusCoverage, features.messageCoverage, Math.min(features.focusMass, MAX_FOCUS_MASS)];
}

/** Fits logistic weights by gradient descent with a small L2 penalty (bias unpenalised). */
export function fitConfidence(examples: readonly CalibrationExample[], iterations = 4000, rate = 0.05, l2 = 0.01): ConfidenceWeights {
  const weights = [0, 0, 0, 0, 0];
  if (examples.length === 0) return toWeights(weights);
  const rows = examples.map((example) => ({ x: featureVector(example.features), y: example.right ? 1 : 0 }));
  // Focus mass runs to 25 while the other features stay within 0…1: scale it for the descent.
  const scale = [1, 1, 1, 1, 0.1];
  for (let step = 0; step < iterations; step += 1) {
    const gradient = [0, 0, 0, 0, 0];
    for (const { x, y } of rows) {
      const p = sigmoid(x.reduce((sum, value, index) => sum + value * scale[index]! * weights[index]!, 0));
      for (let index = 0; index < weights.length; index += 1) gradient[index]! += (p - y) * x[index]! * scale[index]!;
    }
    for (let index = 0; index < weights.length; index += 1) {
      const penalty = index === 0 ? 0 : l2 * weights[index]!;
      weights[index]! -= rate * (gradient[index]! / rows.length + penalty);
    }
  }
  return toWeights(weights.map((weight, index) => weight * scale[index]!));
}

/** The probability the weights give to the features. */
export function predict(weights: ConfidenceWeights, features: DecisionFeatures): number {
  const [bias, named, focus, message, mass] = featureVector(features);
  return sigmoid(weights.bias * bias! + weights.named * named! + weights.focusCoverage * focus! + weights.messageCoverage * message! + weights.focusMass * mass!);
}

/** Area under the ROC curve: the chance a right answer gets a higher confidence than a wrong one (ties count half). */
export function areaUnderCurve(scored: ReadonlyArray<{ confidence: number; right: boolean }>): number {
  const right = scored.filter((item) => item.right).map((item) => item.confidence);
  const wrong = scored.filter((item) => !item.right).map((item) => item.confidence);
  if (right.length === 0 || wrong.length === 0) return Number.NaN;
  let wins = 0;
  for (const r of right) for (const w of wrong) wins += r > w ? 1 : r === w ? 0.5 : 0;
  return wins / (right.length * wrong.length);
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function toWeights([bias, named, focusCoverage, messageCoverage, focusMass]: number[]): ConfidenceWeights {
  const round = (value: number | undefined) => Math.round((value ?? 0) * 100) / 100;
  return { bias: round(bias), named: round(named), focusCoverage: round(focusCoverage), messageCoverage: round(messageCoverage), focusMass: round(focusMass) };
}
