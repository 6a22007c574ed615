/**
 * Where to put a polygon's label when only part of the polygon is on screen. MapLibre labels a
 * polygon at a point of its own choosing, which for a large neighbouring district is often outside
 * the view of Jiashan. Here the polygon is clipped to a window first, and the label goes to the
 * point of the clipped part farthest from its edges (the pole of inaccessibility, found by a grid
 * search that is exact enough for placing text).
 */
import bboxClip from "@turf/bbox-clip";
import type { FeatureCollection, Geometry, MultiPoint, MultiPolygon, Point, Polygon, Position } from "geojson";
import { bboxOf, type BBox } from "../data/bbox.ts";
import { pointInRing } from "../data/point-in-ring.ts";

/** Points per side of the first search grid, then of each finer grid around the best point. */
const GRID = 12;
const REFINE = 5;

/** Distance from p to segment a–b, in a plane where x is already scaled by cos(latitude). */
function segmentDistance(p: Position, a: Position, b: Position, kx: number): number {
  const ax = a[0]! * kx, ay = a[1]!, bx = b[0]! * kx, by = b[1]!, px = p[0]! * kx, py = p[1]!;
  const dx = bx - ax, dy = by - ay;
  const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  const ex = px - (ax + t * dx), ey = py - (ay + t * dy);
  return Math.sqrt(ex * ex + ey * ey); // not Math.hypot: several times slower, and this is the inner loop
}

const inPolygon = (p: Position, rings: Position[][]) => pointInRing(p, rings[0]!) && !rings.slice(1).some((hole) => pointInRing(p, hole));

/** Distance from p to the nearest edge of `rings`, or 0 outside; stops early once below `floor`. */
function clearance(p: Position, rings: Position[][], kx: number, floor: number): number {
  if (!inPolygon(p, rings)) return 0;
  let d = Infinity;
  for (const ring of rings) for (let k = 1; k < ring.length && d > floor; k++) d = Math.min(d, segmentDistance(p, ring[k - 1]!, ring[k]!, kx));
  return d;
}

/**
 * The point of `geometry ∩ window` (the whole geometry when no window is given) farthest from that
 * piece's edges, or null when the geometry does not reach into the window. Edges of the window count as edges, so the label keeps clear of them.
 * A coarse grid finds the region, then finer grids around the best point sharpen it, down to
 * `precision` degrees (2e-4 ≈ 20 m).
 */
export function labelAnchor(geometry: Polygon | MultiPolygon, window?: BBox, precision = 2e-4): Position | null {
  const own = bboxOf(geometry);
  if (!own) return null;
  window ??= own;
  const inside = own[0] >= window[0] && own[1] >= window[1] && own[2] <= window[2] && own[3] <= window[3];
  const clipped = inside ? geometry : bboxClip(geometry, window).geometry;
  const pieces: Position[][][] = clipped.type === "Polygon" ? [clipped.coordinates] : (clipped as MultiPolygon).coordinates;
  const polygons = pieces.filter((rings) => (rings[0]?.length ?? 0) >= 4);
  const kx = Math.cos((((window[1] + window[3]) / 2) * Math.PI) / 180);
  let best = { p: [0, 0] as Position, d: 0 };
  for (const rings of polygons) {
    const [x0, y0, x1, y1] = bboxOf({ type: "Polygon", coordinates: rings })!;
    let [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
    let [hx, hy] = [(x1 - x0) / 2, (y1 - y0) / 2];
    let local = { p: [cx, cy] as Position, d: clearance([cx, cy], rings, kx, 0) };
    // A roundish shape (a plot, a lake drawn as a circle) is labelled at its middle without a search:
    // thousands of imported parcels would otherwise cost seconds.
    if (local.d >= 0.5 * Math.min(hx * kx, hy)) {
      if (local.d > best.d) best = local;
      continue;
    }
    // Otherwise one full grid, then finer ones down to `precision`, or finer still for a small shape.
    const stop = Math.min(precision, Math.max(hx, hy) / GRID);
    for (let n = GRID; n === GRID || hx > stop; n = REFINE) {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const p = [cx - hx + ((2 * i + 1) / n) * hx, cy - hy + ((2 * j + 1) / n) * hy];
          const d = clearance(p, rings, kx, local.d);
          if (d > local.d) local = { p, d };
        }
      }
      [cx, cy] = local.p as [number, number];
      [hx, hy] = [(2 * hx) / n, (2 * hy) / n];
    }
    if (local.d > best.d) best = local;
  }
  return best.d > 0 ? best.p : null;
}

/** ≈ 200 m: far below what a name's placement needs, and a tenth of the search for a county outline. */
const LABEL_POINT_PRECISION = 2e-3;

/**
 * One label point per feature, for labels that must not repeat: MapLibre labels a polygon once per
 * tile it crosses, so a county-sized polygon read "嘉善县" six times at zoom 12. A polygon gets the
 * point deepest inside it (over all its parts; a sliver the search misses, its first vertex), points
 * stay as they are, lines are left out (they are labelled along the line). `label_of` keeps the
 * original kind ("Polygon" or "Point") for filters; `tag` is added to every point's properties.
 */
export function labelPoints(fc: FeatureCollection<Geometry | null>, tag: Record<string, unknown> = {}): FeatureCollection<Point | MultiPoint> {
  const features: FeatureCollection<Point | MultiPoint>["features"] = [];
  for (const f of fc.features) {
    const g = f.geometry;
    const base = { type: "Feature" as const, ...(f.id !== undefined ? { id: f.id } : {}) };
    if (g?.type === "Point" || g?.type === "MultiPoint") {
      features.push({ ...base, properties: { ...f.properties, ...tag, label_of: "Point" }, geometry: g });
    } else if (g?.type === "Polygon" || g?.type === "MultiPolygon") {
      const at = labelAnchor(g, undefined, LABEL_POINT_PRECISION) ?? (g.type === "Polygon" ? g.coordinates[0]?.[0] : g.coordinates[0]?.[0]?.[0]);
      if (at) features.push({ ...base, properties: { ...f.properties, ...tag, label_of: "Polygon" }, geometry: { type: "Point", coordinates: at } });
    }
  }
  return { type: "FeatureCollection", features };
}
