/**
 * The answer decision: answer, ask back, or decline. It reads the evidence the search gathered
 * about the best entry (is the thing asked about named? how much of the question's focus does the
 * entry hold, and how rare are those words?) and nothing about how tidy the message is: a story
 * before the question or a chatty ending changes none of these features.
 *
 * The thresholds and the confidence weights are data (DECISION_CALIBRATION), calibrated on the
 * dev sets; every decision carries the rule that made it and its features, for the staff panel.
 */
import type { SearchHit } from '../search/search-index.js';

/** Calibrated on ../shared/eval/dev.jsonl and dev-resident.jsonl (see docs/design.md). */
export const DECISION_CALIBRATION = {
  /** Share of the whole message found in the entry that is enough on its own (tidy questions). */
  minMessageCoverage: 0.55,
  /** Share of the question's focus (story and chat left out) found in the entry… */
  minFocusCoverage: 0.4,
  /** …backed by at least this much evidence: the summed rarity (IDF) of the focus words found. */
  minFocusMass: 3.5,
  /** Logistic confidence: weights of the features and the bias, fitted on the dev sets by `npm run calibrate`. */
  confidence: { bias: -1.37, named: 1.27, focusCoverage: 1.95, messageCoverage: 1.78, focusMass: 0.11 },
} as const;

export type DecisionOutcome = 'answer' | 'decline';

/** The evidence about the best entry. */
export interface DecisionFeatures {
  /** The question names the entry: the whole message is its name, or a thing asked about ends in it. */
  named: boolean;
  focusCoverage: number;
  focusMass: number;
  messageCoverage: number;
  /** The entry holds the head noun of the thing asked about (免除 of 「国民年金の保険料の免除」). */
  holdsHead: boolean;
}

/** What was decided about the best entry, why, and how sure the engine is. */
export interface AnswerDecision {
  outcome: DecisionOutcome;
  /** The rule that decided, in words staff can read. */
  rule: string;
  /** 0…1: how likely the entry answers the question, from the calibrated features. */
  confidence: number;
  features: DecisionFeatures;
}

/** The features of a hit, as the decision reads them. */
export function featuresOf(hit: SearchHit): DecisionFeatures {
  return {
    named: hit.exactName || hit.namedInFocus,
    focusCoverage: hit.focusCoverage,
    focusMass: hit.focusMass,
    messageCoverage: hit.coverage,
    holdsHead: hit.holdsHead,
  };
}

/** Decides whether the best entry answers the question. */
export function decide(top: SearchHit | undefined): AnswerDecision {
  if (!top) return { outcome: 'decline', rule: '該当する項目なし', confidence: 0, features: { named: false, focusCoverage: 0, focusMass: 0, messageCoverage: 0, holdsHead: false } };
  const features = featuresOf(top);
  const confidence = confidenceOf(features);
  const calibration = DECISION_CALIBRATION;
  if (features.named) return { outcome: 'answer', rule: '質問の対象がこの項目の名前', confidence, features };
  // 「運転免許の更新はオンラインで？」 is not answered by a card about online applications in general.
  if (!features.holdsHead) return { outcome: 'decline', rule: '質問の対象（中心の語）がこの項目にない', confidence, features };
  if (features.messageCoverage >= calibration.minMessageCoverage) return { outcome: 'answer', rule: '質問の大部分がこの項目にある', confidence, features };
  if (features.focusCoverage >= calibration.minFocusCoverage && features.focusMass >= calibration.minFocusMass) {
    return { outcome: 'answer', rule: '質問の焦点がこの項目にある', confidence, features };
  }
  return { outcome: 'decline', rule: '質問の焦点がどの項目にも十分にない', confidence, features };
}

/** The calibrated probability that an entry with these features answers the question. */
export function confidenceOf(features: DecisionFeatures): number {
  const weights = DECISION_CALIBRATION.confidence;
  const z =
    weights.bias +
    weights.named * (features.named ? 1 : 0) +
    weights.focusCoverage * features.focusCoverage +
    weights.messageCoverage * features.messageCoverage +
    weights.focusMass * Math.min(features.focusMass, MAX_FOCUS_MASS);
  return Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
}

/** Focus mass above this adds nothing to the confidence: one rare word must not dominate. */
export const MAX_FOCUS_MASS = 25;
