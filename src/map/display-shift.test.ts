import { describe, expect, it } from "vitest";
import { distance, point } from "@turf/turf";
import type { FeatureCollection } from "geojson";
import { positionWgs84ToGcj02 } from "../io/crs/gcj02-shift.ts";
import type { AnalysisOverlay, CellSurface } from "../state/analysis-model.ts";
import { geometryForDisplay, geometryFromDisplay, overlayForDisplay, pointFromDisplay } from "./display-shift.ts";

/** Geodesic metres between two lng/lat pairs. */
const metres = (a: ArrayLike<number>, b: ArrayLike<number>) => distance(point([a[0]!, a[1]!]), point([b[0]!, b[1]!]), { units: "meters" });

const WEITANG: [number, number] = [120.921, 30.84];
const cells: CellSurface = {
  count: 3, lng: Float64Array.of(120.9, 120.95, 121.0), lat: Float64Array.of(30.8, 30.85, 30.9), value: [1, 2, 3], dLng: 0.01, dLat: 0.009,
};
const square: FeatureCollection = {
  type: "FeatureCollection",
  features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[[120.9, 30.8], [120.91, 30.8], [120.91, 30.81], [120.9, 30.8]]] } }],
};
const overlay: AnalysisOverlay = {
  coverage: { covered: square, uncovered: square, redundancy: cells, stations: [{ id: "s1", lngLat: WEITANG, edited: true }] },
  lifeCircle: { surface: cells, gaps: square },
  suggestions: [{ rank: 1, lngLat: WEITANG, radiusM: 5000 }],
};

describe("analysis overlay over a GCJ-02 basemap", () => {
  it("is left alone over a WGS84 basemap", () => {
    expect(overlayForDisplay(overlay, false)).toBe(overlay);
    expect(overlayForDisplay(null, true)).toBeNull();
  });

  it("moves grid cells, stations, suggested sites and polygons by the GCJ-02 offset (≈ 480 m at Jiashan)", () => {
    const shown = overlayForDisplay(overlay, true)!;
    const surface = shown.lifeCircle!.surface;
    for (let i = 0; i < cells.count; i++) {
      const expected = positionWgs84ToGcj02([cells.lng[i]!, cells.lat[i]!]);
      expect(surface.lng[i]).toBeCloseTo(expected[0]!, 9);
      expect(surface.lat[i]).toBeCloseTo(expected[1]!, 9);
      const moved = metres([cells.lng[i]!, cells.lat[i]!], [surface.lng[i]!, surface.lat[i]!]);
      expect(moved).toBeGreaterThan(400);
      expect(moved).toBeLessThan(600);
    }
    expect(surface.value).toBe(cells.value);
    expect([surface.dLng, surface.dLat]).toEqual([cells.dLng, cells.dLat]);
    expect(shown.coverage!.redundancy).toBe(surface); // the same cells are shifted once
    expect(metres(WEITANG, shown.coverage!.stations[0]!.lngLat)).toBeGreaterThan(400);
    expect(shown.coverage!.stations[0]!.edited).toBe(true);
    expect(shown.suggestions![0]!.lngLat).toEqual(shown.coverage!.stations[0]!.lngLat);
    const ring = (fc: FeatureCollection | null) => (fc!.features[0]!.geometry as GeoJSON.Polygon).coordinates[0]![0]!;
    expect(metres(ring(square), ring(shown.coverage!.covered))).toBeGreaterThan(400);
    expect(metres(ring(square), ring(shown.lifeCircle!.gaps))).toBeGreaterThan(400);
    // The input is not touched: state keeps WGS84.
    expect(cells.lng[0]).toBe(120.9);
    expect(overlay.coverage!.stations[0]!.lngLat).toBe(WEITANG);
  });
});

describe("a position picked on a GCJ-02 map", () => {
  it("goes back to WGS84 within a metre (geodesic) of where it was drawn from", () => {
    for (const p of [WEITANG, [120.8, 30.75], [121.05, 31.0]] as [number, number][]) {
      const shown = positionWgs84ToGcj02(p) as [number, number];
      expect(metres(p, shown)).toBeGreaterThan(400);
      expect(metres(p, pointFromDisplay(shown))).toBeLessThan(1);
    }
  });
});

describe("a shape drawn over a GCJ-02 basemap", () => {
  const drawn: GeoJSON.Polygon = { type: "Polygon", coordinates: [[[120.9, 30.8], [120.92, 30.8], [120.92, 30.82], [120.9, 30.8]]] };
  it("is stored where it sits on the tiles: each vertex ~480 m back, and loads back onto the screen within a metre", () => {
    const stored = geometryFromDisplay(drawn) as GeoJSON.Polygon;
    const again = geometryForDisplay(stored) as GeoJSON.Polygon;
    drawn.coordinates[0]!.forEach((p, i) => {
      expect(metres(p, stored.coordinates[0]![i]!)).toBeGreaterThan(400);
      expect(metres(p, again.coordinates[0]![i]!)).toBeLessThan(1);
      // The stored vertex is the WGS84 position whose GCJ-02 shift is the drawn one.
      expect(metres(positionWgs84ToGcj02(stored.coordinates[0]![i]!), p)).toBeLessThan(1);
    });
    expect(drawn.coordinates[0]![0]).toEqual([120.9, 30.8]);
  });
});
