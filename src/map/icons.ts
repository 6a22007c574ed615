/**
 * Images the style asks for by id, drawn in code so nothing is fetched: hatch patterns for
 * uncertain polygons ("hatch:#rrggbb") and the emergency tier symbols ("em:<tier>:<solid|hollow>").
 * Pure: returns raw RGBA pixels that map.addImage accepts.
 */
import { LIGHT } from "./theme.ts";

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
  pixelRatio: number;
}

function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`Invalid colour "${hex}": expected #rrggbb`);
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function canvas(size: number, paint: (x: number, y: number) => [number, number, number, number] | null): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = paint(x + 0.5 - size / 2, y + 0.5 - size / 2);
      if (px) data.set(px, (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data, pixelRatio: 2 };
}

/** Diagonal stripes: the conventional cartographic sign for "extent not surveyed". */
export function hatchPattern(color: string): RgbaImage {
  const [r, g, b] = hexToRgb(color);
  const size = 16;
  return canvas(size, (x, y) => (((x + y + 64) % 8 + 8) % 8 < 2 ? [r, g, b, 230] : null));
}

const TIER_COLOR = { county: LIGHT.emergencyCounty, town: LIGHT.emergencyTown, village: LIGHT.emergencyVillage } as const;
type Tier = keyof typeof TIER_COLOR;

/** County = square, town = circle, village = diamond; each with a white medical cross. */
export function tierIcon(tier: Tier, hollow: boolean): RgbaImage {
  const [r, g, b] = hexToRgb(TIER_COLOR[tier]);
  const size = 40;
  const half = 17;
  const inside = (x: number, y: number, h: number) =>
    tier === "county" ? Math.max(Math.abs(x), Math.abs(y)) <= h : tier === "town" ? Math.hypot(x, y) <= h : Math.abs(x) + Math.abs(y) <= h * 1.25;
  return canvas(size, (x, y) => {
    if (!inside(x, y, half)) return null;
    const border = !inside(x, y, half - 4);
    const cross = (Math.abs(x) <= 3 && Math.abs(y) <= 10) || (Math.abs(y) <= 3 && Math.abs(x) <= 10);
    if (border) return [r, g, b, 255];
    if (hollow) return cross ? [r, g, b, 255] : [255, 255, 255, 235];
    return cross ? [255, 255, 255, 255] : [r, g, b, 255];
  });
}

/** Draws the image a style id names, or null when the id is not one of ours. */
export function imageForId(id: string): RgbaImage | null {
  if (id.startsWith("hatch:")) return hatchPattern(id.slice("hatch:".length));
  const em = /^em:(county|town|village):(solid|hollow)$/.exec(id);
  if (em) return tierIcon(em[1] as Tier, em[2] === "hollow");
  return null;
}
