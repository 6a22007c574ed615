/**
 * Display-only coordinate shift: data stays WGS84 internally and is moved to GCJ-02 just before it
 * is drawn over a GCJ-02 basemap (AMap), so overlays line up with the tiles. Memoized per collection
 * so the bridge's reference check still skips unchanged data.
 */
import type { FeatureCollection } from "geojson";
import { wgs84ToGcj02 } from "../io/crs/gcj02-shift.ts";

const cache = new WeakMap<FeatureCollection, FeatureCollection>();

export function shiftForDisplay<T extends FeatureCollection>(fc: T): T {
  let shifted = cache.get(fc);
  if (!shifted) cache.set(fc, (shifted = wgs84ToGcj02(fc)));
  return shifted as T;
}
