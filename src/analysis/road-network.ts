/**
 * Walking distances on a road network given as GeoJSON lines: an undirected graph (one-way tags are
 * ignored for pedestrians), line endpoints snapped to nearby vertices so digitising gaps still connect,
 * and multi-source Dijkstra for "distance to the nearest facility" from every node in one pass.
 */
import type { FeatureCollection, LineString, MultiLineString, Position } from "geojson";
import Flatbush from "flatbush";
import { haversineDistanceM, localProjection, type LocalProjection } from "./geodesy.ts";
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
  /** Each undirected edge once: its end nodes and geodesic length. */
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeLengthM: Float64Array;
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
  const buckets = new Map<number, number[]>();
  // Numeric bucket keys (cells of ±2^20 around the origin) avoid allocating strings per lookup.
  const bucketKey = (cx: number, cy: number) => (cx + 1_048_576) * 2_097_152 + (cy + 1_048_576);
  const lng: number[] = [];
  const lat: number[] = [];
  const nodeFor = (p: Position, snap: boolean): number => {
    const [x, y] = projection.toXY(p[0]!, p[1]!);
    const cx = Math.floor(x / cellM), cy = Math.floor(y / cellM);
    const own = buckets.get(bucketKey(cx, cy));
    // Identical coordinates always share a bucket: that is how interior vertices connect.
    if (own) for (const id of own) if (lng[id] === p[0] && lat[id] === p[1]) return id;
    if (snap && snapToleranceM > 0) {
      let best = -1, bestM = snapToleranceM;
      for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
        for (const id of buckets.get(bucketKey(cx + dx, cy + dy)) ?? []) {
          const d = haversineDistanceM(p, [lng[id]!, lat[id]!]);
          if (d <= bestM) { bestM = d; best = id; }
        }
      }
      if (best >= 0) return best;
    }
    const id = lng.length;
    lng.push(p[0]!); lat.push(p[1]!);
    if (own) own.push(id);
    else buckets.set(bucketKey(cx, cy), [id]);
    return id;
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
  return {
    nodeCount, edgeCount: from.length, nodeLng: Float64Array.from(lng), nodeLat: Float64Array.from(lat), offsets, targets, lengthsM,
    edgeFrom: Int32Array.from(from), edgeTo: Int32Array.from(to), edgeLengthM: Float64Array.from(length),
  };
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

/** Where points meet the graph: the edge (its end nodes), metres along it to each end, and the access leg. */
export interface GraphSnap {
  /** Index of the nearest undirected edge (−1 when the graph has no edges). */
  edge: Int32Array;
  /** End nodes of the nearest edge (−1 when the graph has no edges). */
  from: Int32Array;
  to: Int32Array;
  /** Network metres from the foot point to `from` / `to`. */
  fromM: Float64Array;
  toM: Float64Array;
  /** Geodesic metres from the point to its foot on the edge. */
  accessM: Float64Array;
}

const edgeIndexes = new WeakMap<RoadGraph, { index: Flatbush; projection: LocalProjection }>();

