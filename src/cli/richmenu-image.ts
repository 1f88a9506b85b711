/**
 * `npm run richmenu:image`: draws the rich-menu picture from its layout. Writes the SVG source
 * (src/richmenu/image/rich-menu.svg) and rasterises it to the PNG `npm run richmenu -- --apply`
 * uploads, with resvg (@resvg/resvg-js) and Noto Sans CJK JP from Debian's fonts-noto-cjk (OFL).
 * The same layout, font and renderer give the same picture; commit both files after a change.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { projectRoot } from '../project-root.js';
import { MAX_RICH_MENU_IMAGE_BYTES, pngSize, RICH_MENU_PNG_PATH, RICH_MENU_SVG_PATH, richMenuFontFiles } from '../richmenu/rich-menu-image.js';
import { RICH_MENU_SIZE } from '../richmenu/rich-menu-layout.js';
import { RICH_MENU_FONT_FAMILY, richMenuSvg } from '../richmenu/rich-menu-svg.js';

const fontFiles = richMenuFontFiles();
if (!fontFiles) {
  console.error('richmenu:image: Noto Sans CJK JP was not found. Install it first: apt-get install fonts-noto-cjk');
  process.exit(1);
}
const svg = richMenuSvg();
const png = new Resvg(svg, {
  font: { fontFiles, loadSystemFonts: false, defaultFontFamily: RICH_MENU_FONT_FAMILY },
  fitTo: { mode: 'original' },
  shapeRendering: 2,
  textRendering: 1,
}).render().asPng();

const size = pngSize(png);
if (!size || size.width !== RICH_MENU_SIZE.width || size.height !== RICH_MENU_SIZE.height) throw new Error(`rendered ${JSON.stringify(size)}, expected ${RICH_MENU_SIZE.width}x${RICH_MENU_SIZE.height}`);
if (png.byteLength >= MAX_RICH_MENU_IMAGE_BYTES) throw new Error(`the PNG is ${png.byteLength} bytes; LINE takes at most ${MAX_RICH_MENU_IMAGE_BYTES}`);
await writeFile(RICH_MENU_SVG_PATH, svg);
await writeFile(RICH_MENU_PNG_PATH, png);
const relative = (file: string) => path.relative(projectRoot(), file);
console.log(`wrote ${relative(RICH_MENU_SVG_PATH)} and ${relative(RICH_MENU_PNG_PATH)} (${size.width}x${size.height}, ${png.byteLength} bytes)`);
