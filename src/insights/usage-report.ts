import type { Intent } from '../engine/intent.js';
import type { Municipality } from '../knowledge/schema.js';
import { MISSED_EVENT_INTENT, type FeedbackEntry, type LogEntry } from '../storage/store.js';
import type { EntryCatalog } from './entry-catalog.js';
import { groupSimilarQuestions, tallyByKey, type QuestionGroup, type Wording } from './group-questions.js';
import { datesBetween, jstDateOf } from './jst-dates.js';
import { periodOf, type ReportOptions } from './report-options.js';

/** Messages that are not questions: the bot answers them with a canned reply, never "answered". */
export const SMALL_TALK_INTENTS: ReadonlySet<string> = new Set<Intent>(['greeting', 'thanks', 'help']);
/** How many of the most asked questions a report lists by default. */
export const DEFAULT_TOP_LIMIT = 20;

/** Counts for one JST day. */
export interface DailyCount {
  date: string;
  /** Every text message, small talk included. */
  messages: number;
  /** Messages that asked something (not greetings, thanks or help). */
  questions: number;
  answered: number;
}

/** One of the most asked questions (same wording after normalising). */
export interface TopQuestion {
  question: string;
  count: number;
  answered: number;
  wordings: Wording[];
  /** The entry most often answered with, if any. */
  entryId: string | null;
  entryTitle: string | null;
}

/** 役に立った / 役に立たなかった for one entry. */
export interface EntryFeedback {
  entryId: string;
  /** null when the knowledge no longer has the entry. */
  title: string | null;
  helpful: number;
  notHelpful: number;
}

/** Everything staff see for one period. */
export interface UsageReport {
  options: ReportOptions;
  totals: {
    messages: number;
    questions: number;
    answered: number;
    unanswered: number;
    /** answered ÷ questions, or null when nobody asked anything. */
    answeredRate: number | null;
    /** Events acknowledged to LINE but never answered (their process stopped; the reply token expired); not in messages. */
    missed: number;
    helpful: number;
    notHelpful: number;
  };
  daily: DailyCount[];
  topQuestions: TopQuestion[];
  /** Unanswered questions grouped by similar wording, the biggest group first. */
  unanswered: QuestionGroup[];
  feedback: EntryFeedback[];
}

/** The records a report is computed from. */
export interface UsageReportInput {
  /** Logs of the period; earlier ones may be included to place feedback and are not counted. */
  logs: readonly LogEntry[];
  feedback: readonly FeedbackEntry[];
  options: ReportOptions;
  entries: EntryCatalog;
  topLimit?: number;
}

/** Computes the report: pure, so the CLI and the admin API show the same figures. */
export function buildUsageReport(input: UsageReportInput): UsageReport {
  const { options, entries } = input;
  const period = periodOf(options);
  const within = (at: string) => {
    const time = Date.parse(at);
    return time >= period.from.getTime() && time < period.to.getTime();
  };
  const inScope = (municipality: string | null) => options.municipality === null || municipality === options.municipality;

  const periodLogs = input.logs.filter((log) => within(log.at) && inScope(log.municipality));
  const missed = periodLogs.filter((log) => log.intent === MISSED_EVENT_INTENT).length;
  const logs = periodLogs.filter((log) => log.intent !== MISSED_EVENT_INTENT);
  const questions = logs.filter((log) => !SMALL_TALK_INTENTS.has(log.intent));
  const answered = questions.filter((log) => log.answered).length;
  const placeOf = feedbackPlacer(input.logs, entries);
  const feedback = input.feedback.filter((entry) => within(entry.at) && inScope(placeOf(entry)));
  const perEntry = feedbackPerEntry(feedback, entries);

  return {
    options,
    totals: {
      messages: logs.length,
      questions: questions.length,
      answered,
      unanswered: questions.length - answered,
      answeredRate: questions.length === 0 ? null : answered / questions.length,
      missed,
      helpful: perEntry.reduce((sum, entry) => sum + entry.helpful, 0),
      notHelpful: perEntry.reduce((sum, entry) => sum + entry.notHelpful, 0),
    },
    daily: dailyCounts(logs, options),
    topQuestions: topQuestions(questions, entries, input.topLimit ?? DEFAULT_TOP_LIMIT),
    unanswered: groupSimilarQuestions(questions.filter((log) => !log.answered)),
    feedback: perEntry,
  };
}

function dailyCounts(logs: readonly LogEntry[], options: ReportOptions): DailyCount[] {
  // Every day of the period appears, so a quiet day shows as 0 rather than going missing.
  const days = new Map(datesBetween(options.from, options.to).map((date) => [date, { date, messages: 0, questions: 0, answered: 0 }]));
  for (const log of logs) {
    const day = days.get(jstDateOf(log.at));
    if (!day) continue;
    day.messages += 1;
    if (SMALL_TALK_INTENTS.has(log.intent)) continue;
    day.questions += 1;
    if (log.answered) day.answered += 1;
  }
  return [...days.values()];
}

function topQuestions(questions: readonly LogEntry[], entries: EntryCatalog, limit: number): TopQuestion[] {
  return tallyByKey(questions)
    .slice(0, limit)
    .map((tally) => {
      const entryId = mostFrequent(tally.items.flatMap((log) => (log.entryId ? [log.entryId] : [])));
      return {
        question: tally.wordings[0]?.text ?? '',
        count: tally.items.length,
        answered: tally.items.filter((log) => log.answered).length,
        wordings: tally.wordings,
        entryId,
        entryTitle: entryId === null ? null : (entries.get(entryId)?.title ?? null),
      };
    });
}

function feedbackPerEntry(feedback: readonly FeedbackEntry[], entries: EntryCatalog): EntryFeedback[] {
  const perEntry = new Map<string, EntryFeedback>();
  for (const entry of feedback) {
    const row = perEntry.get(entry.entryId) ?? { entryId: entry.entryId, title: entries.get(entry.entryId)?.title ?? null, helpful: 0, notHelpful: 0 };
    if (entry.helpful) row.helpful += 1;
    else row.notHelpful += 1;
    perEntry.set(entry.entryId, row);
  }
  // The entries people found unhelpful most often are the ones to look at first.
  return [...perEntry.values()].sort((left, right) => right.notHelpful - left.notHelpful || right.helpful - left.helpful || left.entryId.localeCompare(right.entryId));
}

/**
 * Where a piece of feedback belongs: the municipality of the answer it rates (the same person's
 * latest log for that entry at or before the tap), else the entry's own municipality (a
 * person who named no city, or whose log is older than the data kept).
 */
function feedbackPlacer(logs: readonly LogEntry[], entries: EntryCatalog): (entry: FeedbackEntry) => Municipality | string | null {
  const answers = new Map<string, LogEntry[]>();
  for (const log of logs) {
    if (log.entryId === null) continue;
    const key = `${log.userKey}\u0000${log.entryId}`;
    const list = answers.get(key);
    if (list) list.push(log);
    else answers.set(key, [log]);
  }
  return (entry) => {
    const tapped = Date.parse(entry.at);
    let latest: LogEntry | undefined;
    for (const log of answers.get(`${entry.userKey}\u0000${entry.entryId}`) ?? []) {
      const time = Date.parse(log.at);
      if (time <= tapped && (latest === undefined || time >= Date.parse(latest.at))) latest = log;
    }
    return latest?.municipality ?? entries.get(entry.entryId)?.municipality ?? null;
  };
}

function mostFrequent(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = value;
  return best;
}
