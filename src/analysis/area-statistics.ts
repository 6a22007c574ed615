/**
 * Area statistics for polygon layers in km², 公顷 and 亩, official-vs-computed comparisons, and
 * zone × township intersections.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { featureCollection, intersect } from "@turf/turf";
import { areaInUnits, geodesicAreaM2, type AreaInUnits } from "./geodesy.ts";
import { assertValidCollection } from "./validate-geojson.ts";

export interface AreaRow extends AreaInUnits {
  id: string;
  code: string | null;
  name: string;
  /** `official_area_km2` from the data, when present. */
  official_area_km2: number | null;
  /** Computed − official, km² and % of official (null without an official figure). */
  difference_km2: number | null;
  difference_pct: number | null;
}

function propsOf(feature: Feature): Record<string, unknown> {
  return (feature.properties ?? {}) as Record<string, unknown>;
}

function isArea(feature: Feature): feature is Feature<Polygon | MultiPolygon> {
  return feature.geometry?.type === "Polygon" || feature.geometry?.type === "MultiPolygon";
}

/**
 * Geodesic area of every polygon feature (points and lines are skipped) in km², ha and 亩, with the
 * difference from `official_area_km2` where the data has one.
 * @example areaStatistics(towns)[0] // { name: "大云镇", area_km2: 28.9, area_ha: 2890, area_mu: 43350, official_area_km2: 28.7, … }
 */
export function areaStatistics(polygons: FeatureCollection): AreaRow[] {
  assertValidCollection(polygons, "areas");
  return polygons.features.filter(isArea).map((feature, index) => {
    const props = propsOf(feature);
    const units = areaInUnits(geodesicAreaM2(feature.geometry));
    const official = typeof props["official_area_km2"] === "number" ? (props["official_area_km2"] as number) : null;
    return {
      id: String(props["id"] ?? feature.id ?? `#${index}`),
      code: props["code"] === undefined || props["code"] === null ? null : String(props["code"]),
      name: String(props["name"] ?? props["id"] ?? `#${index}`),
      ...units,
      official_area_km2: official,
      difference_km2: official === null ? null : units.area_km2 - official,
      difference_pct: official === null || official === 0 ? null : (100 * (units.area_km2 - official)) / official,
    };
  });
}

export interface OverlapRow {
  zone_id: string;
  zone_name: string;
  township_code: string;
  township_name: string;
  overlap_km2: number;
  /** Share of the zone lying in this township (%). */
  share_of_zone_pct: number;
  /** Share of the township taken by the zone (%). */
  share_of_township_pct: number;
}

/**
 * Zone × township intersections with shares both ways; zones drawn as points have no area and are skipped.
 * @example zoneTownshipOverlap(zones, towns).filter((r) => r.zone_id === "zone-gtxc")
 */
export function zoneTownshipOverlap(zones: FeatureCollection, townships: FeatureCollection): OverlapRow[] {
  assertValidCollection(zones, "zones");
  assertValidCollection(townships, "townships");
  const towns = townships.features.filter(isArea).map((feature, index) => {
    const props = propsOf(feature);
    return { feature, code: String(props["code"] ?? props["id"] ?? `#${index}`), name: String(props["name"] ?? ""), areaM2: geodesicAreaM2(feature.geometry) };
  });
  const rows: OverlapRow[] = [];
  zones.features.filter(isArea).forEach((zone, index) => {
    const props = propsOf(zone);
    const zoneAreaM2 = geodesicAreaM2(zone.geometry);
    for (const town of towns) {
      const overlap = intersect(featureCollection([zone, town.feature]));
      const overlapM2 = geodesicAreaM2(overlap?.geometry ?? null);
      if (overlapM2 <= 0) continue;
      rows.push({
        zone_id: String(props["id"] ?? zone.id ?? `#${index}`),
        zone_name: String(props["name"] ?? ""),
        township_code: town.code,
        township_name: town.name,
        overlap_km2: overlapM2 / 1e6,
        share_of_zone_pct: zoneAreaM2 > 0 ? (100 * overlapM2) / zoneAreaM2 : 0,
        share_of_township_pct: town.areaM2 > 0 ? (100 * overlapM2) / town.areaM2 : 0,
      });
    }
  });
  return rows;
}
