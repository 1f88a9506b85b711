/**
 * What `npm run richmenu` reads from the environment. Every problem is reported at once, each
 * naming its variable; the bot's own configuration (src/config.ts) is not needed to set a menu.
 */
import { REAL_LINE_API_BASE_URL } from '../config.js';

/** Where rich-menu images are uploaded on the real platform. */
export const REAL_LINE_API_DATA_BASE_URL = 'https://api-data.line.me';

export interface RichMenuConfig {
  channelAccessToken: string;
  lineApiBaseUrl: string;
  lineApiDataBaseUrl: string;
  /** The sixth area's link: the city's website (RICH_MENU_LINK_URL). */
  linkUrl: string;
}

/** Reads the configuration, or the list of problems (each "VARIABLE: what is wrong"). */
export function loadRichMenuConfig(env: Record<string, string | undefined>, options: { needToken: boolean }): { config: RichMenuConfig } | { problems: string[] } {
  const problems: string[] = [];
  const value = (name: string) => env[name]?.trim() ?? '';
  const baseUrl = (name: string, fallback: string) => {
    const url = (value(name) || fallback).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/\s]+$/.test(url)) problems.push(`${name}: must be an http(s) origin such as ${fallback}, got "${url}"`);
    return url;
  };
  const channelAccessToken = value('LINE_CHANNEL_ACCESS_TOKEN');
  if (options.needToken && !channelAccessToken) problems.push('LINE_CHANNEL_ACCESS_TOKEN: is not set (see .env.example)');
  const lineApiBaseUrl = baseUrl('LINE_API_BASE_URL', REAL_LINE_API_BASE_URL);
  const lineApiDataBaseUrl = baseUrl('LINE_API_DATA_BASE_URL', REAL_LINE_API_DATA_BASE_URL);
  const linkUrl = value('RICH_MENU_LINK_URL');
  if (!linkUrl) problems.push("RICH_MENU_LINK_URL: is not set: the 市のホームページ area's link, e.g. https://www.city.example.lg.jp/");
  else if (!/^https:\/\/\S+$/.test(linkUrl) || linkUrl.length > 1000) problems.push(`RICH_MENU_LINK_URL: must be an https URL of at most 1000 characters, got "${linkUrl}"`);
  return problems.length > 0 ? { problems } : { config: { channelAccessToken, lineApiBaseUrl, lineApiDataBaseUrl, linkUrl } };
}
