import type { AnswerCard } from '../answer.js';

/**
 * A composed answer: the short card a person reads first, and what its 「くわしく」 and
 * 「他の市では」 buttons answer in the next message (the card's `more` names which exist).
 */
export interface ComposedAnswer {
  card: AnswerCard;
  detail?: AnswerCard;
  others?: AnswerCard;
}
