import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { bboxPolygon, featureCollection, point } from "@turf/turf";
import type { FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import standardsJson from "../../geodata/standards/life-circle.json" with { type: "json" };
import { demandFromFeatures, demandGrid } from "./demand-grid.ts";
import { facilitiesByCategory, influenceRadiusM, lifeCircleAccessibility, lifeCircleCompliance, lifeCircleGaps, type Facility, type LifeCircleStandards } from "./life-circle.ts";
import { applyFacilityEdit, compareScenarios } from "./what-if.ts";
import { buildRoadGraph } from "./road-network.ts";
import { haversineDistanceM } from "./geodesy.ts";

const standards = standardsJson as unknown as LifeCircleStandards;
const kindergartenOnly: LifeCircleStandards = { ...standards, categories: standards.categories.filter((c) => c.id === "kindergarten") };
const towns = featureCollection([
  bboxPolygon([120.80, 30.80, 120.84, 30.84], { properties: { code: "A", name: "甲" } }),
  bboxPolygon([120.84, 30.80, 120.88, 30.84], { properties: { code: "B", name: "乙" } }),
]) as FeatureCollection<Polygon | MultiPolygon>;
const grid = demandGrid(towns, { cellSizeM: 200 });
const facility = (id: string, lng: number, lat: number): Facility => ({ id, name: id, lng, lat, proxy: false });

describe("standards as data", () => {
  test("carries the UNVERIFIED flags from the facts sheet", () => {
    const byId = Object.fromEntries(standards.levels.map((l) => [l.id, l]));
    expect(byId["5min"]).toMatchObject({ minutes: 5, distance_m: 300, distance_verified: false });
    expect(byId["10min"]).toMatchObject({ minutes: 10, distance_m: 500, distance_verified: true });
    expect(byId["15min"]).toMatchObject({ minutes: 15, distance_verified: false });
    for (const category of standards.categories) expect(byId[category.level]).toBeDefined();
  });

  test("facilities match by property, and emergency stations only as flagged proxies", () => {
    const layer = featureCollection<Point, Record<string, string>>([
      point([120.82, 30.82], { id: "k", facility_category: "kindergarten" }),
      point([120.83, 30.83], { id: "em-town-1", tier: "town" }),
      point([120.84, 30.83], { id: "em-village-1", tier: "village" }),
    ]);
    const asEmergency = facilitiesByCategory([{ kind: "emergency", collection: layer }], standards);
    expect(asEmergency["kindergarten"]!.map((f) => f.id)).toEqual(["k"]);
    expect(asEmergency["health-centre"]).toEqual([expect.objectContaining({ id: "em-town-1", proxy: true })]);
    expect(asEmergency["health-station"]).toEqual([expect.objectContaining({ id: "em-village-1", proxy: true })]);
    const asOther = facilitiesByCategory([{ kind: "villages", collection: layer }], standards);
    expect(asOther["health-centre"]).toEqual([]);
  });
});

describe("lifeCircleAccessibility", () => {
  test("minutes = geodesic metres × detour / speed; compliance shares per township", () => {
    const result = lifeCircleAccessibility(grid, { kindergarten: [facility("k", 120.82, 30.82)] }, kindergartenOnly, { detourFactor: 1.3, walkingSpeedMPerMin: 80 });
    const access = result.categories[0]!;
    const reached = access.minutes.findIndex((m) => Number.isFinite(m));
    expect(reached).toBeGreaterThanOrEqual(0);
    const rows = lifeCircleCompliance(result, kindergartenOnly);
    const a = rows.find((r) => r.code === "A")!;
    const b = rows.find((r) => r.code === "B")!;
    // 5 min at 80 m/min and detour 1.3 → 307.7 m straight: about π·307.7² of A's ≈ 19 km².
    expect(a.share).toBeGreaterThan(0.01);
    expect(a.share).toBeLessThan(0.02);
    expect(b.share).toBe(0);
    expect(a.share_within["15min"]).toBeGreaterThan(a.share_within["10min"]!);
    expect(a.rating).toBe("red");
  });

  test("population weighting: shares follow people, not area", () => {
    const residences = featureCollection([point([120.821, 30.821], { pop: 900 }), point([120.87, 30.83], { pop: 100 })]);
    const demand = demandFromFeatures(residences, { populationProperty: "pop", zones: towns });
    const result = lifeCircleAccessibility(demand, { kindergarten: [facility("k", 120.82, 30.82)] }, kindergartenOnly);
    const all = lifeCircleCompliance(result, kindergartenOnly).find((r) => r.code === "*")!;
    expect(all.share).toBeCloseTo(0.9, 12);
  });

  test("with a road network, a facility across a river without a bridge is far", () => {
    const road = (coordinates: number[][]) => ({ type: "Feature" as const, properties: {}, geometry: { type: "LineString" as const, coordinates } });
    // Two parallel streets 300 m apart joined only 2 km to the east.
    const graph = buildRoadGraph({ type: "FeatureCollection", features: [
      road([[120.80, 30.82], [120.82, 30.82]]),
      road([[120.80, 30.8227], [120.82, 30.8227]]),
      road([[120.82, 30.82], [120.82, 30.8227]]),
    ] });
    const demand = demandFromFeatures(featureCollection([point([120.80, 30.8227])]));
    const facilities = { kindergarten: [facility("k", 120.80, 30.82)] };
    const straight = lifeCircleAccessibility(demand, facilities, kindergartenOnly).categories[0]!.minutes[0]!;
    const network = lifeCircleAccessibility(demand, facilities, kindergartenOnly, { roads: graph }).categories[0]!.minutes[0]!;
    expect(straight).toBeCloseTo((300.2 * 1.3) / 80, 1);
    expect(network).toBeGreaterThan(50);
  });
});

describe("what-if edits update incrementally and equal a full recompute", () => {
  const lng = fc.double({ min: 120.79, max: 120.89, noNaN: true });
  const lat = fc.double({ min: 30.79, max: 30.85, noNaN: true });
  test("random add / remove / move sequences", () => {
    fc.assert(fc.property(fc.array(fc.tuple(lng, lat), { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(fc.constantFrom("add", "remove", "move"), lng, lat, fc.nat()), { maxLength: 5 }), (start, edits) => {
      let facilities = start.map(([x, y], i) => facility(`f${i}`, x, y));
      let result = lifeCircleAccessibility(grid, { kindergarten: facilities }, kindergartenOnly);
      edits.forEach(([type, x, y, pick], step) => {
        if (type !== "add" && facilities.length === 0) return;
        const target = facilities[pick % Math.max(1, facilities.length)];
        if (type === "add") {
          const added = facility(`new${step}`, x, y);
          result = applyFacilityEdit(result, { type, category: "kindergarten", facility: added }).result;
          facilities = [...facilities, added];
        } else if (type === "remove") {
          result = applyFacilityEdit(result, { type, category: "kindergarten", id: target!.id }).result;
          facilities = facilities.filter((f) => f.id !== target!.id);
        } else {
          result = applyFacilityEdit(result, { type, category: "kindergarten", id: target!.id, lng: x, lat: y }).result;
          facilities = [...facilities.filter((f) => f.id !== target!.id), { ...target!, lng: x, lat: y }];
        }
      });
      const full = lifeCircleAccessibility(grid, { kindergarten: facilities }, kindergartenOnly).categories[0]!;
      const incremental = result.categories[0]!;
      for (let i = 0; i < grid.count; i++) {
        if (Number.isFinite(full.minutes[i]!)) expect(incremental.minutes[i]).toBeCloseTo(full.minutes[i]!, 9);
        else expect(incremental.minutes[i]).toBe(Infinity);
      }
    }), { numRuns: 40 });
  });

  test("an edit examines only nearby cells, leaves the input untouched, and compareScenarios reports the gain", () => {
    const before = lifeCircleAccessibility(grid, { kindergarten: [facility("k", 120.82, 30.82)] }, kindergartenOnly);
    const snapshot = before.categories[0]!.minutes.slice();
    const { result: after, cellsExamined } = applyFacilityEdit(before, { type: "add", category: "kindergarten", facility: facility("new", 120.86, 30.82) });
    const reach = influenceRadiusM(before.settings);
    let nearby = 0;
    for (let i = 0; i < grid.count; i++) if (haversineDistanceM([120.86, 30.82], [grid.lng[i]!, grid.lat[i]!]) <= reach) nearby++;
    expect(cellsExamined).toBe(nearby);
    expect(cellsExamined).toBeLessThan(grid.count / 2);
    expect(Array.from(before.categories[0]!.minutes)).toEqual(Array.from(snapshot));
    const deltas = compareScenarios(before, after, kindergartenOnly);
    expect(deltas.find((d) => d.code === "A")!.delta_pct_points).toBe(0);
    expect(deltas.find((d) => d.code === "B")!.delta_pct_points).toBeGreaterThan(1);
  });

  test("unknown facility or category → clear message", () => {
    const before = lifeCircleAccessibility(grid, { kindergarten: [] }, kindergartenOnly);
    expect(() => applyFacilityEdit(before, { type: "remove", category: "kindergarten", id: "nope" })).toThrow(/no facility "nope"/);
    expect(() => applyFacilityEdit(before, { type: "remove", category: "zoo", id: "x" })).toThrow(/unknown category "zoo"/);
    expect(() => applyFacilityEdit(before, { type: "add", category: "kindergarten", facility: facility("bad", 300, 30) })).toThrow(/not a valid \[lng, lat\]/);
  });
});

describe("gap polygons", () => {
  test("merged gap area equals the summed area of the cells beyond the threshold, with holes where facilities reach", () => {
    const result = lifeCircleAccessibility(grid, { kindergarten: [facility("k", 120.82, 30.82), facility("k2", 120.86, 30.83)] }, kindergartenOnly);
    const access = result.categories[0]!;
    let gapM2 = 0;
    for (let i = 0; i < grid.count; i++) if (!(access.minutes[i]! <= access.thresholdMinutes)) gapM2 += grid.areaM2[i]!;
    const [gap] = lifeCircleGaps(result, "kindergarten").features;
    expect(gap!.properties!["area_km2"]).toBeCloseTo(gapM2 / 1e6, 3);
    const rings = gap!.geometry.type === "Polygon" ? gap!.geometry.coordinates.length : gap!.geometry.coordinates.reduce((n, p) => n + p.length, 0);
    expect(rings).toBeGreaterThanOrEqual(3);
  });
});

describe("network distances on a street lattice", () => {
  test("a demand point and a facility beside the same long road walk straight along it", () => {
    const graph = buildRoadGraph({ type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: [[120.80, 30.82], [120.83, 30.82]] } }] });
    const demand = demandFromFeatures(featureCollection([point([120.812, 30.8205])]));
    const minutes = lifeCircleAccessibility(demand, { kindergarten: [facility("k", 120.810, 30.8195)] }, kindergartenOnly, { roads: graph }).categories[0]!.minutes[0]!;
    const expectedM = haversineDistanceM([120.810, 30.82], [120.812, 30.82]) + 2 * haversineDistanceM([120.81, 30.82], [120.81, 30.8205]);
    expect(minutes * 80).toBeCloseTo(expectedM, 0);
  });

  test("never shorter than the straight line, never much longer than the Manhattan walk", () => {
    const step = 0.004;
    const xs = Array.from({ length: 11 }, (_, i) => 120.80 + i * step);
    const ys = Array.from({ length: 11 }, (_, j) => 30.80 + j * step);
    const lines = [...xs.map((x) => ys.map((y) => [x, y])), ...ys.map((y) => xs.map((x) => [x, y]))];
    const graph = buildRoadGraph({ type: "FeatureCollection", features: lines.map((coordinates) => ({ type: "Feature", properties: {}, geometry: { type: "LineString", coordinates } })) });
    const target = facility("k", 120.818, 30.821);
    const result = lifeCircleAccessibility(grid, { kindergarten: [target] }, kindergartenOnly, { roads: graph, capMinutes: 120 });
    const { minutes } = result.categories[0]!;
    let checked = 0;
    for (let i = 0; i < grid.count; i++) {
      if (grid.lng[i]! > 120.84 || grid.lat[i]! > 30.84) continue;
      const walkM = minutes[i]! * 80;
      const straight = haversineDistanceM([target.lng, target.lat], [grid.lng[i]!, grid.lat[i]!]);
      const manhattan = haversineDistanceM([target.lng, target.lat], [grid.lng[i]!, target.lat]) + haversineDistanceM([grid.lng[i]!, target.lat], [grid.lng[i]!, grid.lat[i]!]);
      expect(walkM).toBeGreaterThanOrEqual(straight - 1e-6);
      // Each access leg is ≤ half a block and displaces the foot by as much; a detour around a block adds ≤ one block.
      expect(walkM).toBeLessThanOrEqual(manhattan + 3 * step * 111_195 + 1);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});
