/**
 * Service radii of stations (e.g. emergency posts) and how much of each township they cover.
 * Buffers are geodesic circles (Turf's `circle`, great-circle destinations on the mean-radius sphere)
 * and areas are geodesic areas on the same sphere, so a 5 km circle covers π·5²  km² (±0.2 %).
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { circle, difference, featureCollection, intersect, union } from "@turf/turf";
import { geodesicAreaM2 } from "./geodesy.ts";
import { GeoInputError, assertValidCollection, featureLabel } from "./validate-geojson.ts";

export interface ServiceRadiusOptions {
  /** One radius for every station, overriding the data. @default undefined (use the data) */
  radiusM?: number;
  /** Radius per `tier` value (e.g. from geodata/emergency-standards.json), used when a station has no `service_radius_m`. @default {} */
  radiusByTierM?: Record<string, number>;
}

/** Where a station's radius came from. */
export type RadiusSource = "override" | "feature" | "tier";

/**
 * The service radius of one station: the override, else its `service_radius_m`, else its tier's default.
 * Throws a {@link GeoInputError} naming the station when none applies.
 * @example serviceRadiusM(station, { radiusByTierM: { town: 5000 } }) // { radiusM: 5000, source: "tier" }
 */
export function serviceRadiusM(station: Feature, options: ServiceRadiusOptions = {}, index = 0): { radiusM: number; source: RadiusSource } {
  const { radiusM, radiusByTierM = {} } = options;
  if (radiusM !== undefined) {
    if (!(radiusM >= 0) || !Number.isFinite(radiusM)) throw new GeoInputError(`radius must be a non-negative number of metres (got ${radiusM})`);
    return { radiusM, source: "override" };
  }
  const props = (station.properties ?? {}) as Record<string, unknown>;
  const own = props["service_radius_m"];
  if (own !== undefined && own !== null) {
    if (typeof own !== "number" || !(own >= 0) || !Number.isFinite(own)) {
      throw new GeoInputError(`stations, ${featureLabel(station, index)}: service_radius_m ${JSON.stringify(own)} is not a non-negative number`);
    }
    return { radiusM: own, source: "feature" };
  }
  const tier = props["tier"];
  if (typeof tier === "string" && radiusByTierM[tier] !== undefined) return { radiusM: radiusByTierM[tier]!, source: "tier" };
  throw new GeoInputError(`stations, ${featureLabel(station, index)}: no service_radius_m, and no default radius for tier ${JSON.stringify(tier ?? null)}; pass a radius`);
}

export interface ServiceAreasOptions extends ServiceRadiusOptions {
  /** Vertices per circle (the polygon is inscribed: area ≈0.16 % under π·r² at 64). @default 64 */
  steps?: number;
}

/**
 * Geodesic service circles, one per station with a geometry, carrying `id`, `name`, `tier`,
 * `radius_m` and `radius_source`.
 * @example serviceAreas(stations, { radiusM: 5000 }) //addToMap
 */
export function serviceAreas(stations: FeatureCollection<Point>, options: ServiceAreasOptions = {}): FeatureCollection<Polygon> {
  assertValidCollection(stations, "stations", ["Point"]);
  const { steps = 64 } = options;
  const circles: Feature<Polygon>[] = [];
  stations.features.forEach((station, index) => {
    if (!station.geometry) return;
    const { radiusM, source } = serviceRadiusM(station, options, index);
    if (radiusM === 0) return;
    const props = (station.properties ?? {}) as Record<string, unknown>;
    circles.push(circle(station.geometry.coordinates, radiusM / 1000, {
      units: "kilometers",
      steps,
      properties: { id: props["id"] ?? station.id ?? `#${index}`, name: props["name"] ?? null, tier: props["tier"] ?? null, radius_m: radiusM, radius_source: source },
    }));
  });
  return featureCollection(circles);
}

/** One polygon's share of coverage. */
export interface AreaCoverage {
  code: string;
  name: string;
  area_km2: number;
  covered_km2: number;
  covered_pct: number;
}

export interface CoverageByPolygonResult {
  /** The override radius, or `null` when radii came from the data (see `radii`). */
  radius_m: number | null;
  /** Distinct radii used, in metres. */
  radii_m: number[];
  areas: AreaCoverage[];
  total: { area_km2: number; covered_km2: number; covered_pct: number };
  /** Union of all service circles. */
  coverage: FeatureCollection<Polygon | MultiPolygon>;
  /** Per polygon, the part no station covers (properties: code, name, uncovered_km2). */
  uncovered: FeatureCollection<Polygon | MultiPolygon>;
  method: string;
}

export interface CoverageByPolygonOptions extends ServiceAreasOptions {
  /** @default "code" */
  codeProperty?: string;
  /** @default "name" */
  nameProperty?: string;
}

const percent = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

/**
 * Covered area and share of each polygon (e.g. township) inside the union of the stations' geodesic
 * service circles; stations outside the polygons still count where their circles reach in.
 * @example
 * const result = coverageByPolygon(emergency, towns, { radiusM: 5000 });
 * result.total.covered_pct // share of the county within 5 km of a station
 */
export function coverageByPolygon(
  stations: FeatureCollection<Point>,
  polygons: FeatureCollection<Polygon | MultiPolygon>,
  options: CoverageByPolygonOptions = {},
): CoverageByPolygonResult {
  const { codeProperty = "code", nameProperty = "name" } = options;
  assertValidCollection(polygons, "areas", ["Polygon", "MultiPolygon"]);
  const circles = serviceAreas(stations, options);
  // Turf's union needs two or more polygons.
  const coverageUnion = circles.features.length > 1 ? union(circles) : (circles.features[0] ?? null);
  const areas: AreaCoverage[] = [];
  const uncovered: Feature<Polygon | MultiPolygon>[] = [];
  polygons.features.forEach((polygon, index) => {
    if (!polygon.geometry) return;
    const props = (polygon.properties ?? {}) as Record<string, unknown>;
    const code = String(props[codeProperty] ?? props["id"] ?? `#${index}`);
    const name = String(props[nameProperty] ?? code);
    const areaM2 = geodesicAreaM2(polygon.geometry);
    const covered = coverageUnion ? intersect(featureCollection([polygon, coverageUnion])) : null;
    const coveredM2 = Math.min(areaM2, geodesicAreaM2(covered?.geometry ?? null));
    const rest = coverageUnion ? difference(featureCollection([polygon, coverageUnion])) : polygon;
    if (rest) uncovered.push({ type: "Feature", properties: { code, name, uncovered_km2: geodesicAreaM2(rest.geometry) / 1e6 }, geometry: rest.geometry });
    areas.push({ code, name, area_km2: areaM2 / 1e6, covered_km2: coveredM2 / 1e6, covered_pct: percent(coveredM2, areaM2) });
  });
  const areaKm2 = areas.reduce((sum, a) => sum + a.area_km2, 0);
  const coveredKm2 = areas.reduce((sum, a) => sum + a.covered_km2, 0);
  const radii = [...new Set(circles.features.map((c) => c.properties!["radius_m"] as number))].sort((a, b) => a - b);
  return {
    radius_m: options.radiusM ?? null,
    radii_m: radii,
    areas,
    total: { area_km2: areaKm2, covered_km2: coveredKm2, covered_pct: percent(coveredKm2, areaKm2) },
    coverage: featureCollection(coverageUnion ? [coverageUnion] : []),
    uncovered: featureCollection(uncovered),
    method: `geodesic circles (${options.steps ?? 64}-gon, mean-radius sphere) unioned and intersected with each polygon; geodesic areas`,
  };
}
