import type { Municipality } from '../knowledge/schema.js';
import type { DocumentKind } from '../search/search-document.js';
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
  /** The link button's label when the entry names one (an FAQ's リンク名). */
  linkLabel?: string;
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
  trace: AnswerTrace;
}
