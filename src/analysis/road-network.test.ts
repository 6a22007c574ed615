import { describe, expect, test } from "vitest";
import fc from "fast-check";
import type { Feature, FeatureCollection, LineString } from "geojson";
import { buildRoadGraph, multiSourceDijkstra, separateDijkstras, snapToEdges, sourcesFromSnap } from "./road-network.ts";
import { haversineDistanceM } from "./geodesy.ts";

const line = (coordinates: number[][]): Feature<LineString> => ({ type: "Feature", properties: {}, geometry: { type: "LineString", coordinates } });
const roads = (...lines: Feature<LineString>[]): FeatureCollection<LineString> => ({ type: "FeatureCollection", features: lines });

describe("buildRoadGraph", () => {
  test("shared vertices connect; a 2 m digitising gap at an endpoint is snapped; a 20 m gap is not", () => {
    const gap2m = 2 / 111_195;
    const graph = buildRoadGraph(roads(
      line([[120.9, 30.85], [120.91, 30.85]]),
      line([[120.91, 30.85 + gap2m], [120.91, 30.86]]),
      line([[120.91, 30.86 + 20 / 111_195], [120.92, 30.86]]),
    ), { snapToleranceM: 5 });
    expect(graph.nodeCount).toBe(5);
    const { distanceM } = multiSourceDijkstra(graph, [{ node: 0, initialM: 0, label: 0 }]);
    const viaCorner = haversineDistanceM([120.9, 30.85], [120.91, 30.85]) + haversineDistanceM([120.91, 30.85], [120.91, 30.86]);
    expect(distanceM[2]).toBeCloseTo(viaCorner, 6);
    expect(distanceM[3]).toBe(Infinity);
  });

  test("one-way tags are ignored (walking): edges work both ways", () => {
    const graph = buildRoadGraph(roads({ ...line([[120.9, 30.85], [120.91, 30.85]]), properties: { oneway: "yes" } }));
    expect(multiSourceDijkstra(graph, [{ node: 1, initialM: 0, label: 0 }]).distanceM[0]).toBeGreaterThan(0);
    expect(multiSourceDijkstra(graph, [{ node: 1, initialM: 0, label: 0 }]).distanceM[0]).toBeLessThan(Infinity);
  });

  test("rejects non-line input with a message naming the feature", () => {
    expect(() => buildRoadGraph({ type: "FeatureCollection", features: [{ type: "Feature", properties: { id: "p" }, geometry: { type: "Point", coordinates: [120.9, 30.85] } }] } as never)).toThrow(/roads, feature "p": geometry Point is not allowed/);
  });

  test("snapToEdges joins a point to the foot of the perpendicular on the nearest edge", () => {
    const graph = buildRoadGraph(roads(line([[120.9, 30.85], [120.92, 30.85]]), line([[120.9, 30.86], [120.92, 30.86]])));
    const snapped = snapToEdges(graph, [[120.91, 30.851]]);
    const lengthM = haversineDistanceM([120.9, 30.85], [120.92, 30.85]);
    expect([snapped.from[0], snapped.to[0]]).toEqual([0, 1]);
    expect(snapped.fromM[0]).toBeCloseTo(lengthM / 2, 0);
    expect(snapped.toM[0]! + snapped.fromM[0]!).toBeCloseTo(lengthM, 6);
    expect(snapped.accessM[0]).toBeCloseTo(111.2, 0);
    const sources = sourcesFromSnap(snapped);
    expect(sources.map((s) => s.node)).toEqual([0, 1]);
    expect(sources[0]!.initialM).toBeCloseTo(snapped.accessM[0]! + lengthM / 2, 6);
    expect(snapToEdges(buildRoadGraph(roads()), [[120.9, 30.85]]).from[0]).toBe(-1);
  });
});

describe("multi-source Dijkstra equals one Dijkstra per source (min over sources)", () => {
  test("random lattice graphs with random sources", () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 9 }), fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }), fc.array(fc.tuple(fc.nat(80), fc.double({ min: 0, max: 500, noNaN: true })), { minLength: 1, maxLength: 6 }), (size, keep, sources) => {
      const lines: Feature<LineString>[] = [];
      let k = 0;
      for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) {
        const here = [120.9 + c * 0.002, 30.85 + r * 0.002];
        if (c + 1 < size && keep[k++ % keep.length]) lines.push(line([here, [here[0]! + 0.002, here[1]!]]));
        if (r + 1 < size && keep[k++ % keep.length]) lines.push(line([here, [here[0]!, here[1]! + 0.002]]));
      }
      const graph = buildRoadGraph(roads(...lines));
      if (graph.nodeCount === 0) return;
      const graphSources = sources.map(([node, initialM], label) => ({ node: node % graph.nodeCount, initialM, label }));
      const multi = multiSourceDijkstra(graph, graphSources);
      const separate = separateDijkstras(graph, graphSources);
      for (let n = 0; n < graph.nodeCount; n++) expect(multi.distanceM[n]).toBeCloseTo(separate.distanceM[n]!, 6);
    }), { numRuns: 100 });
  });
});
