/**
 * Walking distances on a road network given as GeoJSON lines: an undirected graph (one-way tags are
 * ignored for pedestrians), line endpoints snapped to nearby vertices so digitising gaps still connect,
 * and multi-source Dijkstra for "distance to the nearest facility" from every node in one pass.
 */
import type { FeatureCollection, LineString, MultiLineString, Position } from "geojson";
import { haversineDistanceM, localProjection } from "./geodesy.ts";
import { nearestSiteFinder } from "./coverage-counts.ts";
import { assertValidCollection } from "./validate-geojson.ts";

/** A road graph in compressed sparse row form: neighbours of node n are `targets[offsets[n] … offsets[n+1])`. */
export interface RoadGraph {
  nodeCount: number;
  /** Undirected edges (each stored twice in `targets`). */
  edgeCount: number;
  nodeLng: Float64Array;
  nodeLat: Float64Array;
  offsets: Int32Array;
  targets: Int32Array;
  lengthsM: Float64Array;
}

export interface BuildRoadGraphOptions {
  /** Line endpoints closer than this to an existing vertex are joined to it. Interior vertices join only when identical. @default 5 */
  snapToleranceM?: number;
}

/**
 * Builds a walking graph from road lines. Edge lengths are geodesic segment lengths.
 * @example const graph = buildRoadGraph(roads, { snapToleranceM: 5 }); graph.nodeCount
 */
export function buildRoadGraph(roads: FeatureCollection<LineString | MultiLineString>, options: BuildRoadGraphOptions = {}): RoadGraph {
  const { snapToleranceM = 5 } = options;
  assertValidCollection(roads, "roads", ["LineString", "MultiLineString"]);
  const lines: Position[][] = [];
  for (const feature of roads.features) {
    if (!feature.geometry) continue;
    if (feature.geometry.type === "LineString") lines.push(feature.geometry.coordinates);
    else lines.push(...feature.geometry.coordinates);
  }
  const first = lines.find((l) => l.length > 0)?.[0] ?? [0, 0];
  const projection = localProjection(first[0]!, first[1]!);
  const cellM = Math.max(snapToleranceM, 1);
  const buckets = new Map<string, number[]>();
  const exact = new Map<string, number>();
  const lng: number[] = [];
  const lat: number[] = [];
  const addNode = (p: Position, x: number, y: number): number => {
    const id = lng.length;
    lng.push(p[0]!); lat.push(p[1]!);
    const key = `${Math.floor(x / cellM)},${Math.floor(y / cellM)}`;
    (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(id);
    exact.set(`${p[0]},${p[1]}`, id);
    return id;
  };
  const nodeFor = (p: Position, snap: boolean): number => {
    const known = exact.get(`${p[0]},${p[1]}`);
    if (known !== undefined) return known;
    const [x, y] = projection.toXY(p[0]!, p[1]!);
    if (snap && snapToleranceM > 0) {
      const cx = Math.floor(x / cellM), cy = Math.floor(y / cellM);
      let best = -1, bestM = snapToleranceM;
      for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
        for (const id of buckets.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = haversineDistanceM(p, [lng[id]!, lat[id]!]);
          if (d <= bestM) { bestM = d; best = id; }
        }
      }
      if (best >= 0) return best;
    }
    return addNode(p, x, y);
  };
  const from: number[] = [];
  const to: number[] = [];
  const length: number[] = [];
  for (const line of lines) {
    let previous = -1;
    line.forEach((p, i) => {
      const node = nodeFor(p, i === 0 || i === line.length - 1);
      if (previous >= 0 && previous !== node) {
        from.push(previous); to.push(node);
        length.push(haversineDistanceM([lng[previous]!, lat[previous]!], [lng[node]!, lat[node]!]));
      }
      previous = node;
    });
  }
  const nodeCount = lng.length;
  const offsets = new Int32Array(nodeCount + 1);
  for (let e = 0; e < from.length; e++) { offsets[from[e]! + 1]!++; offsets[to[e]! + 1]!++; }
  for (let n = 0; n < nodeCount; n++) offsets[n + 1]! += offsets[n]!;
  const fill = offsets.slice(0, nodeCount);
  const targets = new Int32Array(from.length * 2);
  const lengthsM = new Float64Array(from.length * 2);
  for (let e = 0; e < from.length; e++) {
    const a = from[e]!, b = to[e]!;
    targets[fill[a]!] = b; lengthsM[fill[a]!++] = length[e]!;
    targets[fill[b]!] = a; lengthsM[fill[b]!++] = length[e]!;
  }
  return { nodeCount, edgeCount: from.length, nodeLng: Float64Array.from(lng), nodeLat: Float64Array.from(lat), offsets, targets, lengthsM };
}

