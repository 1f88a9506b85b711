import { messagingApi } from '@line/bot-sdk';

/** The two Messaging API calls the bot makes; an interface so the edge stays swappable. */
export interface LineGateway {
  /** Sends the reply for one event; a reply token works once. */
  reply(replyToken: string, messages: messagingApi.Message[]): Promise<void>;
  /** Shows the "…" loading animation in a 1:1 chat while the answer is prepared. */
  showLoading(chatId: string, seconds?: number): Promise<void>;
}

/** The gateway over @line/bot-sdk's client, pointed at `baseUrl` (the real API or a stand-in). */
export function messagingApiGateway(options: { baseUrl: string; channelAccessToken: string }): LineGateway {
  const client = new messagingApi.MessagingApiClient({ baseURL: options.baseUrl, channelAccessToken: options.channelAccessToken });
  return {
    reply: async (replyToken, messages) => {
      await client.replyMessage({ replyToken, messages });
    },
    showLoading: async (chatId, seconds = 5) => {
      await client.showLoadingAnimation({ chatId, loadingSeconds: seconds });
    },
  };
}
