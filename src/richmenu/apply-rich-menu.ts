import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { isOurRichMenu } from './rich-menu-request.js';

/** What applying did: the default menu now, what was made, and what was deleted. */
export interface ApplyOutcome {
  richMenuId: string;
  created: boolean;
  deleted: string[];
  /** A default menu made by something else, replaced (not deleted: it is not ours). */
  replacedForeignDefault: string | null;
}

/** The Messaging API calls a rich menu needs: the API and the data API (images) are two hosts. */
export interface RichMenuClients {
  api: Pick<messagingApi.MessagingApiClient, 'getRichMenuList' | 'getDefaultRichMenuId' | 'validateRichMenuObject' | 'createRichMenu' | 'setDefaultRichMenu' | 'deleteRichMenu'>;
  data: Pick<messagingApi.MessagingApiBlobClient, 'setRichMenuImage'>;
}

/** SDK clients pointed at the given base URLs (the real platform or the local stand-in). */
export function richMenuClients(options: { baseUrl: string; dataBaseUrl: string; channelAccessToken: string }): RichMenuClients {
  return {
    api: new messagingApi.MessagingApiClient({ baseURL: options.baseUrl, channelAccessToken: options.channelAccessToken }),
    data: new messagingApi.MessagingApiBlobClient({ baseURL: options.dataBaseUrl, channelAccessToken: options.channelAccessToken }),
  };
}

/**
 * Makes `request` with `image` the default rich menu for every user, idempotently: when a menu of
 * the same name (the same definition and image) is already the default, nothing changes. Otherwise
 * it is created, its image uploaded, made the default, and every older menu of ours deleted. A
 * failed upload deletes the half-made menu, so nothing is left behind.
 */
export async function applyRichMenu(clients: RichMenuClients, request: messagingApi.RichMenuRequest, image: { bytes: Uint8Array; type: 'image/png' | 'image/jpeg' }, log: (line: string) => void = () => {}): Promise<ApplyOutcome> {
  const { richmenus } = await clients.api.getRichMenuList();
  const ours = richmenus.filter(isOurRichMenu);
  const defaultId = await currentDefault(clients);
  const current = ours.find((menu) => menu.name === request.name && menu.richMenuId === defaultId);
  const foreignDefault = defaultId && !ours.some((menu) => menu.richMenuId === defaultId) ? defaultId : null;

  let richMenuId: string;
  let created = false;
  if (current) {
    richMenuId = current.richMenuId;
    log(`unchanged: ${richMenuId} ("${request.name}") is already the default`);
  } else {
    await clients.api.validateRichMenuObject(request);
    ({ richMenuId } = await clients.api.createRichMenu(request));
    created = true;
    log(`created ${richMenuId} ("${request.name}")`);
    try {
      await clients.data.setRichMenuImage(richMenuId, new Blob([image.bytes], { type: image.type }));
      log(`uploaded the image (${image.bytes.byteLength} bytes, ${image.type})`);
    } catch (error) {
      await clients.api.deleteRichMenu(richMenuId).catch(() => undefined);
      throw error;
    }
    await clients.api.setDefaultRichMenu(richMenuId);
    log(`set ${richMenuId} as the default for every user${foreignDefault ? ` (replacing ${foreignDefault}, which this tool did not make and leaves in place)` : ''}`);
  }
  const deleted: string[] = [];
  for (const menu of ours) {
    if (menu.richMenuId === richMenuId) continue;
    await clients.api.deleteRichMenu(menu.richMenuId);
    deleted.push(menu.richMenuId);
    log(`deleted the earlier menu ${menu.richMenuId} ("${menu.name}")`);
  }
  return { richMenuId, created, deleted, replacedForeignDefault: created ? foreignDefault : null };
}

/** The default menu's id, or null when none is set (LINE answers 404). */
async function currentDefault(clients: RichMenuClients): Promise<string | null> {
  try {
    return (await clients.api.getDefaultRichMenuId()).richMenuId;
  } catch (error) {
    if (error instanceof HTTPFetchError && error.status === 404) return null;
    throw error;
  }
}
