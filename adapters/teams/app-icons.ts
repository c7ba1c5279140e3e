import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng, type RgbaImage } from './png-image';

/**
 * The Teams app icons, drawn in code so they are reproducible: a white ring
 * with an exclamation mark. Teams wants a 192x192 full-colour icon and a
 * 32x32 outline icon that is white on transparent.
 * Regenerate the committed files with:
 *   node -r @swc-node/register -e "require('./adapters/teams/app-icons').writeTeamsIcons('manifests/teams')"
 */
export const ACCENT_COLOR = '#C4262E';

/** Coverage of the symbol at (x, y) in a unit square. */
function symbol(x: number, y: number): boolean {
  const d = Math.hypot(x - 0.5, y - 0.5);
  const ring = d >= 0.38 && d <= 0.47;
  const bar = Math.abs(x - 0.5) <= 0.055 && y >= 0.22 && y <= 0.6;
  const dot = Math.hypot(x - 0.5, y - 0.73) <= 0.065;
  return ring || bar || dot;
}

/** Fraction of each pixel the symbol covers (4x4 samples), the symbol scaled to `scale` of the image. */
function coverage(size: number, scale: number): Float64Array {
  const out = new Float64Array(size * size);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size - 0.5) / scale + 0.5;
          const y = ((py + (sy + 0.5) / samples) / size - 0.5) / scale + 0.5;
          if (symbol(x, y)) hits++;
        }
      }
      out[py * size + px] = hits / (samples * samples);
    }
  }
  return out;
}

const hex = (color: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];

export function colorIcon(): RgbaImage {
  const size = 192;
  const cover = coverage(size, 0.62);
  const [r, g, b] = hex(ACCENT_COLOR);
  const pixels = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    pixels.set([Math.round(r + (255 - r) * c), Math.round(g + (255 - g) * c), Math.round(b + (255 - b) * c), 255], i * 4);
  });
  return { width: size, height: size, pixels };
}

export function outlineIcon(): RgbaImage {
  const size = 32;
  const cover = coverage(size, 0.94);
  const pixels = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    if (c > 0) pixels.set([255, 255, 255, Math.round(c * 255)], i * 4);
  });
  return { width: size, height: size, pixels };
}

export const colorIconPng = (): Buffer => encodePng(colorIcon());
export const outlineIconPng = (): Buffer => encodePng(outlineIcon());

export function writeTeamsIcons(dir: string): void {
  writeFileSync(path.join(dir, 'color.png'), colorIconPng());
  writeFileSync(path.join(dir, 'outline.png'), outlineIconPng());
}
