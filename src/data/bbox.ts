import type { Geometry } from "geojson";

export type BBox = [number, number, number, number];

/** [minLng, minLat, maxLng, maxLat] of a geometry, or null for null/empty geometry. */
export function bboxOf(geometry: Geometry | null | undefined): BBox | null {
  if (!geometry) return null;
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number" && typeof c[1] === "number") {
      box[0] = Math.min(box[0], c[0]); box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]); box[3] = Math.max(box[3], c[1]);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  if (geometry.type === "GeometryCollection") geometry.geometries.forEach((g) => walk(bboxCorners(bboxOf(g))));
  else walk(geometry.coordinates);
  return Number.isFinite(box[0]) ? box : null;
}

const bboxCorners = (b: BBox | null) => (b ? [[b[0], b[1]], [b[2], b[3]]] : []);
