/**
 * A known week of conversations, sent through the real webhook, and the figures a report over
 * 2026-06-01..2026-06-04 (JST) must show for it.
 */
import { feedbackTap, lineUserId, municipalityChoice, textMessage } from './webhook-events.js';

export const KANOYA_USER = lineUserId(0xa);
export const NO_CITY_USER = lineUserId(0xb);
export const URESHINO_USER = lineUserId(0xc);

/** A message that must come out of a CSV export quoted and defused. */
export const AWKWARD_TEXT = '=HYPERLINK("x"),改行\nあり';

/** The events, oldest first; times are JST. */
export function scenarioBodies(): string[] {
  const a = (at: string) => ({ user: KANOYA_USER, at });
  const b = (at: string) => ({ user: NO_CITY_USER, at });
  const c = (at: string) => ({ user: URESHINO_USER, at });
  return [
    municipalityChoice('鹿屋市', a('2026-05-30T09:00:00+09:00')),
    municipalityChoice('嬉野市', c('2026-05-30T09:00:00+09:00')),
    // Before the period: counted nowhere.
    textMessage('RPAとは', a('2026-05-31T12:00:00+09:00')),
    // 2026-06-01
    textMessage('RPAとは', a('2026-06-01T10:00:00+09:00')),
    feedbackTap('rpa', true, a('2026-06-01T10:01:00+09:00')),
    textMessage('図書館の開館時間は？', b('2026-06-01T11:00:00+09:00')),
    textMessage('こんにちは', b('2026-06-01T11:05:00+09:00')),
    // 2026-06-02
    textMessage('図書館の開館時間を教えて', b('2026-06-02T09:00:00+09:00')),
    textMessage('図書館の開館時間は何時', c('2026-06-02T10:00:00+09:00')),
    textMessage(AWKWARD_TEXT, b('2026-06-02T11:00:00+09:00')),
    textMessage('ロボパとは', a('2026-06-02T12:00:00+09:00')),
    textMessage('ＲＰＡって何ですか', c('2026-06-02T15:00:00+09:00')),
    feedbackTap('rpa', false, c('2026-06-02T15:01:00+09:00')),
    // 2026-06-03: nobody wrote. 2026-06-04 00:30 JST is still 2026-06-03 in UTC.
    textMessage('児童手当の現況届はオンラインで出せますか', b('2026-06-04T00:30:00+09:00')),
    // After the period.
    textMessage('RPAとは', a('2026-06-05T08:00:00+09:00')),
  ];
}

/** The period the expected figures are for. */
export const SCENARIO_PERIOD = { from: '2026-06-01', to: '2026-06-04' } as const;
