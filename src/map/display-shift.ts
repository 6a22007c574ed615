/**
 * Display-only coordinate shift: data stays WGS84 internally and is moved to GCJ-02 just before it
 * is drawn over a GCJ-02 basemap (AMap), so overlays line up with the tiles; positions picked on
 * such a map go back to WGS84 before they reach state. Memoized per object so the bridge's
 * reference check still skips unchanged data.
 */
import type { FeatureCollection, Geometry } from "geojson";
import { positionGcj02ToWgs84, positionWgs84ToGcj02, wgs84ToGcj02 } from "../io/crs/gcj02-shift.ts";
import { mapGeometry } from "../io/crs/map-positions.ts";
import type { AnalysisOverlay, CellSurface } from "../state/analysis-model.ts";

const cache = new WeakMap<FeatureCollection, FeatureCollection>();

export function shiftForDisplay<T extends FeatureCollection>(fc: T): T {
  let shifted = cache.get(fc);
  if (!shifted) cache.set(fc, (shifted = wgs84ToGcj02(fc)));
  return shifted as T;
}

const shiftPoint = (lngLat: [number, number]) => positionWgs84ToGcj02(lngLat).slice(0, 2) as [number, number];

/** A map position on a GCJ-02 basemap (a click) as WGS84 data coordinates. */
export const pointFromDisplay = (lngLat: [number, number]) => positionGcj02ToWgs84(lngLat).slice(0, 2) as [number, number];

/** A geometry as drawn over a GCJ-02 basemap (a drawing loaded into the editor). */
export const geometryForDisplay = (geometry: Geometry) => mapGeometry(geometry, positionWgs84ToGcj02);
/** A geometry drawn or edited over a GCJ-02 basemap, back in WGS84 for state. */
export const geometryFromDisplay = (geometry: Geometry) => mapGeometry(geometry, positionGcj02ToWgs84);

const cellCache = new WeakMap<CellSurface, CellSurface>();
/** Grid cells moved with their centres; the shift changes by centimetres across one cell, so sizes stay. */
function shiftCells(cells: CellSurface): CellSurface {
  let shifted = cellCache.get(cells);
  if (!shifted) {
    const lng = new Float64Array(cells.count);
    const lat = new Float64Array(cells.count);
    for (let i = 0; i < cells.count; i++) [lng[i], lat[i]] = shiftPoint([cells.lng[i]!, cells.lat[i]!]);
    cellCache.set(cells, (shifted = { ...cells, lng, lat }));
  }
  return shifted;
}

/** Every part of the analysis overlay (polygons, grid cells, stations, suggested sites) as drawn over a GCJ-02 basemap. */
export function overlayForDisplay(overlay: AnalysisOverlay | null, gcj: boolean): AnalysisOverlay | null {
  if (!overlay || !gcj) return overlay;
  const { coverage, lifeCircle, suggestions } = overlay;
  return {
    ...(coverage ? {
      coverage: {
        covered: shiftForDisplay(coverage.covered),
        uncovered: shiftForDisplay(coverage.uncovered),
        redundancy: coverage.redundancy && shiftCells(coverage.redundancy),
        stations: coverage.stations.map((s) => ({ ...s, lngLat: shiftPoint(s.lngLat) })),
      },
    } : {}),
    ...(lifeCircle ? { lifeCircle: { surface: shiftCells(lifeCircle.surface), gaps: lifeCircle.gaps && shiftForDisplay(lifeCircle.gaps) } } : {}),
    ...(suggestions ? { suggestions: suggestions.map((p) => ({ ...p, lngLat: shiftPoint(p.lngLat) })) } : {}),
  };
}
