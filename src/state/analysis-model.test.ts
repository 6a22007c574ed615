import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import type { FeatureCollection, Geometry, Point } from "geojson";
import type { Manifest } from "../data/types.ts";
import { runJob } from "../analysis/jobs.ts";
import { redundancyByPolygon } from "../analysis/redundancy.ts";
import type { ComplianceRow, LifeCircleStandards } from "../analysis/life-circle.ts";
import {
  cellsAtLeast, compareCoverageScenarios, complianceTable, coverageJobs, coverageNotices, coverageRows, DEFAULT_COVERAGE_PARAMS,
  DEFAULT_LIFE_CIRCLE_PARAMS, fillTemplate, layerStatus, lifeCircleJob, lifeCircleNotices, pointLayers, polygonLayers,
  metresPerPixel, redundancyFromCounts, rowsToCsv, stationNear, type ScenarioSnapshot,
} from "./analysis-model.ts";
import type { LayerState } from "./app-state.ts";

const manifest = JSON.parse(readFileSync("geodata/manifest.json", "utf8")) as Manifest;
const packageLayers: LayerState[] = manifest.layers.map((meta) => ({
  id: meta.id, kind: meta.kind, title: meta.title, meta, visible: true, opacity: 1,
  fc: JSON.parse(readFileSync(`geodata/${meta.file}`, "utf8")) as FeatureCollection<Geometry | null>,
}));
const tierRadii = Object.fromEntries(Object.entries((JSON.parse(readFileSync("geodata/emergency-standards.json", "utf8")) as { tiers: Record<string, { service_radius_m: number }> }).tiers).map(([k, v]) => [k, v.service_radius_m]));
const standards = JSON.parse(readFileSync("geodata/standards/life-circle.json", "utf8")) as LifeCircleStandards;

const layer = (id: string, features: FeatureCollection<Geometry | null>["features"], status?: LayerState["meta"]): LayerState => ({
  id, kind: "imported", title: { zh: id, en: id }, meta: status ?? null, fc: { type: "FeatureCollection", features }, visible: true, opacity: 1,
});
const point = (lng: number, lat: number, properties: Record<string, unknown> = {}) => ({ type: "Feature" as const, properties, geometry: { type: "Point" as const, coordinates: [lng, lat] } });
const square = (properties: Record<string, unknown> = {}) => ({
  type: "Feature" as const, properties, geometry: { type: "Polygon" as const, coordinates: [[[120.8, 30.8], [120.9, 30.8], [120.9, 30.9], [120.8, 30.9], [120.8, 30.8]]] },
});

function atlasCoverageJson(args: string[]): { total: { covered_pct: number }; areas: { code: string; covered_pct: number }[] } {
  const out = spawnSync(process.execPath, ["--import", "tsx", "src/cli/atlas.ts", "coverage", ...args, "--json"], { encoding: "utf8" });
  expect(out.status, out.stderr).toBe(0);
  return JSON.parse(out.stdout);
}

describe("layer roles", () => {
  it("offers point, polygon and mixed layers by the geometry they actually hold", () => {
    expect(pointLayers(packageLayers).map((l) => l.id)).toContain("emergency");
    expect(polygonLayers(packageLayers).map((l) => l.id)).toEqual(expect.arrayContaining(["towns", "zones", "county"]));
    expect(polygonLayers(packageLayers).map((l) => l.id)).not.toContain("emergency");
    const imported = layer("my-points", [point(120.9, 30.85)]);
    expect(pointLayers([imported])).toEqual([imported]);
  });

  it("takes the least trustworthy feature status, else the manifest's, else null", () => {
    expect(layerStatus(layer("a", [point(0, 0, { status: "official" }), point(0, 0, { status: "approximate" })]))).toBe("approximate");
    expect(layerStatus(layer("b", [point(0, 0)], { status: "derived" } as LayerState["meta"]))).toBe("derived");
    expect(layerStatus(layer("c", [point(0, 0)]))).toBeNull();
  });
});

