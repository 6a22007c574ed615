/**
 * Turns a set of grid cells into a few polygons cheaply: consecutive cells in a row become runs, runs
 * with the same columns in consecutive rows become rectangles, and only those rectangles are unioned.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { featureCollection, union } from "@turf/turf";
import type { Demand } from "./demand-grid.ts";
import { geodesicAreaM2 } from "./geodesy.ts";
import { GeoInputError } from "./validate-geojson.ts";

/**
 * Merges the cells with `selected[i] === 1` into polygons (one feature, or none if nothing is selected)
 * carrying `properties` plus `area_km2` and `cells`.
 * @example gridCellsToPolygons(grid, gapMask, { category: "kindergarten" }) //addToMap
 */
export function gridCellsToPolygons(demand: Demand, selected: Uint8Array, properties: Record<string, unknown> = {}): FeatureCollection<Polygon | MultiPolygon> {
  const grid = demand.grid;
  if (!grid) throw new GeoInputError("gap polygons need a grid demand (supplied residential points have no cells)");
  const { rows, cols, dLng, dLat, originLng, originLat } = grid;
  const mask = new Uint8Array(rows * cols);
  let cells = 0;
  for (let i = 0; i < demand.count; i++) if (selected[i]) { mask[grid.row[i]! * cols + grid.col[i]!] = 1; cells++; }
  if (cells === 0) return featureCollection([]);
  const rectangles: Feature<Polygon>[] = [];
  let open = new Map<string, { c0: number; c1: number; r0: number }>();
  const close = (run: { c0: number; c1: number; r0: number }, rEnd: number) => {
    const west = originLng + run.c0 * dLng, east = originLng + (run.c1 + 1) * dLng;
    const south = originLat + run.r0 * dLat, north = originLat + rEnd * dLat;
    rectangles.push({ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] } });
  };
  for (let r = 0; r <= rows; r++) {
    const next = new Map<string, { c0: number; c1: number; r0: number }>();
    for (let c = 0; r < rows && c < cols; c++) {
      if (!mask[r * cols + c]) continue;
      let end = c;
      while (end + 1 < cols && mask[r * cols + end + 1]) end++;
      const key = `${c}:${end}`;
      next.set(key, open.get(key) ?? { c0: c, c1: end, r0: r });
      open.delete(key);
      c = end;
    }
    for (const run of open.values()) close(run, r);
    open = next;
  }
  const merged = rectangles.length === 1 ? rectangles[0]! : union(featureCollection(rectangles));
  if (!merged) return featureCollection([]);
  return featureCollection([{ type: "Feature", properties: { ...properties, cells, area_km2: geodesicAreaM2(merged.geometry) / 1e6 }, geometry: merged.geometry }]);
}
