/**
 * Pre-rendered SDF glyphs for the map labels, in MapLibre's glyph PBF format. MapLibre otherwise
 * draws every CJK glyph in the browser (TinySDF: a canvas draw and a distance transform per
 * character, ~4 ms each on the main thread, ~0.6 s for the default view). Here each glyph's outline
 * (from HarfBuzz) is turned into a signed distance field computed exactly from the outline.
 *
 * The field follows MapLibre's conventions: 24 px glyphs, a 3 px border, 8 px of distance per
 * 255/8 levels, the edge at 0.75 (value 191.25), `top` offset as for glyphs MapLibre draws itself
 * (27.5 px) so that labels sit where they did.
 */
import { PbfWriter } from "pbf";

export const GLYPH_SIZE = 24;
const BORDER = 3;
const RADIUS = 8;
const CUTOFF = 0.25;
/** MapLibre's `topAdjustment` for glyphs it draws locally; used here so both kinds line up. */
const TOP_ADJUSTMENT = 27.5;

export interface PathCommand { type: string; values: number[] }

export interface SdfGlyph {
  id: number;
  /** (width + 6) × (height + 6) distance values, row by row from the top; empty for blank glyphs. */
  bitmap: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

/** Closed contours as flat [x0, y0, x1, y1, …] lists in pixels, y up, curves cut into short lines. */
export function flattenOutline(commands: PathCommand[], scale: number): number[][] {
  const contours: number[][] = [];
  let current: number[] = [];
  let [x, y] = [0, 0];
  const close = () => {
    if (current.length >= 6) contours.push(current);
    current = [];
  };
  for (const { type, values: v } of commands) {
    if (type === "M") {
      close();
      [x, y] = [v[0]! * scale, v[1]! * scale];
      current.push(x, y);
    } else if (type === "L") {
      [x, y] = [v[0]! * scale, v[1]! * scale];
      current.push(x, y);
    } else if (type === "Q" || type === "C") {
      const pts = [x, y, ...v.map((n) => n * scale)];
      const steps = type === "Q" ? 8 : 12;
      for (let s = 1; s <= steps; s++) {
        const t = s / steps, u = 1 - t;
        const [px, py] = type === "Q"
          ? [u * u * pts[0]! + 2 * u * t * pts[2]! + t * t * pts[4]!, u * u * pts[1]! + 2 * u * t * pts[3]! + t * t * pts[5]!]
          : [
            u * u * u * pts[0]! + 3 * u * u * t * pts[2]! + 3 * u * t * t * pts[4]! + t * t * t * pts[6]!,
            u * u * u * pts[1]! + 3 * u * u * t * pts[3]! + 3 * u * t * t * pts[5]! + t * t * t * pts[7]!,
          ];
        current.push(px, py);
      }
      [x, y] = [pts[pts.length - 2]!, pts[pts.length - 1]!];
    } else if (type === "Z") {
      close();
    }
  }
  close();
  return contours;
}

/** Distance from (px, py) to the outline, negative inside (non-zero winding, as TrueType fills). */
function signedDistance(px: number, py: number, contours: number[][]): number {
  let best = Infinity;
  let winding = 0;
  for (const c of contours) {
    const n = c.length / 2;
    for (let k = 0; k < n; k++) {
      const ax = c[2 * k]!, ay = c[2 * k + 1]!;
      const bx = c[(2 * ((k + 1) % n))]!, by = c[(2 * ((k + 1) % n)) + 1]!;
      const dx = bx - ax, dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
      const ex = ax + t * dx - px, ey = ay + t * dy - py;
      best = Math.min(best, ex * ex + ey * ey);
      if (ay <= py) {
        if (by > py && dx * (py - ay) - (px - ax) * dy > 0) winding++;
      } else if (by <= py && dx * (py - ay) - (px - ax) * dy < 0) winding--;
    }
  }
  const d = Math.sqrt(best);
  return winding !== 0 ? -d : d;
}

/** One glyph's distance field and metrics, from its outline in font units. */
export function sdfGlyph(id: number, commands: PathCommand[], advanceUnits: number, unitsPerEm: number): SdfGlyph {
  const scale = GLYPH_SIZE / unitsPerEm;
  const advance = Math.round(advanceUnits * scale);
  const contours = flattenOutline(commands, scale);
  const xs = contours.flatMap((c) => c.filter((_, i) => i % 2 === 0));
  const ys = contours.flatMap((c) => c.filter((_, i) => i % 2 === 1));
  if (xs.length === 0) return { id, bitmap: new Uint8Array(0), width: 0, height: 0, left: 0, top: 0, advance };
  const left = Math.floor(Math.min(...xs));
  const width = Math.ceil(Math.max(...xs)) - left;
  // The top edge sits half a pixel off the grid so that `top` (edge − 27.5) is a whole number.
  const glyphTop = Math.ceil(Math.max(...ys) - 0.5) + 0.5;
  const height = Math.ceil(glyphTop - Math.min(...ys));
  const w = width + 2 * BORDER, h = height + 2 * BORDER;
  const bitmap = new Uint8Array(w * h);
  for (let j = 0; j < h; j++) {
    const y = glyphTop + BORDER - j - 0.5;
    for (let i = 0; i < w; i++) {
      const d = signedDistance(left - BORDER + i + 0.5, y, contours);
      bitmap[j * w + i] = Math.max(0, Math.min(255, Math.round(255 - 255 * (d / RADIUS + CUTOFF))));
    }
  }
  return { id, bitmap, width, height, left, top: glyphTop - TOP_ADJUSTMENT, advance };
}

/** One glyph range (256 code points) as MapLibre's glyphs PBF: glyphs { fontstack { name, range, glyph* } }. */
export function encodeGlyphRange(fontstack: string, range: number, glyphs: SdfGlyph[]): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage(1, (_: unknown, p: PbfWriter) => {
    p.writeStringField(1, fontstack);
    p.writeStringField(2, `${range * 256}-${range * 256 + 255}`);
    for (const g of glyphs) {
      p.writeMessage(3, (_g: unknown, q: PbfWriter) => {
        q.writeVarintField(1, g.id);
        if (g.bitmap.length) q.writeBytesField(2, g.bitmap);
        q.writeVarintField(3, g.width);
        q.writeVarintField(4, g.height);
        q.writeSVarintField(5, g.left);
        q.writeSVarintField(6, g.top);
        q.writeVarintField(7, g.advance);
      }, null);
    }
  }, null);
  return pbf.finish();
}
