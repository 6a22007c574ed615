import { describe, expect, it } from "vitest";
import type { FeatureCollection, Geometry, Polygon } from "geojson";
import { booleanPointInPolygon } from "@turf/turf";
import { labelAnchor, labelPoints } from "./label-anchor.ts";

const poly = (ring: number[][]): Polygon => ({ type: "Polygon", coordinates: [ring] });

describe("labelAnchor", () => {
  it("puts a square's label at its middle", () => {
    const [x, y] = labelAnchor(poly([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]), [-1, -1, 2, 2])!;
    expect(x).toBeCloseTo(0.5, 3);
    expect(y).toBeCloseTo(0.5, 3);
  });

  it("keeps a U shape's label inside a leg, not at the empty middle where its centroid is", () => {
    const u = poly([[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]);
    const [x, y] = labelAnchor(u, [-1, -1, 4, 4])!;
    const inLeg = (x < 1 || x > 2) || y < 1;
    expect(inLeg).toBe(true);
    expect(x > 0 && x < 3 && y > 0 && y < 3).toBe(true);
  });

  it("labels only the part inside the window, clear of the window's edge", () => {
    // A long strip of which only x ∈ [9, 10] is inside the window.
    const [x, y] = labelAnchor(poly([[0, 0], [10, 0], [10, 1], [0, 1], [0, 0]]), [9, -5, 12, 5])!;
    expect(x).toBeCloseTo(9.5, 2);
    expect(y).toBeCloseTo(0.5, 2);
  });

  it("avoids holes", () => {
    const donut: Polygon = { type: "Polygon", coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]] };
    const [x, y] = labelAnchor(donut, [-1, -1, 5, 5])!;
    expect(x > 1 && x < 3 && y > 1 && y < 3).toBe(false);
  });

  it("says null when the polygon does not reach the window", () => {
    expect(labelAnchor(poly([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]), [5, 5, 6, 6])).toBeNull();
  });
});

describe("labelPoints", () => {
  const fc: FeatureCollection<Geometry | null> = {
    type: "FeatureCollection",
    features: [
      { type: "Feature", id: "sq", properties: { id: "sq", name: "方" }, geometry: poly([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]) },
      {
        type: "Feature", properties: { id: "two", name: "双" },
        geometry: { type: "MultiPolygon", coordinates: [[[[10, 0], [10.2, 0], [10.2, 0.2], [10, 0.2], [10, 0]]], [[[20, 0], [22, 0], [22, 2], [20, 2], [20, 0]]]] },
      },
      { type: "Feature", properties: { id: "pt", name: "点" }, geometry: { type: "Point", coordinates: [5, 5] } },
      { type: "Feature", properties: { id: "river", name: "河" }, geometry: { type: "LineString", coordinates: [[0, 0], [1, 1]] } },
      { type: "Feature", properties: { id: "none" }, geometry: null },
    ],
  };
  const points = labelPoints(fc);

  it("gives each polygon and point one label point, keeps ids and properties, and leaves lines to line labels", () => {
    expect(points.features.map((f) => [f.properties!.id, f.properties!.label_of, f.geometry.type])).toEqual([
      ["sq", "Polygon", "Point"], ["two", "Polygon", "Point"], ["pt", "Point", "Point"],
    ]);
    expect(points.features[0]!.id).toBe("sq");
    expect(points.features[0]!.properties!.name).toBe("方");
    expect(points.features[2]!.geometry).toEqual({ type: "Point", coordinates: [5, 5] });
  });

  it("labels small shapes too: a 100 m plot and an L-shaped one inside themselves, a flat ring at a vertex", () => {
    const plot = poly([[120.9, 30.85], [120.901, 30.85], [120.901, 30.851], [120.9, 30.851], [120.9, 30.85]]);
    const ell = poly([[120.9, 30.85], [120.901, 30.85], [120.901, 30.8502], [120.9002, 30.8502], [120.9002, 30.851], [120.9, 30.851], [120.9, 30.85]]);
    const flat = poly([[120.9, 30.85], [120.95, 30.85], [120.92, 30.85], [120.9, 30.85]]);
    const [p, l, f] = labelPoints({ type: "FeatureCollection", features: [plot, ell, flat].map((geometry, i) => ({ type: "Feature", properties: { id: `s${i}` }, geometry })) }).features;
    const [x, y] = (p!.geometry as { coordinates: number[] }).coordinates as [number, number];
    expect(Math.abs(x - 120.9005)).toBeLessThan(1e-5);
    expect(Math.abs(y - 30.8505)).toBeLessThan(1e-5);
    expect(booleanPointInPolygon((l!.geometry as { coordinates: number[] }).coordinates, ell)).toBe(true);
    expect((f!.geometry as { coordinates: number[] }).coordinates).toEqual([120.9, 30.85]);
  });

  it("puts a multipolygon's one label in its roomiest part", () => {
    const [x, y] = (points.features[1]!.geometry as { coordinates: number[] }).coordinates as [number, number];
    expect(x).toBeGreaterThan(20.5);
    expect(x).toBeLessThan(21.5);
    expect(y).toBeGreaterThan(0.5);
    expect(y).toBeLessThan(1.5);
  });
});