function edgeIndex(graph: RoadGraph): { index: Flatbush; projection: LocalProjection } {
  const cached = edgeIndexes.get(graph);
  if (cached) return cached;
  const projection = localProjection(graph.nodeLng[0] ?? 0, graph.nodeLat[0] ?? 0);
  const index = new Flatbush(Math.max(1, graph.edgeCount), 16, Float64Array);
  for (let e = 0; e < graph.edgeCount; e++) {
    const [ax, ay] = projection.toXY(graph.nodeLng[graph.edgeFrom[e]!]!, graph.nodeLat[graph.edgeFrom[e]!]!);
    const [bx, by] = projection.toXY(graph.nodeLng[graph.edgeTo[e]!]!, graph.nodeLat[graph.edgeTo[e]!]!);
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  if (graph.edgeCount === 0) index.add(Infinity, Infinity, Infinity, Infinity);
  index.finish();
  const built = { index, projection };
  edgeIndexes.set(graph, built);
  return built;
}

/**
 * Attaches points to the graph at the foot of the perpendicular on the nearest edge (found with a
 * Flatbush index over edge boxes, exact in local metres), so a point beside a long road joins it
 * where it is, not at a distant junction. Points on the same edge can also walk along it
 * directly (see {@link sameEdgeDistanceM}).
 * @example snapToEdges(graph, [[120.9, 30.85]]).accessM[0] // metres from the point to the road
 */
export function snapToEdges(graph: RoadGraph, points: ReadonlyArray<readonly [number, number]>): GraphSnap {
  const snap: GraphSnap = {
    edge: new Int32Array(points.length).fill(-1),
    from: new Int32Array(points.length).fill(-1),
    to: new Int32Array(points.length).fill(-1),
    fromM: new Float64Array(points.length).fill(Infinity),
    toM: new Float64Array(points.length).fill(Infinity),
    accessM: new Float64Array(points.length).fill(Infinity),
  };
  if (graph.edgeCount === 0) return snap;
  const { index, projection } = edgeIndex(graph);
  const foot = (e: number, x: number, y: number) => {
    const [ax, ay] = projection.toXY(graph.nodeLng[graph.edgeFrom[e]!]!, graph.nodeLat[graph.edgeFrom[e]!]!);
    const [bx, by] = projection.toXY(graph.nodeLng[graph.edgeTo[e]!]!, graph.nodeLat[graph.edgeTo[e]!]!);
    const dx = bx - ax, dy = by - ay;
    const lengthSquared = dx * dx + dy * dy;
    const t = lengthSquared > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / lengthSquared)) : 0;
    return { t, distance: Math.hypot(ax + t * dx - x, ay + t * dy - y) };
  };
  points.forEach(([lng, lat], i) => {
    const [x, y] = projection.toXY(lng, lat);
    let best = -1, bestT = 0, bestDistance = Infinity;
    const consider = (e: number) => {
      const { t, distance } = foot(e, x, y);
      if (distance < bestDistance || (distance === bestDistance && e < best)) { best = e; bestT = t; bestDistance = distance; }
    };
    // Box distance never exceeds segment distance: every edge that could beat the best so far is in the second query.
    index.neighbors(x, y, 4).forEach(consider);
    index.neighbors(x, y, Infinity, bestDistance).forEach(consider);
    const lengthM = graph.edgeLengthM[best]!;
    const a = graph.edgeFrom[best]!, b = graph.edgeTo[best]!;
    const footLng = graph.nodeLng[a]! + bestT * (graph.nodeLng[b]! - graph.nodeLng[a]!);
    const footLat = graph.nodeLat[a]! + bestT * (graph.nodeLat[b]! - graph.nodeLat[a]!);
    snap.edge[i] = best; snap.from[i] = a; snap.to[i] = b;
    snap.fromM[i] = bestT * lengthM; snap.toM[i] = (1 - bestT) * lengthM;
    snap.accessM[i] = haversineDistanceM([lng, lat], [footLng, footLat]);
  });
  return snap;
}

/** Dijkstra sources for snapped facilities: both ends of each facility's edge, labelled by facility index. */
export function sourcesFromSnap(snap: GraphSnap): GraphSource[] {
  const sources: GraphSource[] = [];
  for (let i = 0; i < snap.from.length; i++) {
    if (snap.from[i]! < 0) continue;
    sources.push({ node: snap.from[i]!, initialM: snap.accessM[i]! + snap.fromM[i]!, label: i });
    sources.push({ node: snap.to[i]!, initialM: snap.accessM[i]! + snap.toM[i]!, label: i });
  }
  return sources;
}

/**
 * Walking metres between two snapped points on the same edge, straight along it (Infinity when they
 * are on different edges): Dijkstra from the edge ends alone would send them round via a junction.
 */
export function sameEdgeDistanceM(a: GraphSnap, i: number, b: GraphSnap, j: number): number {
  if (a.edge[i]! < 0 || a.edge[i] !== b.edge[j]) return Infinity;
  return Math.abs(a.fromM[i]! - b.fromM[j]!) + a.accessM[i]! + b.accessM[j]!;
}
