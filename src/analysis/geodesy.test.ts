import { describe, expect, test } from "vitest";
import { circle, distance } from "@turf/turf";
import { areaInUnits, geodesicAreaM2, haversineDistanceM, localProjection } from "./geodesy.ts";
import { serviceAreas } from "./service-coverage.ts";

describe("geodesy at Jiashan's latitude", () => {
  test("a 5 km service circle at 30.85°N has area π·r² within 0.5 % (geodesic, not planar degrees)", () => {
    const [buffer] = serviceAreas({ type: "FeatureCollection", features: [{ type: "Feature", properties: { id: "s" }, geometry: { type: "Point", coordinates: [120.9, 30.85] } }] }, { radiusM: 5000 }).features;
    const expected = Math.PI * 5000 ** 2;
    expect(Math.abs(geodesicAreaM2(buffer!.geometry) - expected) / expected).toBeLessThan(0.005);
  });

  test("the service circle is round on the ground: every vertex is 5 km away by haversine", () => {
    const [buffer] = serviceAreas({ type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [120.9, 30.85] } }] }, { radiusM: 5000 }).features;
    for (const vertex of buffer!.geometry.coordinates[0]!) expect(haversineDistanceM([120.9, 30.85], vertex)).toBeCloseTo(5000, 3);
  });

  test("1° east-west at 30.85°N is ≈95.6 km, not 111 km", () => {
    const metres = haversineDistanceM([120.4, 30.85], [121.4, 30.85]);
    expect(Math.abs(metres - 95_600) / 95_600).toBeLessThan(0.005);
    expect(metres).toBeLessThan(100_000);
  });

  test("haversine agrees with Turf's distance (same sphere)", () => {
    expect(haversineDistanceM([120.74, 30.76], [121.03, 31.03])).toBeCloseTo(distance([120.74, 30.76], [121.03, 31.03], { units: "meters" }), 6);
  });

  test("polygon area with a hole subtracts the hole; a 256-gon circle matches the spherical cap", () => {
    const r = 2000;
    const outer = circle([120.9, 30.85], r / 1000, { units: "kilometers", steps: 256 }).geometry.coordinates[0]!;
    const inner = circle([120.9, 30.85], r / 2000, { units: "kilometers", steps: 256 }).geometry.coordinates[0]!.slice().reverse();
    const full = geodesicAreaM2({ type: "Polygon", coordinates: [outer] });
    const ring = geodesicAreaM2({ type: "Polygon", coordinates: [outer, inner] });
    expect(full / (Math.PI * r * r)).toBeCloseTo(1, 3);
    expect(ring / full).toBeCloseTo(0.75, 3);
  });

  test("area units: 1 亩 = 10000/15 m², 1 公顷 = 10000 m²", () => {
    expect(areaInUnits(10_000 / 15).area_mu).toBeCloseTo(1, 12);
    expect(areaInUnits(1e6)).toEqual({ area_km2: 1, area_ha: 100, area_mu: 1500 });
  });

  test("the local projection is within 0.3 % of haversine across the county", () => {
    const p = localProjection(120.89, 30.9);
    for (const [a, b] of [[[120.74, 30.76], [121.03, 31.03]], [[120.74, 31.03], [121.03, 30.76]], [[120.9, 30.76], [120.91, 30.77]]] as const) {
      const [ax, ay] = p.toXY(a[0], a[1]);
      const [bx, by] = p.toXY(b[0], b[1]);
      expect(Math.abs(Math.hypot(ax - bx, ay - by) / haversineDistanceM(a as unknown as number[], b as unknown as number[]) - 1)).toBeLessThan(0.003);
    }
  });
});