describe("coverage jobs", () => {
  it("defaults to the emergency and towns layers and passes the radius the way the CLI does", () => {
    const fixed = coverageJobs(packageLayers, { ...DEFAULT_COVERAGE_PARAMS, radiusMode: "fixed", radiusM: 5000 }, tierRadii);
    expect([fixed.stations.id, fixed.by.id]).toEqual(["emergency", "towns"]);
    expect(fixed.job.options).toEqual({ radiusM: 5000 });
    expect(fixed.redundancyJob.sites.every((s) => s.radiusM === 5000)).toBe(true);
    const fromData = coverageJobs(packageLayers, DEFAULT_COVERAGE_PARAMS, tierRadii);
    expect(fromData.job.options).toEqual({ radiusByTierM: tierRadii });
    expect(new Set(fromData.redundancyJob.sites.map((s) => s.radiusM))).toEqual(new Set([5000, 10000]));
  });

  it("uses what-if stations instead of the layer's when given", () => {
    const edited: FeatureCollection<Point> = { type: "FeatureCollection", features: [point(120.9, 30.85, { id: "x", service_radius_m: 3000 })] };
    const jobs = coverageJobs(packageLayers, DEFAULT_COVERAGE_PARAMS, tierRadii, edited);
    expect(jobs.job.stations).toBe(edited);
    expect(jobs.redundancyJob.sites).toEqual([{ lng: 120.9, lat: 30.85, radiusM: 3000 }]);
  });

  it("says clearly what is missing", () => {
    expect(() => coverageJobs([layer("areas", [square()])], DEFAULT_COVERAGE_PARAMS, {})).toThrow(/no point layer/);
    expect(() => coverageJobs([layer("pts", [point(1, 1)])], DEFAULT_COVERAGE_PARAMS, {})).toThrow(/no polygon layer/);
    expect(() => coverageJobs(packageLayers, { ...DEFAULT_COVERAGE_PARAMS, radiusMode: "fixed", radiusM: -5 }, {})).toThrow(/non-negative/);
  });

  it("gives the same total and per-township shares as `atlas coverage --json` (5 km and data radii)", async () => {
    for (const [params, args] of [
      [{ ...DEFAULT_COVERAGE_PARAMS, radiusMode: "fixed" as const, radiusM: 5000 }, ["--layer", "emergency", "--radius", "5000", "--by", "towns"]],
      [DEFAULT_COVERAGE_PARAMS, ["--layer", "emergency", "--by", "towns"]],
    ] as const) {
      const panel = await runJob(coverageJobs(packageLayers, params, tierRadii).job);
      const cli = atlasCoverageJson([...args]);
      expect(panel.total.covered_pct).toBeCloseTo(cli.total.covered_pct, 1);
      for (const area of cli.areas) expect(panel.areas.find((a) => a.code === area.code)!.covered_pct).toBeCloseTo(area.covered_pct, 1);
    }
  }, 30_000);

  it("sums redundancy counts to the same shares as redundancyByPolygon", async () => {
    const jobs = coverageJobs(packageLayers, { ...DEFAULT_COVERAGE_PARAMS, radiusMode: "fixed", radiusM: 5000 }, tierRadii);
    const coarse = { ...jobs.redundancyJob, demand: { ...jobs.redundancyJob.demand, cellSizeM: 500 } };
    const { demand, counts } = await runJob(coarse);
    const expected = redundancyByPolygon(jobs.job.stations, jobs.job.polygons, { radiusM: 5000, cellSizeM: 500 });
    const rows = redundancyFromCounts(demand, counts);
    for (const row of expected) {
      const got = rows.find((r) => r.code === row.code)!;
      for (const k of ["0", "1", "2", "3+"] as const) expect(got.pct_by_count[k]).toBeCloseTo(row.pct_by_count[k], 6);
    }
  });
});

