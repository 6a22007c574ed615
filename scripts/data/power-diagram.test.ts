import { describe, expect, it } from "vitest";
import * as turf from "@turf/turf";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { fitPowerWeights, powerCells } from "./power-diagram.ts";

const square = turf.polygon([[[120.8, 30.8], [120.9, 30.8], [120.9, 30.9], [120.8, 30.9], [120.8, 30.8]]]) as Feature<Polygon>;
const km2 = (f: Feature<Polygon | MultiPolygon>) => turf.area(f) / 1e6;

describe("powerCells", () => {
  it("with zero weights splits the square along the bisector (plain Voronoi)", () => {
    const cells = powerCells([[120.82, 30.85], [120.88, 30.85]], [0, 0], square);
    expect(km2(cells[0]!)).toBeCloseTo(km2(square) / 2, 1);
    expect(turf.booleanPointInPolygon([120.845, 30.85], cells[0]!)).toBe(true);
    expect(turf.booleanPointInPolygon([120.855, 30.85], cells[1]!)).toBe(true);
  });

  it("grows the cell with the larger weight", () => {
    const cells = powerCells([[120.82, 30.85], [120.88, 30.85]], [10, 0], square);
    expect(km2(cells[0]!)).toBeGreaterThan(km2(cells[1]!));
  });
});

describe("fitPowerWeights", () => {
  it("reaches a target area for one group and gives the rest to the others", () => {
    const sites = [[120.82, 30.85], [120.88, 30.82], [120.88, 30.88]];
    const total = km2(square);
    const fit = fitPowerWeights(sites, [0, 1, 1], [total * 0.3, null], square);
    expect(fit.groupAreas[0]).toBeCloseTo(total * 0.3, 1);
    expect(fit.groupAreas[0] + fit.groupAreas[1]).toBeCloseTo(total, 1);
  });
});
