import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { bboxPolygon, featureCollection } from "@turf/turf";
import { coverageCounts, coverageCountsBruteForce, coverageCountsNaiveTurf, nearestSiteBruteForce, nearestSiteDistances, nearestSiteFinder } from "./coverage-counts.ts";
import { demandGrid } from "./demand-grid.ts";
import { demandFromPairs } from "./test-support.ts";

// Around Jiashan, with some points well outside the county to exercise the projection margin.
const lng = fc.double({ min: 120.5, max: 121.3, noNaN: true });
const lat = fc.double({ min: 30.5, max: 31.3, noNaN: true });
const pair = fc.tuple(lng, lat);
const site = fc.record({ lng, lat, radiusM: fc.double({ min: 0, max: 15_000, noNaN: true }) });

describe("coverageCounts (KD-tree + haversine) equals the brute-force haversine reference", () => {
  test("random points and sites", () => {
    fc.assert(fc.property(fc.array(pair, { maxLength: 300 }), fc.array(site, { maxLength: 30 }), (pairs, sites) => {
      const demand = demandFromPairs(pairs);
      expect(Array.from(coverageCounts(demand, sites))).toEqual(Array.from(coverageCountsBruteForce(demand, sites)));
    }), { numRuns: 200 });
  });

  test("a real grid: redundancy counts match and the Turf baseline agrees away from circle edges", () => {
    const grid = demandGrid(featureCollection([bboxPolygon([120.8, 30.8, 120.9, 30.88], { properties: { code: "x" } })]), { cellSizeM: 250 });
    const sites = [{ lng: 120.83, lat: 30.82, radiusM: 3000 }, { lng: 120.86, lat: 30.84, radiusM: 2000 }, { lng: 121.2, lat: 31.2, radiusM: 1000 }];
    const fast = coverageCounts(grid, sites);
    expect(Array.from(fast)).toEqual(Array.from(coverageCountsBruteForce(grid, sites)));
    const naive = coverageCountsNaiveTurf(grid, sites);
    const differing = fast.reduce((n, c, i) => n + (c !== naive[i] ? 1 : 0), 0);
    expect(differing / grid.count).toBeLessThan(0.01);
    expect(Math.max(...fast)).toBe(2);
  });
});

describe("nearest site", () => {
  test("finder and scatter paths equal the brute-force nearest (index and geodesic metres)", () => {
    fc.assert(fc.property(fc.array(pair, { minLength: 1, maxLength: 200 }), fc.array(pair, { minLength: 1, maxLength: 40 }), (pairs, sitePairs) => {
      const demand = demandFromPairs(pairs);
      const sites = sitePairs.map(([x, y]) => ({ lng: x, lat: y }));
      const reference = nearestSiteBruteForce(demand, sites);
      const viaFinder = nearestSiteDistances(demand, sites);
      const viaScatter = nearestSiteDistances(demand, sites, { maxDistanceM: 1e6 });
      for (const result of [viaFinder, viaScatter]) {
        for (let i = 0; i < demand.count; i++) expect(result.distanceM[i]).toBeCloseTo(reference.distanceM[i]!, 6);
      }
    }), { numRuns: 150 });
  });

  test("a capped search leaves far points unreached", () => {
    const demand = demandFromPairs([[120.9, 30.85], [121.2, 31.2]]);
    const result = nearestSiteDistances(demand, [{ lng: 120.9, lat: 30.86 }], { maxDistanceM: 5000 });
    expect(result.nearest[0]).toBe(0);
    expect(result.distanceM[0]).toBeCloseTo(1111.95, 1);
    expect(result.nearest[1]).toBe(-1);
    expect(result.distanceM[1]).toBe(Infinity);
  });

  test("no sites → nobody has a nearest", () => {
    expect(nearestSiteFinder([])(120.9, 30.85)).toEqual({ index: -1, distanceM: Infinity });
  });
});

describe("coverageByPolygon bookkeeping", () => {
  test("covered + uncovered = area for every township; empty layers give zeros", async () => {
    const { coverageByPolygon } = await import("./service-coverage.ts");
    const towns = featureCollection([bboxPolygon([120.8, 30.8, 120.85, 30.85], { properties: { code: "A" } }), bboxPolygon([120.85, 30.8, 120.9, 30.85], { properties: { code: "B" } })]);
    const stations = featureCollection([{ type: "Feature" as const, properties: {}, geometry: { type: "Point" as const, coordinates: [120.85, 30.825] } }]);
    const result = coverageByPolygon(stations, towns, { radiusM: 3000 });
    for (const area of result.areas) {
      const uncovered = result.uncovered.features.find((f) => f.properties!["code"] === area.code)!.properties!["uncovered_km2"] as number;
      expect(area.covered_km2 + uncovered).toBeCloseTo(area.area_km2, 6);
    }
    expect(result.areas[0]!.covered_km2).toBeCloseTo(result.areas[1]!.covered_km2, 2);
    expect(coverageByPolygon(stations, featureCollection([]), { radiusM: 3000 }).total).toEqual({ area_km2: 0, covered_km2: 0, covered_pct: 0 });
  });
});

describe("redundancyByPolygon", () => {
  test("the uncovered share on the grid matches the polygon computation; overlaps count twice", async () => {
    const { coverageByPolygon } = await import("./service-coverage.ts");
    const { redundancyByPolygon } = await import("./redundancy.ts");
    const towns = featureCollection([bboxPolygon([120.8, 30.8, 120.85, 30.85], { properties: { code: "A", name: "甲" } }), bboxPolygon([120.85, 30.8, 120.9, 30.85], { properties: { code: "B", name: "乙" } })]);
    const stations = featureCollection([[120.82, 30.82], [120.835, 30.82], [120.95, 30.95]].map((coordinates) => ({ type: "Feature" as const, properties: {}, geometry: { type: "Point" as const, coordinates } })));
    const rows = redundancyByPolygon(stations, towns, { radiusM: 2000, cellSizeM: 100 });
    const polygonResult = coverageByPolygon(stations, towns, { radiusM: 2000 });
    const a = rows.find((r) => r.code === "A")!;
    expect(100 - a.pct_by_count["0"]).toBeCloseTo(polygonResult.areas[0]!.covered_pct, 0);
    expect(a.pct_by_count["2"]).toBeGreaterThan(5);
    expect(a.pct_by_count["3+"]).toBe(0);
    const sum = Object.values(rows.at(-1)!.pct_by_count).reduce((x, y) => x + y, 0);
    expect(sum).toBeCloseTo(100, 9);
  });
});