describe("coverage notices and rows", () => {
  it("derives caveats from the inputs' status and placement, not from the package", () => {
    const stations = layer("stations", [point(120.85, 30.85, { status: "schematic", placement: "assumed at township seat" })]);
    const towns = layer("areas", [square({ status: "schematic" })]);
    const keys = coverageNotices({ stations, by: towns, stationPoints: stations.fc as FeatureCollection<Point> }, { radius_m: null, radii_m: [5000, 10000] }, 0);
    expect(keys.map((n) => n.key)).toEqual(["analysis.caveat.geodesic", "analysis.caveat.radiiData", "analysis.caveat.schematic", "analysis.caveat.schematicAreas", "analysis.caveat.placement"]);
    expect(keys[1]!.params).toEqual({ radii: "5000, 10000" });
    expect(keys[4]!.params).toEqual({ placement: "assumed at township seat" });

    const official = layer("stations", [point(120.85, 30.85, { status: "official" })]);
    const realTowns = layer("areas", [square({ status: "official" })]);
    const clean = coverageNotices({ stations: official, by: realTowns, stationPoints: official.fc as FeatureCollection<Point> }, { radius_m: 5000, radii_m: [5000] }, 2);
    expect(clean.map((n) => n.key)).toEqual(["analysis.caveat.geodesic", "analysis.caveat.radiusFixed", "analysis.caveat.whatIf"]);
  });

  it("rates rows green/amber/red and attaches the ≥2-station share", () => {
    const rows = coverageRows(
      { areas: [{ code: "a", name: "A", area_km2: 10, covered_km2: 9.5, covered_pct: 95 }, { code: "b", name: "B", area_km2: 10, covered_km2: 7, covered_pct: 70 }, { code: "c", name: "C", area_km2: 10, covered_km2: 1, covered_pct: 10 }] },
      [{ code: "a", name: "A", pct_by_count: { "0": 5, "1": 45, "2": 30, "3+": 20 } }],
    );
    expect(rows.map((r) => r.rating)).toEqual(["green", "amber", "red"]);
    expect(rows[0]!.redundant_pct).toBe(50);
    expect(rows[1]!.redundant_pct).toBeNull();
  });
});

describe("scenarios", () => {
  it("compares B with A per township and in total, in percentage points", () => {
    const snap = (label: string, pcts: number[], total: number): ScenarioSnapshot => ({
      label, stations: 1, radius: "5000 m", total: { covered_pct: total, covered_km2: 0 },
      areas: pcts.map((p, i) => ({ code: `t${i}`, name: `T${i}`, covered_pct: p, covered_km2: 0 })),
    });
    const rows = compareCoverageScenarios(snap("A", [50, 80], 60), snap("B", [75, 80], 70));
    expect(rows).toEqual([
      { code: "t0", name: "T0", a_pct: 50, b_pct: 75, delta_pct_points: 25 },
      { code: "t1", name: "T1", a_pct: 80, b_pct: 80, delta_pct_points: 0 },
      { code: "*", name: "total", a_pct: 60, b_pct: 70, delta_pct_points: 10 },
    ]);
  });
});

