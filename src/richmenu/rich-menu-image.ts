import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root.js';

/** The committed picture and its source: `--apply` uploads the PNG and needs nothing else. */
export const RICH_MENU_SVG_PATH = path.join(projectRoot(), 'src', 'richmenu', 'image', 'rich-menu.svg');
export const RICH_MENU_PNG_PATH = path.join(projectRoot(), 'src', 'richmenu', 'image', 'rich-menu.png');
/** LINE's limit for a rich-menu image. */
export const MAX_RICH_MENU_IMAGE_BYTES = 1024 * 1024;

/** Debian's fonts-noto-cjk (SIL Open Font License 1.1). */
export const NOTO_CJK_FONT_FILES = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'];

/** The font files present, or null with what to install. */
export function richMenuFontFiles(): string[] | null {
  return NOTO_CJK_FONT_FILES.every((file) => existsSync(file)) ? NOTO_CJK_FONT_FILES : null;
}

/** Width and height of a PNG, from its IHDR chunk; null for anything that is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, index) => bytes[index] !== byte)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
