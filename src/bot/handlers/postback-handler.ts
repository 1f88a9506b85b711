import type { webhook } from '@line/bot-sdk';
import { candidatesReply } from '../../engine/compose/canned-replies.js';
import { textMessage, toLineQuickReplies } from '../../line/answer-messages.js';
import { parsePostback } from '../../line/postback-data.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { eventLoopTurns } from '../event-loop-turns.js';
import { originOf } from '../event-source.js';

/** Taps on postback buttons: municipality choice, feedback, other candidates. */
export async function handlePostback(event: webhook.PostbackEvent, deps: BotDependencies): Promise<void> {
  const origin = originOf(event.source, deps.userHashSalt);
  const postback = parsePostback(event.postback.data);
  const reply = (text: string, quickReplies?: Parameters<typeof textMessage>[1]) =>
    event.replyToken ? deps.line.reply(event.replyToken, [textMessage(text, quickReplies)]) : Promise.resolve();

  if (!postback) {
    await reply('申し訳ありません。このボタンは使えなくなりました。知りたいことを文字で送ってください。');
    return;
  }
  switch (postback.action) {
    case 'municipality':
      await deps.store.setMunicipality(origin.key, postback.value);
      await reply(`${postback.value}に設定しました。${postback.value}の計画の内容を優先してお答えします。知りたいことを送ってください。`);
      return;
    case 'feedback':
      await deps.store
        .addFeedback({ at: new Date(event.timestamp).toISOString(), userKey: origin.key, entryId: postback.entry, helpful: postback.helpful, eventId: event.webhookEventId })
        .catch((error: unknown) => {
          deps.onRecordDropped?.('feedback');
          deps.logger.error('feedback dropped: the store could not write it', { webhookEventId: event.webhookEventId, error: String(error) });
        });
      await reply(postback.helpful ? 'ありがとうございます。今後の改善に役立てます。' : 'ご意見ありがとうございます。回答の改善に役立てます。言葉を変えて質問すると、別の答えが見つかることがあります。');
      return;
    case 'more': {
      const answer = await eventLoopTurns.run(() => deps.engine().ask(postback.q));
      const titles = answer.hits.map((hit) => hit.title).filter((title, index, all) => all.indexOf(title) === index).slice(1, 6);
      if (titles.length === 0) {
        await reply('ほかの候補は見つかりませんでした。言葉を変えて質問してみてください。');
        return;
      }
      const candidates = candidatesReply(titles);
      await reply('ほかの候補です。知りたいものを選んでください。', toLineQuickReplies(candidates.quickReplies));
      return;
    }
  }
}
