/**
 * The stand-in's rich menus, answered as LINE answers: ids made on create, an image uploaded once
 * per menu with the menu's exact size, a default that must have its image, 404 for unknown ids.
 */
import { randomBytes } from 'node:crypto';

/** One rich menu held by the stand-in. */
export interface StubRichMenu {
  richMenuId: string;
  definition: Record<string, unknown> & { size: { width: number; height: number }; chatBarText: string; name: string; selected: boolean; areas: unknown[] };
  image?: { type: string; bytes: Buffer };
}

/** A response of the stand-in: JSON, or bytes for an image download. */
export interface RichMenuResponse {
  status: number;
  body?: unknown;
  binary?: { type: string; bytes: Buffer };
}

const SIZES = new Set(['2500x1686', '2500x843', '1200x810', '1200x405', '800x540', '800x270']);
const MAX_IMAGE_BYTES = 1024 * 1024;

function badRequest(message: string, property?: string): RichMenuResponse {
  return { status: 400, body: property ? { message: 'The request body has 1 error(s)', details: [{ message, property }] } : { message } };
}

/** Width and height of a PNG (IHDR) or JPEG (first SOFn marker); null for anything else. */
export function imageSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < bytes.length && bytes[offset] === 0xff) {
      const marker = bytes[offset + 1]!;
      const length = bytes.readUInt16BE(offset + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
      }
      offset += 2 + length;
    }
  }
  return null;
}

/** The rich-menu part of the stand-in. */
export class RichMenuStore {
  readonly menus = new Map<string, StubRichMenu>();
  defaultId: string | null = null;

  /** The default menu with its image, or null: what a phone shows under the chat. */
  defaultMenu(): StubRichMenu | null {
    return (this.defaultId && this.menus.get(this.defaultId)) || null;
  }

  /** Answers one rich-menu request, or undefined when the path is not a rich-menu endpoint. */
  handle(method: string, path: string, body: unknown, contentType: string | undefined): RichMenuResponse | undefined {
    const one = /^\/v2\/bot\/richmenu\/([^/]+)$/.exec(path);
    const content = /^\/v2\/bot\/richmenu\/([^/]+)\/content$/.exec(path);
    const setDefault = /^\/v2\/bot\/user\/all\/richmenu\/([^/]+)$/.exec(path);
    if (method === 'POST' && (path === '/v2/bot/richmenu' || path === '/v2/bot/richmenu/validate')) {
      const problem = definitionProblem(body);
      if (problem) return badRequest(problem.message, problem.property);
      if (path.endsWith('/validate')) return { status: 200, body: {} };
      const richMenuId = `richmenu-${randomBytes(16).toString('hex')}`;
      this.menus.set(richMenuId, { richMenuId, definition: body as StubRichMenu['definition'] });
      return { status: 200, body: { richMenuId } };
    }
    if (method === 'GET' && path === '/v2/bot/richmenu/list') {
      return { status: 200, body: { richmenus: [...this.menus.values()].map((menu) => ({ richMenuId: menu.richMenuId, ...menu.definition })) } };
    }
    if (method === 'GET' && path === '/v2/bot/user/all/richmenu') {
      return this.defaultId ? { status: 200, body: { richMenuId: this.defaultId } } : { status: 404, body: { message: 'no default richmenu' } };
    }
    if (method === 'DELETE' && path === '/v2/bot/user/all/richmenu') {
      this.defaultId = null;
      return { status: 200, body: {} };
    }
    if (setDefault && method === 'POST') {
      const menu = this.menus.get(setDefault[1]!);
      if (!menu) return { status: 404, body: { message: 'richmenu not found' } };
      if (!menu.image) return badRequest('must upload richmenu image before applying it to user');
      this.defaultId = menu.richMenuId;
      return { status: 200, body: {} };
    }
    if (content) {
      const menu = this.menus.get(content[1]!);
      if (!menu) return { status: 404, body: { message: 'Not found' } };
      if (method === 'GET') return menu.image ? { status: 200, binary: menu.image } : { status: 404, body: { message: 'Not found' } };
      if (method !== 'POST') return undefined;
      if (menu.image) return badRequest('An image has already been uploaded to the richmenu');
      const type = contentType?.split(';')[0]?.trim();
      if (type !== 'image/png' && type !== 'image/jpeg') return { status: 415, body: { message: `Unsupported Media Type: ${contentType ?? '(none)'}` } };
      const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      if (bytes.length > MAX_IMAGE_BYTES) return { status: 413, body: { message: 'Request Entity Too Large' } };
      const size = imageSize(bytes);
      if (!size || size.width !== menu.definition.size.width || size.height !== menu.definition.size.height) return badRequest('Image size does not match the rich menu size');
      menu.image = { type, bytes };
      return { status: 200, body: {} };
    }
    if (one && method === 'GET') {
      const menu = this.menus.get(one[1]!);
      return menu ? { status: 200, body: { richMenuId: menu.richMenuId, ...menu.definition } } : { status: 404, body: { message: 'Not found' } };
    }
    if (one && method === 'DELETE') {
      if (!this.menus.delete(one[1]!)) return { status: 404, body: { message: 'Not found' } };
      if (this.defaultId === one[1]) this.defaultId = null;
      return { status: 200, body: {} };
    }
    return undefined;
  }

  reset(): void {
    this.menus.clear();
    this.defaultId = null;
  }
}

// What LINE checks before it accepts a menu (the detailed schema is checked in the tests, against LINE's spec).
function definitionProblem(body: unknown): { message: string; property?: string } | null {
  const menu = body as Partial<StubRichMenu['definition']> | null;
  if (!menu || typeof menu !== 'object') return { message: 'must be an object' };
  if (!menu.size || !SIZES.has(`${menu.size.width}x${menu.size.height}`)) return { message: 'invalid rich menu size', property: 'size' };
  if (typeof menu.name !== 'string' || menu.name.length === 0 || menu.name.length > 300) return { message: 'size must be between 1 and 300', property: 'name' };
  if (typeof menu.chatBarText !== 'string' || menu.chatBarText.length === 0 || menu.chatBarText.length > 14) return { message: 'size must be between 1 and 14', property: 'chatBarText' };
  if (typeof menu.selected !== 'boolean') return { message: 'must be specified', property: 'selected' };
  if (!Array.isArray(menu.areas) || menu.areas.length === 0 || menu.areas.length > 20) return { message: 'size must be between 1 and 20', property: 'areas' };
  for (const [index, area] of menu.areas.entries()) {
    const bounds = (area as { bounds?: { x: number; y: number; width: number; height: number } }).bounds;
    if (!bounds || bounds.x < 0 || bounds.y < 0 || bounds.x + bounds.width > menu.size.width || bounds.y + bounds.height > menu.size.height) {
      return { message: 'area is out of the rich menu', property: `areas[${index}].bounds` };
    }
  }
  return null;
}
