import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { FeatureCollection, Geometry } from "geojson";
import { coverageByPolygon } from "../analysis/service-coverage.ts";
import type { LayerKind, ManifestLayer, Status } from "../data/types.ts";
import type { LayerState } from "../state/app-state.ts";
import { RADIUS_BY_TIER_M, computeLiveCoverage, liveCoverage } from "./live-coverage.ts";

const PACKAGE = join(import.meta.dirname, "../../test/fixtures/analysis/package");
const readFc = (file: string) => JSON.parse(readFileSync(join(PACKAGE, file), "utf8")) as FeatureCollection<Geometry | null>;

const layer = (kind: LayerKind, fc: FeatureCollection<Geometry | null>, status: Status): LayerState => ({
  id: kind, kind, title: { zh: kind, en: kind }, fc, visible: true, opacity: 1, meta: { id: kind, kind, status } as ManifestLayer,
});

const towns = layer("towns", readFc("towns.geojson"), "schematic");
const stations = layer("emergency", readFc("emergency.geojson"), "approximate");
const runPure = async (s: Parameters<typeof coverageByPolygon>[0], t: Parameters<typeof coverageByPolygon>[1]) =>
  coverageByPolygon(s, t, { radiusByTierM: RADIUS_BY_TIER_M });

beforeEach(() => {
  liveCoverage.value = { state: "idle" };
});

describe("computeLiveCoverage", () => {
  it("summarises the engine's result for the stage, with the inputs' status", async () => {
    await computeLiveCoverage([towns, stations], runPure);
    const live = liveCoverage.value;
    if (live.state !== "done") throw new Error(JSON.stringify(live));
    const expected = coverageByPolygon(stations.fc as never, towns.fc as never, { radiusByTierM: RADIUS_BY_TIER_M });
    expect(live.summary.coveredPct).toBeCloseTo(expected.total.covered_pct, 9);
    expect(live.summary.coveredKm2).toBeCloseTo(expected.total.covered_km2, 9);
    expect(live.summary.radiiM).toEqual(expected.radii_m);
    const least = [...expected.areas].sort((a, b) => a.covered_pct - b.covered_pct)[0]!;
    expect(live.summary.leastCovered?.coveredPct).toBeCloseTo(least.covered_pct, 9);
    const leastTown = towns.fc.features.find((f) => f.properties?.["code"] === least.code)!;
    expect(live.summary.leastCovered?.name).toEqual({ zh: leastTown.properties!["name"], en: leastTown.properties!["name_en"] });
    expect(live.summary.townsStatus).toBe("schematic");
    expect(live.summary.stationsStatus).toBe("approximate");
    expect(live.summary.stationCount).toBe(stations.fc.features.filter((f) => f.geometry).length);
    expect(live.summary.placements).toEqual([]);
  });

  it("lists each distinct station placement the data states", async () => {
    const placed = readFc("emergency.geojson");
    placed.features.forEach((f, i) => (f.properties!["placement"] = i === 0 ? "assumed at county seat" : "assumed at township seat"));
    await computeLiveCoverage([towns, layer("emergency", placed, "schematic")], runPure);
    const live = liveCoverage.value;
    if (live.state !== "done") throw new Error(JSON.stringify(live));
    expect(live.summary.placements).toEqual(["assumed at county seat", "assumed at township seat"]);
  });

  it("does not run again for the same data", async () => {
    let runs = 0;
    const counting: typeof runPure = (s, t) => { runs += 1; return runPure(s, t); };
    const fresh = layer("towns", readFc("towns.geojson"), "schematic");
    await computeLiveCoverage([fresh, stations], counting);
    await computeLiveCoverage([fresh, stations], counting);
    expect(runs).toBe(1);
  });

  it("reports an engine failure as state, not an exception", async () => {
    await computeLiveCoverage([layer("towns", readFc("towns.geojson"), "schematic"), stations], async () => { throw new Error("stations: bad radius"); });
    expect(liveCoverage.value).toEqual({ state: "error", message: "stations: bad radius" });
  });

  it("says which layer is missing", async () => {
    await computeLiveCoverage([towns], runPure);
    expect(liveCoverage.value.state).toBe("error");
  });
});
