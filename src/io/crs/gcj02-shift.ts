/**
 * gcoord-based position mappers, kept apart from proj4 so the map's display shift (WGS84 → GCJ-02
 * over an AMap basemap) does not pull proj4 into the first view.
 */
import type { FeatureCollection, Geometry, Position } from "geojson";
import gcoord from "gcoord";
import { mapPositions, type PositionMapper } from "./map-positions";

/** gcoord drops Z/M; keep whatever follows [x, y]. */
export function viaGcoord(from: Parameters<typeof gcoord.transform>[1], to: Parameters<typeof gcoord.transform>[1]): PositionMapper {
  return ([x, y, ...rest]) => [...(gcoord.transform([x, y], from, to) as [number, number]), ...rest];
}

const toGcj02 = viaGcoord(gcoord.WGS84, gcoord.GCJ02);
const fromGcj02 = viaGcoord(gcoord.GCJ02, gcoord.WGS84);

/**
 * Shifts WGS84 coordinates onto GCJ-02 (≈ 480 m at Jiashan) so they sit right over an AMap/Tencent basemap.
 * Display only: never store the result. About 1 µs per position.
 *
 * @example wgs84ToGcj02(fc) // [120.92, 30.84] → [120.92413, 30.83758]
 */
export function wgs84ToGcj02<F extends FeatureCollection<Geometry | null>>(fc: F): F {
  return mapPositions(fc, toGcj02);
}

/** One position, WGS84 → GCJ-02 (for markers and single points). */
export function positionWgs84ToGcj02(position: Position): Position {
  return toGcj02(position);
}

/** One position, GCJ-02 → WGS84: a click on a map drawn over a GCJ-02 basemap, back to data coordinates. */
export function positionGcj02ToWgs84(position: Position): Position {
  return fromGcj02(position);
}
