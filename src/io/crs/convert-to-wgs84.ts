import type { FeatureCollection, Position, Geometry } from "geojson";
import gcoord from "gcoord";
import proj4 from "proj4";
import type { CrsInfo } from "./crs-info";
import { mapPositions, type PositionMapper } from "./map-positions";
import { viaGcoord } from "./gcj02-shift";

const GCOORD_FROM: Record<string, Parameters<typeof gcoord.transform>[1]> = {
  GCJ02: gcoord.GCJ02,
  BD09: gcoord.BD09,
  BD09MC: gcoord.BD09MC,
};


/**
 * The position mapper from `crs` to WGS84 lng/lat, or undefined when `crs` needs no conversion.
 * Throws a plain Error if proj4 cannot build the projection (callers wrap it with the file name).
 */
export function positionMapperToWgs84(crs: CrsInfo): PositionMapper | undefined {
  if (crs.code === "WGS84") return undefined;
  const gcoordFrom = GCOORD_FROM[crs.code];
  if (gcoordFrom) return viaGcoord(gcoordFrom, gcoord.WGS84);
  if (!crs.proj4) throw new Error(`no projection definition for ${crs.code}`);
  const converter = proj4(crs.proj4, "EPSG:4326");
  return ([x, y, ...rest]) => [...(converter.forward([x, y]) as [number, number]), ...rest];
}

/**
 * Converts every coordinate of `fc` from `crs` to WGS84 longitude/latitude. Returns a new collection
 * (the same object when `crs` is already WGS84). Z values are kept.
 *
 * @example convertToWgs84(gkPoints, crsFromCode("EPSG:4549")!) // [586000, 3414000] → [120.899, 30.844]
 */
export function convertToWgs84<F extends FeatureCollection<Geometry | null>>(fc: F, crs: CrsInfo): F {
  const mapper = positionMapperToWgs84(crs);
  return mapper ? mapPositions(fc, mapper) : fc;
}

export { positionWgs84ToGcj02, wgs84ToGcj02 } from "./gcj02-shift";
