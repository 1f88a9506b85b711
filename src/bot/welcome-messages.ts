import type { messagingApi } from '@line/bot-sdk';
import { CAPABILITIES, EXAMPLE_QUESTIONS } from '../engine/compose/canned-replies.js';
import { municipalityQuickReplies, textMessage } from '../line/answer-messages.js';

/** The first thing a new friend reads: what the bot does, a question, and examples. */
export function welcomeMessages(): messagingApi.Message[] {
  return [
    textMessage(`友だち追加ありがとうございます。DX ナビです。\n${CAPABILITIES}\n\n質問の例：\n${EXAMPLE_QUESTIONS.map((q) => `・${q}`).join('\n')}`),
    textMessage('お住まいの市を選んでください。その市の計画の内容を優先してお答えします（あとから変更できます）。', municipalityQuickReplies()),
  ];
}

/** Introduction when the bot is invited to a group or room. */
export function joinMessages(): messagingApi.Message[] {
  return [textMessage(`DX ナビです。${CAPABILITIES}\n例：「RPAとは」「転出届はオンラインで出せる？」`)];
}

// A Map: the kind comes from the event, and a plain object would answer "toString" with a function.
const MESSAGE_KINDS = new Map([
  ['sticker', 'スタンプ'],
  ['image', '画像'],
  ['video', '動画'],
  ['audio', '音声'],
  ['file', 'ファイル'],
  ['location', '位置情報'],
]);

/** For stickers, images, audio, files and locations: what the bot can read. */
export function unsupportedMessageReply(kind: string): messagingApi.Message[] {
  return [textMessage(`${MESSAGE_KINDS.get(kind) ?? 'このメッセージ'}をお送りいただきありがとうございます。申し訳ありませんが、DX ナビは文字のご質問にだけお答えできます。知りたいことを文字で送ってください。`)];
}
