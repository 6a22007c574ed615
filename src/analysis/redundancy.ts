/**
 * Redundancy: how many stations cover each place, summarised per township as the share of area
 * covered by 0, 1, 2 and 3+ stations (on a demand grid, geodesic radii).
 */
import type { FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { coverageCounts, type Site } from "./coverage-counts.ts";
import { demandGrid } from "./demand-grid.ts";
import { serviceRadiusM, type ServiceRadiusOptions } from "./service-coverage.ts";
import { assertValidCollection } from "./validate-geojson.ts";

export interface RedundancyRow {
  code: string;
  name: string;
  /** Share (%) of the township's area covered by exactly 0, 1, 2 and by 3 or more stations. */
  pct_by_count: { "0": number; "1": number; "2": number; "3+": number };
}

export interface RedundancyOptions extends ServiceRadiusOptions {
  /** Grid cell size in metres. @default 100 */
  cellSizeM?: number;
}

/** Stations as {@link Site}s with their resolved radii (features without geometry are skipped). */
export function sitesFromStations(stations: FeatureCollection<Point>, options: ServiceRadiusOptions = {}): Site[] {
  assertValidCollection(stations, "stations", ["Point"]);
  return stations.features.flatMap((station, index) => station.geometry
    ? [{ lng: station.geometry.coordinates[0]!, lat: station.geometry.coordinates[1]!, radiusM: serviceRadiusM(station, options, index).radiusM }]
    : []);
}

/**
 * Per polygon, the share of area within reach of 0, 1, 2 and 3+ stations; a last row with code "*"
 * covers all polygons.
 * @example redundancyByPolygon(emergency, towns, { radiusM: 5000 }).find((r) => r.code === "330421111")
 */
export function redundancyByPolygon(stations: FeatureCollection<Point>, polygons: FeatureCollection<Polygon | MultiPolygon>, options: RedundancyOptions = {}): RedundancyRow[] {
  const grid = demandGrid(polygons, { cellSizeM: options.cellSizeM ?? 100 });
  const counts = coverageCounts(grid, sitesFromStations(stations, options));
  const zones = grid.zones.length;
  const areaBy = Array.from({ length: zones + 1 }, () => [0, 0, 0, 0]);
  for (let i = 0; i < grid.count; i++) {
    const bucket = Math.min(3, counts[i]!);
    areaBy[grid.zone[i]!]![bucket]! += grid.areaM2[i]!;
    areaBy[zones]![bucket]! += grid.areaM2[i]!;
  }
  return [...grid.zones, { code: "*", name: "all" }].map((zone, z) => {
    const total = areaBy[z]!.reduce((a, b) => a + b, 0);
    const pct = (k: number) => (total > 0 ? (100 * areaBy[z]![k]!) / total : 0);
    return { code: zone.code, name: zone.name, pct_by_count: { "0": pct(0), "1": pct(1), "2": pct(2), "3+": pct(3) } };
  });
}
