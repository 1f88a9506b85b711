import type { messagingApi } from '@line/bot-sdk';
import type { MenuReply } from '../engine/menu-answers.js';
import type { Municipality } from '../knowledge/schema.js';
import { textMessage } from './answer-messages.js';
import { encodePostback } from './postback-data.js';
import { municipalityQuickReplies, postbackItem, toLineQuickReplies } from './quick-replies.js';

/** A menu reply as one text message: its topics as postbacks, or the five cities when it needs one. */
export function menuReplyToMessages(reply: MenuReply): messagingApi.Message[] {
  const topics = (reply.topics ?? []).map((topic) => postbackItem(topic.label, encodePostback({ action: 'category', value: topic.id })));
  const cities = reply.needsCity ? municipalityQuickReplies() : [];
  return [textMessage(reply.message, [...cities, ...topics, ...toLineQuickReplies(reply.quickReplies)])];
}

/** 市を選ぶ / 市を変更: the five cities, the current one named. */
export function chooseCityMessages(current: Municipality | null): messagingApi.Message[] {
  return [textMessage(`お住まいの市を選んでください${current ? `（いまの設定：${current}）` : ''}。`, municipalityQuickReplies())];
}
