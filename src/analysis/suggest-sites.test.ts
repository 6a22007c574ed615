import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { bboxPolygon, featureCollection } from "@turf/turf";
import { candidateCoverage, candidateCoverageBruteForce, candidateGrid, suggestSites, suggestSitesPlainGreedy } from "./suggest-sites.ts";
import { demandGrid } from "./demand-grid.ts";
import { demandFromPairs } from "./test-support.ts";

const lng = fc.double({ min: 120.8, max: 120.9, noNaN: true });
const lat = fc.double({ min: 30.8, max: 30.9, noNaN: true });

describe("suggestSites (indexed lists + lazy greedy) picks exactly what plain greedy picks", () => {
  test("random demand, weights, candidates and existing sites", () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(lng, lat, fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 250 }),
      fc.array(fc.tuple(lng, lat), { minLength: 1, maxLength: 40 }),
      fc.array(fc.tuple(lng, lat), { maxLength: 3 }),
      fc.double({ min: 200, max: 4000, noNaN: true }),
      fc.integer({ min: 1, max: 6 }),
      (points, candidatePairs, existingPairs, radiusM, count) => {
        const demand = demandFromPairs(points.map(([x, y]) => [x, y] as const), points.map((p) => p[2]));
        const candidates = candidatePairs.map(([x, y]) => ({ lng: x, lat: y }));
        const options = { radiusM, count, existing: existingPairs.map(([x, y]) => ({ lng: x, lat: y, radiusM })) };
        const indexedLists = candidateCoverage(demand, candidates, radiusM);
        const bruteLists = candidateCoverageBruteForce(demand, candidates, radiusM);
        expect(Array.from(indexedLists.offsets)).toEqual(Array.from(bruteLists.offsets));
        const lazy = suggestSites(demand, candidates, options);
        const plain = suggestSitesPlainGreedy(demand, candidates, options, bruteLists);
        expect(lazy.picks.map((p) => p.candidate)).toEqual(plain.picks.map((p) => p.candidate));
        expect(lazy.final_pct).toBeCloseTo(plain.final_pct, 9);
      },
    ), { numRuns: 150 });
  });
});

describe("suggestSites reporting", () => {
  const grid = demandGrid(featureCollection([bboxPolygon([120.8, 30.8, 120.86, 30.84], { properties: { code: "x" } })]), { cellSizeM: 200 });
  test("gains are positive, non-increasing and add up to the cumulative coverage", () => {
    const result = suggestSites(grid, candidateGrid(grid, 600), { radiusM: 1000, count: 4 });
    expect(result.picks).toHaveLength(4);
    let cumulative = result.baseline_pct;
    result.picks.forEach((pick, k) => {
      expect(pick.gain).toBeGreaterThan(0);
      if (k > 0) expect(pick.gain).toBeLessThanOrEqual(result.picks[k - 1]!.gain);
      cumulative += pick.gain_pct;
      expect(pick.cumulative_pct).toBeCloseTo(cumulative, 9);
    });
  });

  test("bad options are rejected with a message", () => {
    expect(() => suggestSites(grid, [], { radiusM: -1, count: 1 })).toThrow(/radius must be a positive number/);
    expect(() => suggestSites(grid, [], { radiusM: 100, count: 1.5 })).toThrow(/count must be a positive integer/);
  });
});
