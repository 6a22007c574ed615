/**
 * The build is reproducible: running it again gives the committed geodata/ files byte for byte
 * (they were written by an earlier run of the CLI, so this also checks determinism), and broken
 * hand-placed sources fail with a message that names the file and the feature.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as turf from "@turf/turf";
import type { Feature, Polygon } from "geojson";
import { buildPackageFromInputs, type BuiltPackage } from "../../scripts/data/build-package.ts";
import { readInputs } from "../../scripts/data/read-inputs.ts";
import { resolveLayer, type PlacementContext, type ResolvedFeature } from "../../scripts/data/resolve-placements.ts";
import { applyEmergencyStandards } from "../../scripts/data/apply-emergency-standards.ts";
import type { TownFeature } from "../../scripts/data/build-towns.ts";

const ROOT = join(import.meta.dirname, "../..");

describe("npm run data:build", () => {
  let built: BuiltPackage;
  beforeAll(() => {
    built = buildPackageFromInputs(readInputs(ROOT));
  }, 60_000);

  it("reproduces every committed generated file byte for byte", () => {
    expect(Object.keys(built.files).sort()).toEqual(
      ["county", "emergency", "innovation-centres", "neighbours", "towns", "villages", "water", "zones"].map((l) => `${l}.geojson`).concat("manifest.json").sort(),
    );
    for (const [file, contents] of Object.entries(built.files)) {
      const committed = readFileSync(join(ROOT, "geodata", file), "utf8");
      expect(contents === committed, `geodata/${file} is stale: run npm run data:build`).toBe(true);
    }
  });

  it("reports the county area and a status mix per layer", () => {
    expect(built.countyAreaKm2).toBeGreaterThan(506.88 * 0.99);
    expect(built.countyAreaKm2).toBeLessThan(506.88 * 1.01);
    const villages = built.summary.find((s) => s.id === "villages")!;
    expect(villages).toMatchObject({ features: 174, statusMix: { official: 174 }, build: "generated" });
  });

});

describe("hand-placed sources", () => {
  const committed = (layer: string) => JSON.parse(readFileSync(join(ROOT, "geodata", `${layer}.geojson`), "utf8")).features as ResolvedFeature[];
  const towns = committed("towns") as TownFeature[];
  const context = (): PlacementContext => {
    const ctx: PlacementContext = { geometries: new Map(), anchors: new Map(), countyId: "county-330421" };
    for (const f of [...committed("county"), ...committed("neighbours"), ...towns]) ctx.geometries.set(f.properties.id, f.geometry);
    for (const t of towns) ctx.anchors.set(t.properties.id, t.properties.seat as [number, number]);
    return ctx;
  };
  const sources = readInputs(ROOT).handSources;

  it("resolves the committed zone sources to the committed zones layer", () => {
    const zones = resolveLayer("zones", sources.zones, context());
    expect(zones.map((z) => z.properties.id)).toEqual(committed("zones").map((z) => z.properties.id));
  });

  it("rejects a feature without a status, naming file and feature", () => {
    const zones = sources.zones.map((f) => (f.properties.id === "zone-guigu" ? { ...f, properties: { ...f.properties, status: undefined } } : f));
    expect(() => resolveLayer("zones", zones, context())).toThrow('geodata/sources/zones.geojson, feature zone-guigu: missing property "status"');
  });

  it("rejects a placement that refers to an unknown feature", () => {
    const water = sources.water.map((f) => (f.properties.id === "water-fenhu" ? { ...f, placement: { point: { at: "town-999" } } } : f));
    expect(() => resolveLayer("water", water, context())).toThrow('geodata/sources/water.geojson, feature water-fenhu: anchor "town-999" is not a known feature');
  });

  it("builds a circle of the stated area and clips it to the county", () => {
    const [circle] = resolveLayer("zones", [{ type: "Feature", geometry: null, properties: { ...sources.zones[0].properties, id: "zone-test" }, placement: { circle: { centre: { at: "town-330421001" }, area_km2: 4 } } }], context());
    expect(turf.area(circle as Feature<Polygon>) / 1e6).toBeCloseTo(4, 1);
    expect(circle.properties.placement_rule).toBe("circle of 4 km² (r 1.13 km) at town-330421001");
  });

  it("gives town sub-stations the urban or rural radius of their township and rejects incomplete standards", () => {
    const stations = resolveLayer("emergency", sources.emergency, context());
    const standards = JSON.parse(readFileSync(join(ROOT, "geodata/emergency-standards.json"), "utf8"));
    const stamped = applyEmergencyStandards(stations, standards, towns);
    expect(stamped.find((f) => f.properties.id === "em-town-330421001")!.properties.service_radius_m).toBe(5000);
    expect(stamped.find((f) => f.properties.id === "em-town-330421112")!.properties.service_radius_m).toBe(10000);
    const broken = { tiers: { county: { service_radius_m: 5000 }, town: {}, village: { service_radius_m: 1000 } } };
    expect(() => applyEmergencyStandards(stations, broken, towns)).toThrow("tiers.town.service_radius_m must be a number");
  });
});
