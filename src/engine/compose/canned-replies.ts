import type { QuickReply } from '../answer.js';
import { truncateLabel } from './glossary-answer.js';

/** Example questions offered whenever the person may not know what to ask. */
export const EXAMPLE_QUESTIONS = [
  'デジタルデバイドとは',
  '児童手当の現況届はオンラインでできる？',
  'オンラインでできる介護の手続きは',
  '鹿屋市のDX推進計画の期間は',
  'LGWANって何？',
] as const;

const examples = (): QuickReply[] =>
  EXAMPLE_QUESTIONS.map((text) => ({ type: 'message', label: truncateLabel(text), text }));

/** What the bot can do, in two sentences. */
export const CAPABILITIES =
  '垂水市・西之表市・鹿屋市・嬉野市・薩摩川内市のDX推進計画をもとに、オンラインでできる手続き、DXの用語の意味、各市の計画の内容（目標・期間・取り組み）をお答えします。';

export const GREETING_REPLY = { message: `こんにちは。DX ナビです。${CAPABILITIES}知りたいことを短い文で送ってください。`, quickReplies: examples() };

export const THANKS_REPLY = { message: 'どういたしまして。ほかにも知りたいことがあれば、いつでも送ってください。', quickReplies: examples() };

export const HELP_REPLY = {
  message: `${CAPABILITIES}\n例：「RPAとは」「転出届はオンラインで出せる？」「薩摩川内市のオンライン申請の目標は」`,
  quickReplies: examples(),
};

/** The one button every decline offers: what the bot can answer, without guessing a topic. */
const HOW_TO_USE: QuickReply = { type: 'message', label: '使い方', text: '使い方' };

/**
 * When nothing in the plans answers the question: say so, say what the bot answers, and offer
 * only entries near the question. Unrelated example terms are never offered: someone asking
 * about a bereavement must not be shown 「LGWANって何？」.
 */
export function fallbackReply(namedMunicipality?: string, nearby: readonly string[] = []): { message: string; quickReplies: QuickReply[] } {
  const where = namedMunicipality ? `${namedMunicipality}のDX推進計画` : '各市のDX推進計画';
  const near = nearby.length > 0 ? '\n近い内容がある場合は、下のボタンから選べます。' : '';
  return {
    message: `申し訳ありません。ご質問に当てはまる内容を、${where}から見つけられませんでした。\n${CAPABILITIES}${near}`,
    quickReplies: [...nearby.map((title): QuickReply => ({ type: 'message', label: truncateLabel(title), text: title })), HOW_TO_USE],
  };
}

/** A question about a place the plans do not cover (佐賀市, 指宿): say which cities the bot covers, never answer with another city's entry. */
export function otherPlaceReply(place: string): { message: string; quickReplies: QuickReply[] } {
  return {
    message: `申し訳ありません。DX ナビは、垂水市・西之表市・鹿屋市・嬉野市・薩摩川内市のDX推進計画についてお答えしています。${place}のことは、${place}の窓口や公式ホームページでご確認ください。`,
    quickReplies: [HOW_TO_USE],
  };
}

/** When two entries fit equally well: ask instead of guessing, and say why. */
export function candidatesReply(titles: readonly string[], about: string | null = null): { message: string; quickReplies: QuickReply[] } {
  const why = about ? `「${about}」について、` : 'ご質問に';
  return {
    message: `${why}近い内容が${titles.length}件見つかり、どれについてのご質問か決められませんでした。どちらについてですか？下のボタンから選んでください。`,
    quickReplies: titles.map((title) => ({ type: 'message', label: truncateLabel(title), text: title })),
  };
}

/**
 * A question about "the plan" from someone who has not said, or chosen, which city: each city's
 * plan has its own answer, and guessing one would answer for the wrong city. Each button asks
 * the same question for one city.
 */
export function whichCityReply(question: string, cities: readonly string[]): { message: string; quickReplies: QuickReply[] } {
  const asked = question.trim();
  return {
    message: 'どの市の計画についてのご質問ですか？市を選んでください。',
    quickReplies: cities.map((city) => ({ type: 'message', label: city, text: `${city}の${asked}` })),
  };
}

/** A city whose plan gives no numeric targets: say so, and point to what it does say and to the cities that set targets. */
export function noTargetsReply(city: string, citiesWithTargets: readonly string[]): { message: string; quickReplies: QuickReply[] } {
  return {
    message: `${city}の計画には、数値目標（KPI）の記載が見つかりませんでした。計画の基本方針や取り組みについてお答えできます。`,
    quickReplies: [
      { type: 'message', label: `${city}の基本方針`, text: `${city}の基本方針は` },
      { type: 'message', label: `${city}の計画期間`, text: `${city}のDX推進計画の期間は` },
      ...citiesWithTargets.slice(0, 2).map((other): QuickReply => ({ type: 'message', label: `${other}の目標`, text: `${other}の目標は` })),
    ],
  };
}
