import { describe, expect, test } from "vitest";
import { area, bboxPolygon, booleanPointInPolygon, featureCollection, point } from "@turf/turf";
import type { FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import standardsJson from "../../geodata/standards/life-circle.json" with { type: "json" };
import { runJob, type AnalysisJob } from "./jobs.ts";
import type { LifeCircleStandards } from "./life-circle.ts";

const standards = standardsJson as unknown as LifeCircleStandards;
const towns = featureCollection([bboxPolygon([120.8, 30.8, 120.84, 30.84], { properties: { code: "A", name: "甲" } })]) as FeatureCollection<Polygon | MultiPolygon>;
const stations = featureCollection([point([120.82, 30.82], { id: "s", facility_category: "kindergarten" })]) as FeatureCollection<Point>;
const lifeCircleJob: AnalysisJob = { type: "life-circle", demand: { type: "grid", polygons: towns, cellSizeM: 200 }, layers: [{ kind: "villages", collection: stations }], standards };

describe("runJob dispatch", () => {
  test("coverage-by-polygon", async () => {
    const result = await runJob({ type: "coverage-by-polygon", stations, polygons: towns, options: { radiusM: 1000 } });
    expect(result.areas[0]!.covered_km2).toBeCloseTo(Math.PI, 1);
  });

  test("life-circle reports increasing progress and returns compliance and gaps", async () => {
    const progress: number[] = [];
    const { compliance, gaps } = await runJob(lifeCircleJob, { onProgress: (f) => progress.push(f) });
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(compliance.find((r) => r.code === "A" && r.category === "kindergarten")!.share).toBeGreaterThan(0);
    expect(gaps["kindergarten"]!.features).toHaveLength(1);
  });

  test("what-if chains edits on a previous result and reports deltas", async () => {
    const { result } = await runJob(lifeCircleJob);
    const outcome = await runJob({ type: "what-if", previous: result, standards, edits: [{ type: "add", category: "kindergarten", facility: { id: "n", name: "n", lng: 120.835, lat: 30.835, proxy: false } }] });
    expect(outcome.deltas.find((d) => d.code === "A" && d.category === "kindergarten")!.delta_pct_points).toBeGreaterThan(0);
  });

  test("what-if redraws the gaps of the edited category: smaller, and none around the new facility", async () => {
    const before = await runJob(lifeCircleJob);
    const newSite: [number, number] = [120.835, 30.835];
    const outcome = await runJob({ type: "what-if", previous: before.result, standards, edits: [{ type: "add", category: "kindergarten", facility: { id: "n", name: "n", lng: newSite[0], lat: newSite[1], proxy: false } }] });
    const gapsBefore = before.gaps["kindergarten"]!;
    const gapsAfter = outcome.gaps["kindergarten"]!;
    expect(gapsBefore.features.some((f) => booleanPointInPolygon(newSite, f))).toBe(true);
    expect(gapsAfter.features.some((f) => booleanPointInPolygon(newSite, f))).toBe(false);
    expect(area(gapsAfter)).toBeLessThan(area(gapsBefore));
    expect(Object.keys(outcome.gaps)).toEqual(["kindergarten"]);
  });

  test("suggest-sites, redundancy and nearest-distance", async () => {
    const suggested = await runJob({ type: "suggest-sites", demand: { type: "grid", polygons: towns, cellSizeM: 200 }, radiusM: 800, count: 2, candidateSpacingM: 800 });
    expect(suggested.picks).toHaveLength(2);
    const redundancy = await runJob({ type: "redundancy", demand: { type: "grid", polygons: towns, cellSizeM: 200 }, sites: [{ lng: 120.82, lat: 30.82, radiusM: 1000 }, { lng: 120.83, lat: 30.82, radiusM: 1000 }] });
    expect(Object.keys(redundancy.histogram).sort()).toEqual(["0", "1", "2"]);
    const nearest = await runJob({ type: "nearest-distance", points: featureCollection([point([120.82, 30.83])]), facilities: stations });
    expect(nearest.features[0]!.properties).toMatchObject({ nearest_id: "s" });
    expect(nearest.features[0]!.properties!["distance_m"]).toBeCloseTo(1111.95, 0);
  });

  test("an aborted signal rejects with AbortError", async () => {
    const controller = new AbortController();
    const running = runJob(lifeCircleJob, { signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: "AbortError" });
  });

  test("bad input rejects with the engine's message; unknown job types are named", async () => {
    await expect(runJob({ type: "coverage-by-polygon", stations: featureCollection([point([200, 30])]) as FeatureCollection<Point>, polygons: towns })).rejects.toThrow(/coordinate \[200, 30\]/);
    await expect(runJob({ type: "teleport" } as never)).rejects.toThrow(/unknown analysis job type "teleport"/);
  });
});

test("the engine (and so the worker) never imports MapLibre, deck.gl or the DOM-bound UI", async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  const dir = new URL(".", import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
    const source = readFileSync(new URL(file, dir), "utf8");
    expect(source, file).not.toMatch(/from\s+["'](maplibre-gl|@deck\.gl\/[^"']+|preact[^"']*|\.\.\/(ui|map|state)\/[^"']*)["']/);
  }
});