describe("life circle", () => {
  it("builds the job like `atlas lifecircle`: towns grid, all point layers, detour, optional township and roads", () => {
    const job = lifeCircleJob(packageLayers, { ...DEFAULT_LIFE_CIRCLE_PARAMS, township: "330421111", cellSizeM: 200, detourFactor: 1.5 }, standards);
    expect(job.demand).toMatchObject({ type: "grid", cellSizeM: 200, zoneCode: "330421111" });
    expect(job.options).toEqual({ detourFactor: 1.5 });
    expect(job.layers.map((l) => l.kind)).toContain("emergency");
    expect(job.roads).toBeUndefined();
    const roads = layer("roads", [{ type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: [[120.8, 30.8], [120.9, 30.9]] } }]);
    expect(lifeCircleJob([...packageLayers, roads], { ...DEFAULT_LIFE_CIRCLE_PARAMS, roadsLayerId: "roads" }, standards).roads?.features).toHaveLength(1);
    expect(() => lifeCircleJob(packageLayers, { ...DEFAULT_LIFE_CIRCLE_PARAMS, cellSizeM: 1 }, standards)).toThrow(/at least 10 m/);
    expect(() => lifeCircleJob(packageLayers, { ...DEFAULT_LIFE_CIRCLE_PARAMS, detourFactor: 0.5 }, standards)).toThrow(/detour/);
  });

  it("is loud about schematic proxy inputs and names unverified distances", () => {
    const notices = lifeCircleNotices({
      facilities: { "health-centre": [{ id: "em-county", name: "c", lng: 120.9, lat: 30.85, proxy: true }], kindergarten: [] },
      standards, area: packageLayers.find((l) => l.id === "towns")!, facilityLayers: pointLayers(packageLayers), method: "m", network: false,
    });
    const keys = notices.map((n) => n.key);
    expect(keys[0]).toBe("analysis.lc.schematicInputs");
    expect(notices[0]!.params).toEqual({ direct: 0, proxies: 1 });
    expect(keys).toContain("analysis.lc.proxies");
    expect(keys.filter((k) => k === "analysis.lc.unverifiedLevel")).toHaveLength(standards.levels.filter((l) => !l.distance_verified).length);
    expect(keys.filter((k) => k === "analysis.caveat.schematic" || k === "analysis.caveat.schematicAreas")).toHaveLength(2);
  });

  it("lists categories without facilities apart and turns shares into percentages", () => {
    const row = (category: string, facilities: number, share: number): ComplianceRow => ({
      code: "1", name: "A", category, level: "15min", threshold_min: 15, facilities, share, rating: share >= 0.9 ? "green" : "red",
      share_within: { "5min": share / 4, "10min": share / 2, "15min": share },
    });
    const table = complianceTable([row("health-centre", 10, 0.5), row("kindergarten", 0, 0)]);
    expect(table.emptyCategories).toEqual(["kindergarten"]);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]).toMatchObject({ pct_5: 12.5, pct_10: 25, pct_15: 50, pct_own: 50, rating: "red" });
  });
});

describe("export and helpers", () => {
  it("writes RFC 4180 CSV with a BOM and quotes only where needed", () => {
    expect(rowsToCsv([{ name: "魏塘街道", pct: 84.31 }, { name: 'a "b", c', note: "x\ny" }])).toBe('\uFEFFname,pct,note\r\n魏塘街道,84.31,\r\n"a ""b"", c",,"x\ny"\r\n');
  });

  it("keeps only cells at or above a value", () => {
    const cells = cellsAtLeast({ count: 3, lng: Float64Array.of(1, 2, 3), lat: Float64Array.of(4, 5, 6), value: Uint32Array.of(0, 2, 1), dLng: 0.1, dLat: 0.1 }, 1);
    expect([cells.count, [...cells.lng], Array.from(cells.value)]).toEqual([2, [2, 3], [2, 1]]);
  });

  it("finds the station under a click within a pixel tolerance that shrinks as the map zooms in", () => {
    const stations: FeatureCollection<Point> = { type: "FeatureCollection", features: [point(120.9, 30.85, { id: "a" }), point(120.91, 30.85, { id: "b" })] };
    expect(metresPerPixel(0, 0)).toBeCloseTo(78271.5, 0);
    // 0.004° of longitude ≈ 383 m at 30.85°N: 10 px at zoom 10 is ≈ 654 m, at zoom 14 ≈ 41 m.
    expect(stationNear(stations, [120.904, 30.85], 10)).toBe("a");
    expect(stationNear(stations, [120.904, 30.85], 14)).toBeNull();
    expect(stationNear(stations, [120.907, 30.85], 10)).toBe("b");
  });

  it("fills {placeholders} and leaves unknown ones", () => {
    expect(fillTemplate("{n} stations, {radius}", { n: 3 })).toBe("3 stations, {radius}");
  });
});
