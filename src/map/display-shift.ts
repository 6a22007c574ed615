/**
 * Display-only coordinate shift: data stays WGS84 internally and is moved to GCJ-02 just before it
 * is drawn over a GCJ-02 basemap (AMap), so overlays line up with the tiles.
 */
import gcoord from "gcoord";
import type { FeatureCollection } from "geojson";

const cache = new WeakMap<FeatureCollection, FeatureCollection>();

export function shiftForDisplay<T extends FeatureCollection>(fc: T): T {
  const hit = cache.get(fc);
  if (hit) return hit as T;
  // gcoord transforms GeoJSON in place, so it gets a copy.
  const shifted = gcoord.transform(structuredClone(fc) as never, gcoord.WGS84, gcoord.GCJ02) as unknown as T;
  cache.set(fc, shifted);
  return shifted;
}
