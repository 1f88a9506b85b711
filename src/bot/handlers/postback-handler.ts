import type { webhook } from '@line/bot-sdk';
import { candidatesReply } from '../../engine/compose/canned-replies.js';
import { helpReply, planMenuReply, procedureTopicsReply, termsReply, topicAnswer } from '../../engine/menu-answers.js';
import type { Municipality } from '../../knowledge/schema.js';
import { answerToMessages, municipalityQuickReplies, textMessage, toLineQuickReplies } from '../../line/answer-messages.js';
import { chooseCityMessages, menuReplyToMessages } from '../../line/menu-messages.js';
import { parsePostback, type MenuItem } from '../../line/postback-data.js';
import type { messagingApi } from '@line/bot-sdk';
import type { BotDependencies } from '../bot-dependencies.js';
import { eventLoopTurns } from '../event-loop-turns.js';
import { originOf } from '../event-source.js';
import { storedMunicipality } from '../stored-municipality.js';

/** Taps on postback buttons and rich-menu areas: city choice, menu, topics, くわしく, feedback, other candidates. */
export async function handlePostback(event: webhook.PostbackEvent, deps: BotDependencies): Promise<void> {
  const origin = originOf(event.source, deps.userHashSalt);
  const postback = parsePostback(event.postback.data);
  const send = (messages: messagingApi.Message[]) => (event.replyToken ? deps.line.reply(event.replyToken, messages) : Promise.resolve());
  const reply = (text: string, quickReplies?: Parameters<typeof textMessage>[1]) => send([textMessage(text, quickReplies)]);
  const city = async (): Promise<Municipality | null> => (await storedMunicipality(deps.store, origin.key)) ?? deps.defaultMunicipality;

  if (!postback) {
    await reply('申し訳ありません。このボタンは使えなくなりました。知りたいことを文字で送ってください。');
    return;
  }
  switch (postback.action) {
    case 'municipality':
      await deps.store.setMunicipality(origin.key, postback.value);
      await reply(`${postback.value}に設定しました。`);
      return;
    case 'menu':
      await send(await menuMessages(postback.item, deps, await city()));
      return;
    case 'category': {
      const asker = await city();
      if (!asker) {
        await reply('手続きは市ごとに違います。お住まいの市を選んでから、もう一度「手続きを調べる」を押してください。', municipalityQuickReplies());
        return;
      }
      const answer = await eventLoopTurns.run(() => topicAnswer(deps.engine().knowledgeBase, postback.value, asker));
      await send(answerToMessages(answer));
      return;
    }
    case 'detail':
    case 'others': {
      const asker = await city();
      const answer = await eventLoopTurns.run(() => deps.engine().expand(postback.entry, postback.action, { municipality: asker }));
      if (!answer) {
        await reply('申し訳ありません。この回答の続きは見つかりませんでした（情報が更新された可能性があります）。もう一度質問を送ってください。');
        return;
      }
      await send(answerToMessages(answer));
      return;
    }
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

/** What each rich-menu area answers. */
async function menuMessages(item: MenuItem, deps: BotDependencies, city: Municipality | null): Promise<messagingApi.Message[]> {
  const knowledge = deps.engine().knowledgeBase;
  switch (item) {
    case 'procedures':
      return menuReplyToMessages(procedureTopicsReply());
    case 'terms':
      return menuReplyToMessages(termsReply(knowledge));
    case 'plan':
      return menuReplyToMessages(planMenuReply(knowledge, city));
    case 'city':
      return chooseCityMessages(city);
    case 'help':
      return menuReplyToMessages(helpReply());
  }
}
