import { areaBounds, RICH_MENU_AREAS, RICH_MENU_SIZE } from './rich-menu-layout.js';

/** The font the image is drawn with: Noto Sans CJK JP (SIL Open Font License), Debian's fonts-noto-cjk. */
export const RICH_MENU_FONT_FAMILY = 'Noto Sans CJK JP';

const TEXT_MARGIN = 48;

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The rich-menu picture as SVG: one coloured tile per area with its label large enough to read on
 * a small phone (a 2500-pixel-wide menu is shown ~360 points wide: 120 px type ≈ 17 pt) and a
 * hint under it. The source of src/richmenu/image/rich-menu.png (npm run richmenu:image).
 */
export function richMenuSvg(): string {
  const tiles = RICH_MENU_AREAS.map((area, index) => {
    const { x, y, width, height } = areaBounds(index);
    const cx = x + width / 2;
    const cy = y + height / 2;
    // Full-width characters are one em wide: the type is as large as fits the tile with a margin.
    const room = width - 24 - 2 * TEXT_MARGIN;
    const size = Math.min(132, Math.floor(room / [...area.label].length));
    const hintSize = Math.min(64, Math.floor(room / [...area.hint].length));
    return [
      `  <g>`,
      `    <rect x="${x + 12}" y="${y + 12}" width="${width - 24}" height="${height - 24}" rx="36" fill="${area.colour}"/>`,
      `    <text x="${cx}" y="${cy + 10}" font-size="${size}" font-weight="700" fill="#FFFFFF" text-anchor="middle">${escapeXml(area.label)}</text>`,
      `    <text x="${cx}" y="${cy + 150}" font-size="${hintSize}" fill="#FFFFFF" fill-opacity="0.9" text-anchor="middle">${escapeXml(area.hint)}</text>`,
      `  </g>`,
    ].join('\n');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${RICH_MENU_SIZE.width}" height="${RICH_MENU_SIZE.height}" viewBox="0 0 ${RICH_MENU_SIZE.width} ${RICH_MENU_SIZE.height}" font-family="${RICH_MENU_FONT_FAMILY}">`,
    `  <rect width="100%" height="100%" fill="#F4F1EA"/>`,
    ...tiles,
    `</svg>`,
    '',
  ].join('\n');
}