/** A binary min-heap of (key, node) pairs in typed arrays; stale entries are skipped by the caller. */
class MinHeap {
  private keys: Float64Array;
  private values: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.values = new Int32Array(Math.max(16, capacity));
  }
  push(key: number, value: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2); keys.set(this.keys); this.keys = keys;
      const values = new Int32Array(this.size * 2); values.set(this.values); this.values = values;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= key) break;
      this.keys[i] = this.keys[parent]!; this.values[i] = this.values[parent]!;
      i = parent;
    }
    this.keys[i] = key; this.values[i] = value;
  }
  /** Removes the minimum; read it first with `topKey`/`topValue`. */
  pop(): void {
    const key = this.keys[--this.size]!;
    const value = this.values[this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.keys[child + 1]! < this.keys[child]!) child++;
      if (this.keys[child]! >= key) break;
      this.keys[i] = this.keys[child]!; this.values[i] = this.values[child]!;
      i = child;
    }
    this.keys[i] = key; this.values[i] = value;
  }
  topKey(): number { return this.keys[0]!; }
  topValue(): number { return this.values[0]!; }
}

/** A Dijkstra source: a graph node, the distance already walked to reach it, and a label (facility index). */
export interface GraphSource {
  node: number;
  initialM: number;
  label: number;
}

/** Per node: network metres to the nearest source and that source's label (−1 when unreachable). */
export interface GraphDistances {
  distanceM: Float64Array;
  label: Int32Array;
}

/**
 * Multi-source Dijkstra: distance from every node to its nearest source in one pass.
 * @example multiSourceDijkstra(graph, [{ node: 0, initialM: 0, label: 0 }]).distanceM[5]
 */
export function multiSourceDijkstra(graph: RoadGraph, sources: ReadonlyArray<GraphSource>, { maxDistanceM = Infinity }: { /** Stop expanding beyond this. @default Infinity */ maxDistanceM?: number } = {}): GraphDistances {
  const distanceM = new Float64Array(graph.nodeCount).fill(Infinity);
  const label = new Int32Array(graph.nodeCount).fill(-1);
  const heap = new MinHeap(graph.nodeCount);
  for (const source of sources) {
    if (source.initialM < distanceM[source.node]!) {
      distanceM[source.node] = source.initialM; label[source.node] = source.label;
      heap.push(source.initialM, source.node);
    }
  }
  while (heap.size > 0) {
    const d = heap.topKey(), n = heap.topValue();
    heap.pop();
    if (d > distanceM[n]! || d > maxDistanceM) continue;
    for (let e = graph.offsets[n]!; e < graph.offsets[n + 1]!; e++) {
      const m = graph.targets[e]!;
      const candidate = d + graph.lengthsM[e]!;
      if (candidate < distanceM[m]!) { distanceM[m] = candidate; label[m] = label[n]!; heap.push(candidate, m); }
    }
  }
  for (let n = 0; n < graph.nodeCount; n++) if (distanceM[n]! > maxDistanceM) { distanceM[n] = Infinity; label[n] = -1; }
  return { distanceM, label };
}

/**
 * Reference and benchmark baseline: one single-source Dijkstra per source, keeping the minimum per
 * node. Same answer as {@link multiSourceDijkstra}, |sources| times the work.
 */
export function separateDijkstras(graph: RoadGraph, sources: ReadonlyArray<GraphSource>): GraphDistances {
  const distanceM = new Float64Array(graph.nodeCount).fill(Infinity);
  const label = new Int32Array(graph.nodeCount).fill(-1);
  for (const source of sources) {
    const single = multiSourceDijkstra(graph, [source]);
    for (let n = 0; n < graph.nodeCount; n++) {
      if (single.distanceM[n]! < distanceM[n]!) { distanceM[n] = single.distanceM[n]!; label[n] = source.label; }
    }
  }
  return { distanceM, label };
}

/**
 * Attaches points to the graph: each goes to its geodesically nearest node, with the straight-line
 * access distance to that node.
 * @example snapToGraph(graph, [[120.9, 30.85]]) // { node: Int32Array [17], accessM: Float64Array [12.3] }
 */
export function snapToGraph(graph: RoadGraph, points: ReadonlyArray<readonly [number, number]>): { node: Int32Array; accessM: Float64Array } {
  const nodes = Array.from({ length: graph.nodeCount }, (_, n) => ({ lng: graph.nodeLng[n]!, lat: graph.nodeLat[n]! }));
  const nearest = nearestSiteFinder(nodes);
  const node = new Int32Array(points.length);
  const accessM = new Float64Array(points.length);
  points.forEach(([lng, lat], i) => {
    const hit = nearest(lng, lat);
    node[i] = hit.index; accessM[i] = hit.distanceM;
  });
  return { node, accessM };
}
