import type { Municipality } from '../knowledge/schema.js';
import type { DocumentKind } from '../search/search-document.js';
import type { AnswerDecision } from './answer-decision.js';
import type { Intent } from './intent.js';

/** A follow-up the person can tap: send a message, or a postback the bot handles itself. */
export type QuickReply =
  | { type: 'message'; label: string; text: string }
  | { type: 'postback'; label: string; data: string; displayText?: string };

/** The main answer, shaped so the LINE layer can render a Flex bubble or plain text. */
export interface AnswerCard {
  title: string;
  /** The key fact, first. */
  lead: string;
  details: string[];
  /** 「市名・計画名・章」 lines. */
  sources: string[];
  url?: string;
  /**
   * What the engine can say next about this entry, behind buttons: 「くわしく」 (the whole entry,
   * every source) and 「他の市では」 (what the other cities' plans say). See AnswerEngine.expand.
   */
  more?: Array<'detail' | 'others'>;
  /** The link button's label when `url` is set (default 詳しく見る): マイナポータル, an FAQ's リンク名. */
  urlLabel?: string;
  /** Who to ask: 担当課 and phone, as staff wrote it (FAQ answers). */
  contact?: string;
  /** A caveat shown last, e.g. to confirm current availability with the city. */
  note?: string;
}

/** A ranked hit as reported to the eval, the CLI and the staff panel. */
export interface HitSummary {
  id: string;
  kind: DocumentKind;
  title: string;
  municipality: string | null;
  score: number;
  coverage: number;
  /** Share of the question's focus found in the entry, 0…1 (absent for lists built without a search). */
  focusCoverage?: number;
  /** How much evidence the focus coverage is: the summed rarity of the focus words found. */
  focusMass?: number;
  /** The message names the entry: exactly, as the thing a question is about, or somewhere inside it. */
  named?: 'exact' | 'focus' | 'contained';
  source?: string;
}

/** Why the engine answered as it did: shown to staff in the simulator, never to residents. */
export interface AnswerTrace {
  normalized: string;
  terms: string[];
  readings: string[];
  municipalitySource: 'message' | 'remembered' | 'none';
}

/** Everything the engine says about one message. Plain data: no LINE or HTTP types. */
export interface Answer {
  query: string;
  answered: boolean;
  intent: Intent;
  municipality: Municipality | null;
  /** Plain text shown before (or instead of) the card. */
  message: string | null;
  card: AnswerCard | null;
  /** The knowledge entry the answer is about, for feedback. */
  entryId: string | null;
  hits: HitSummary[];
  quickReplies: QuickReply[];
  /** Offer the five cities to choose from (the suggested one first): a city-change request. */
  cityChoice?: { suggested: Municipality | null };
  trace: AnswerTrace;
  /** How the answer decision went for the best entry (absent when no search was needed). */
  decision?: AnswerDecision;
}
