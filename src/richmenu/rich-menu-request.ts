import { createHash } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import { encodePostback } from '../line/postback-data.js';
import { areaBounds, CHAT_BAR_TEXT, RICH_MENU_AREAS, RICH_MENU_NAME_PREFIX, RICH_MENU_SIZE } from './rich-menu-layout.js';

/** LINE's limit for an action label (rich-menu areas are read by screen readers by it). */
const MAX_LABEL = 20;

/**
 * The rich menu as the Messaging API takes it: the layout's areas, each a postback the bot answers
 * (with the label shown in the chat as the person's message, as a tap on a phone does) or the
 * city's link. `selected` opens it under the chat at first.
 */
export function richMenuRequest(linkUrl: string): messagingApi.RichMenuRequest {
  return {
    size: { ...RICH_MENU_SIZE },
    selected: true,
    name: RICH_MENU_NAME_PREFIX,
    chatBarText: CHAT_BAR_TEXT,
    areas: RICH_MENU_AREAS.map((area, index): messagingApi.RichMenuArea => ({
      bounds: areaBounds(index),
      action:
        area.action.type === 'postback'
          ? { type: 'postback', label: area.label.slice(0, MAX_LABEL), data: encodePostback({ action: 'menu', item: area.action.item }), displayText: area.label }
          : { type: 'uri', label: area.label.slice(0, MAX_LABEL), uri: linkUrl },
    })),
  };
}

/**
 * The request named with a fingerprint of itself and the image: a menu of that name is exactly
 * this menu, so applying twice finds it and changes nothing.
 */
export function namedRichMenuRequest(linkUrl: string, image: Uint8Array): messagingApi.RichMenuRequest {
  const request = richMenuRequest(linkUrl);
  const fingerprint = createHash('sha256').update(JSON.stringify(request)).update(image).digest('hex').slice(0, 12);
  return { ...request, name: `${RICH_MENU_NAME_PREFIX} ${fingerprint}` };
}

/** Whether a rich menu on the channel was made by this tool (any version). */
export function isOurRichMenu(menu: { name: string }): boolean {
  return menu.name === RICH_MENU_NAME_PREFIX || menu.name.startsWith(`${RICH_MENU_NAME_PREFIX} `);
}
