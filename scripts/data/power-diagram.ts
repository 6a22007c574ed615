/**
 * Schematic township cells: a power diagram (weighted Voronoi) of seat points, clipped to the county.
 * With all weights 0 it is the ordinary Voronoi diagram (what turf.voronoi gives); weights let cells
 * of townships with a sourced area grow or shrink to that area. Works in a local plane (km) around the
 * county (equirectangular: distortion over 30 km is below 0.1 %); areas are geodesic (turf.area).
 */
import * as turf from "@turf/turf";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";

const KM_PER_DEG_LAT = 111.195;

export interface LocalPlane {
  toPlane(lngLat: Position): [number, number];
  toLngLat(xy: Position): [number, number];
}

/** An equirectangular plane in km centred on `origin` ([lng, lat]). */
export function localPlane(origin: Position): LocalPlane {
  const kmPerDegLng = KM_PER_DEG_LAT * Math.cos((origin[1] * Math.PI) / 180);
  return {
    toPlane: ([lng, lat]) => [(lng - origin[0]) * kmPerDegLng, (lat - origin[1]) * KM_PER_DEG_LAT],
    toLngLat: ([x, y]) => [origin[0] + x / kmPerDegLng, origin[1] + y / KM_PER_DEG_LAT],
  };
}

/** Keeps the part of a convex ring where a·p ≤ b (Sutherland–Hodgman against one line). */
function clipRing(ring: Position[], a: [number, number], b: number): Position[] {
  const out: Position[] = [];
  const side = (p: Position) => a[0] * p[0] + a[1] * p[1] - b;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    const q = ring[(i + 1) % ring.length];
    const sp = side(p);
    const sq = side(q);
    if (sp <= 0) out.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/**
 * Power cells of `sites` ([lng, lat]; weights in km²) intersected with `clip` ([lng, lat]).
 * The cells are built in the local plane and mapped back before clipping, so the clip outline's
 * vertices come through unchanged. Returns null for a site whose cell misses the clip area.
 * @example powerCells([[120.9, 30.85], [120.95, 30.85]], [0, 0], county) // west and east halves
 */
export function powerCells(
  sitesLngLat: Position[],
  weights: number[],
  clip: Feature<Polygon | MultiPolygon>,
): (Feature<Polygon | MultiPolygon> | null)[] {
  const plane = localPlane(turf.center(clip).geometry.coordinates);
  const sites = sitesLngLat.map(plane.toPlane);
  const [minLng, minLat, maxLng, maxLat] = turf.bbox(clip);
  const [minX, minY] = plane.toPlane([minLng, minLat]);
  const [maxX, maxY] = plane.toPlane([maxLng, maxLat]);
  const pad = 50;
  const frame: Position[] = [
    [minX - pad, minY - pad],
    [maxX + pad, minY - pad],
    [maxX + pad, maxY + pad],
    [minX - pad, maxY + pad],
  ];
  return sites.map((pi, i) => {
    let ring = frame;
    sites.forEach((pj, j) => {
      if (i === j || ring.length === 0) return;
      // |x−pi|² − wi ≤ |x−pj|² − wj  ⇔  2x·(pj−pi) ≤ |pj|² − |pi|² + wi − wj
      const a: [number, number] = [2 * (pj[0] - pi[0]), 2 * (pj[1] - pi[1])];
      const b = pj[0] ** 2 + pj[1] ** 2 - pi[0] ** 2 - pi[1] ** 2 + weights[i] - weights[j];
      ring = clipRing(ring, a, b);
    });
    if (ring.length < 3) return null;
    const cellRing = [...ring, ring[0]].map(plane.toLngLat);
    const cell = turf.polygon([cellRing]);
    return turf.intersect(turf.featureCollection([cell, clip])) as Feature<Polygon | MultiPolygon> | null;
  });
}

export interface WeightFit {
  weights: number[];
  /** Geodesic area (km²) of each group after fitting. */
  groupAreas: number[];
  iterations: number;
}

/**
 * Finds site weights so that each group with a target area gets that area (±`toleranceKm2`).
 * Groups without a target keep weight 0 and take what is left. Sites of one group share its weight.
 * @example fitPowerWeights(sites, [0, 0, 1], [40, null], county) // group 0 → 40 km²
 */
export function fitPowerWeights(
  sites: Position[],
  siteGroup: number[],
  targets: (number | null)[],
  clip: Feature<Polygon | MultiPolygon>,
  { maxIterations = 200, toleranceKm2 = 0.05, step = 0.4 } = {},
): WeightFit {
  const groupWeights = targets.map(() => 0);
  let groupAreas: number[] = [];
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const cells = powerCells(sites, siteGroup.map((g) => groupWeights[g]), clip);
    groupAreas = targets.map(() => 0);
    cells.forEach((cell, i) => {
      if (cell) groupAreas[siteGroup[i]] += turf.area(cell) / 1e6;
    });
    const worst = Math.max(...targets.map((t, g) => (t === null ? 0 : Math.abs(t - groupAreas[g]))));
    if (worst <= toleranceKm2) return { weights: siteGroup.map((g) => groupWeights[g]), groupAreas, iterations: iteration };
    targets.forEach((t, g) => {
      if (t !== null) groupWeights[g] += step * (t - groupAreas[g]);
    });
  }
  throw new Error(`fitPowerWeights: no convergence after ${maxIterations} iterations (areas ${groupAreas.map((a) => a.toFixed(2)).join(", ")})`);
}
