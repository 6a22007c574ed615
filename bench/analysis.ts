/**
 * `npm run bench:analysis [-- --json] [-- --runs N]`: the analysis fast paths against honest naive
 * baselines, median of several seeded runs.
 *  1. coverage of a 100 m grid over the county (outline from geodata/county.geojson, else its bbox)
 *     by 1,000 random facilities, radius 1 km. Fast: KD-tree over cells (built inside the timing) +
 *     haversine test. Baseline: turf.circle (64 steps, bbox attached) per facility, then
 *     turf.booleanPointInPolygon for every cell × every circle (Turf rejects on the bbox first).
 *  2. nearest-facility network distances from 200 facilities on a synthetic ~50,000-edge road graph,
 *     including graph build from GeoJSON lines and snapping. Fast: one multi-source Dijkstra.
 *     Baseline: the same build, then 200 single-source Dijkstras (binary heap) and a min per node.
 *  3. greedy maximal coverage: 10 of 2,000 candidates over the county grid, radius 1 km. Fast:
 *     indexed candidate→cell lists + lazy greedy. Baseline: candidate→cell lists by haversine over
 *     every pair, then plain greedy recomputing every gain each round.
 * Every case checks that fast and baseline agree before reporting.
 */
import { existsSync, readFileSync } from "node:fs";
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from "geojson";
import { bboxPolygon, featureCollection } from "@turf/turf";
import { demandGrid, type Demand } from "../src/analysis/demand-grid.ts";
import { coverageCounts, coverageCountsNaiveTurf, type Site } from "../src/analysis/coverage-counts.ts";
import { buildRoadGraph, multiSourceDijkstra, separateDijkstras, snapToEdges, sourcesFromSnap } from "../src/analysis/road-network.ts";
import { candidateCoverageBruteForce, suggestSites, suggestSitesPlainGreedy, type Candidate } from "../src/analysis/suggest-sites.ts";
import { seededRandom } from "../src/analysis/test-support.ts";
import { median } from "./median.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
const runsArg = args.indexOf("--runs");
const RUNS = runsArg >= 0 ? Math.max(1, Number(args[runsArg + 1])) : 5;
const BASELINE_RUNS = Math.max(1, Math.min(3, RUNS));
const BBOX: [number, number, number, number] = [120.74, 30.76, 121.03, 31.03];

let peakHeap = 0;
const sampleHeap = () => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); };

function timeRuns<T>(runs: number, body: () => T): { ms: number; last: T } {
  const times: number[] = [];
  let last!: T;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    last = body();
    times.push(performance.now() - start);
    sampleHeap();
  }
  return { ms: median(times), last };
}

function countyArea(): { polygons: FeatureCollection<Polygon | MultiPolygon>; source: string } {
  const path = "geodata/county.geojson";
  if (existsSync(path)) {
    const county = JSON.parse(readFileSync(path, "utf8")) as FeatureCollection;
    const polygons = county.features.filter((f) => f.geometry?.type === "Polygon" || f.geometry?.type === "MultiPolygon") as Feature<Polygon | MultiPolygon>[];
    if (polygons.length) return { polygons: featureCollection(polygons), source: path };
  }
  return { polygons: featureCollection([bboxPolygon(BBOX, { properties: { code: "bbox" } })]), source: `bbox ${BBOX.join(",")}` };
}

/** A copy without the cached KD-tree, so index building is inside the timing. */
const freshDemand = (demand: Demand): Demand => ({ ...demand });

interface CaseResult { name: string; ms: number; baseline_ms: number; ratio: number; target: string; detail: string }

function coverageCase(grid: Demand): CaseResult {
  const random = seededRandom(1);
  const sites: Site[] = Array.from({ length: 1000 }, () => ({ lng: BBOX[0] + random() * (BBOX[2] - BBOX[0]), lat: BBOX[1] + random() * (BBOX[3] - BBOX[1]), radiusM: 1000 }));
  const fast = timeRuns(RUNS, () => coverageCounts(freshDemand(grid), sites));
  const naive = timeRuns(BASELINE_RUNS, () => coverageCountsNaiveTurf(grid, sites));
  let differing = 0;
  for (let i = 0; i < grid.count; i++) if (fast.last[i] !== naive.last[i]) differing++;
  if (differing / grid.count > 0.01) throw new Error(`coverage: fast and naive disagree on ${differing} cells`);
  return { name: `coverage: ${grid.count} cells × 1000 facilities, r = 1 km`, ms: fast.ms, baseline_ms: naive.ms, ratio: naive.ms / fast.ms, target: "≤ 100 ms, ≥ 20×", detail: `${differing} cells differ (circle chord error of the 64-gon)` };
}

function syntheticRoads(edgeTarget: number): FeatureCollection<LineString> {
  const random = seededRandom(2);
  const side = Math.ceil(Math.sqrt(edgeTarget / 2 / 0.97)) + 1;
  const [west, south, east, north] = BBOX;
  const jitter = 0.25;
  const node = (r: number, c: number): [number, number] => {
    const j = seededRandom(r * 7919 + c);
    return [west + ((c + (j() - 0.5) * jitter) / side) * (east - west), south + ((r + (j() - 0.5) * jitter) / side) * (north - south)];
  };
  const lines: Feature<LineString>[] = [];
  for (let r = 0; r < side && lines.length < edgeTarget; r++) {
    for (let c = 0; c < side && lines.length < edgeTarget; c++) {
      if (c + 1 < side && random() < 0.97) lines.push({ type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: [node(r, c), node(r, c + 1)] } });
      if (r + 1 < side && random() < 0.97) lines.push({ type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: [node(r, c), node(r + 1, c)] } });
    }
  }
  return featureCollection(lines);
}

function networkCase(): CaseResult {
  const roads = syntheticRoads(50_000);
  const random = seededRandom(3);
  const facilities = Array.from({ length: 200 }, () => [BBOX[0] + random() * (BBOX[2] - BBOX[0]), BBOX[1] + random() * (BBOX[3] - BBOX[1])] as const);
  const prepare = () => {
    const graph = buildRoadGraph(roads, { snapToleranceM: 5 });
    return { graph, sources: sourcesFromSnap(snapToEdges(graph, facilities)) };
  };
  const fast = timeRuns(RUNS, () => { const { graph, sources } = prepare(); return { graph, result: multiSourceDijkstra(graph, sources) }; });
  const naive = timeRuns(BASELINE_RUNS, () => { const { graph, sources } = prepare(); return separateDijkstras(graph, sources); });
  for (let n = 0; n < fast.last.graph.nodeCount; n++) {
    if (Math.abs(fast.last.result.distanceM[n]! - naive.last.distanceM[n]!) > 1e-6) throw new Error(`network: distances differ at node ${n}`);
  }
  const { graph, sources } = prepare();
  const searchOnly = timeRuns(RUNS, () => multiSourceDijkstra(graph, sources)).ms;
  const searchOnlyBaseline = timeRuns(1, () => separateDijkstras(graph, sources)).ms;
  return {
    name: `network: ${fast.last.graph.edgeCount} edges, ${fast.last.graph.nodeCount} nodes, 200 facilities`,
    ms: fast.ms, baseline_ms: naive.ms, ratio: naive.ms / fast.ms, target: "≤ 1000 ms",
    detail: `graph build + snapping in both; search alone ${searchOnly.toFixed(1)} ms vs ${searchOnlyBaseline.toFixed(0)} ms`,
  };
}

function greedyCase(grid: Demand): CaseResult {
  const random = seededRandom(4);
  const candidates: Candidate[] = Array.from({ length: 2000 }, () => ({ lng: BBOX[0] + random() * (BBOX[2] - BBOX[0]), lat: BBOX[1] + random() * (BBOX[3] - BBOX[1]) }));
  const options = { radiusM: 1000, count: 10 };
  const fast = timeRuns(RUNS, () => suggestSites(freshDemand(grid), candidates, options));
  const naive = timeRuns(1, () => suggestSitesPlainGreedy(grid, candidates, options, candidateCoverageBruteForce(grid, candidates, options.radiusM)));
  if (fast.last.picks.map((p) => p.candidate).join() !== naive.last.picks.map((p) => p.candidate).join()) throw new Error("greedy: picks differ");
  return { name: `greedy max coverage: 10 of 2000 candidates, ${grid.count} cells, r = 1 km`, ms: fast.ms, baseline_ms: naive.ms, ratio: naive.ms / fast.ms, target: "≤ 2000 ms", detail: `covers ${fast.last.final_pct.toFixed(1)} %; baseline run once` };
}

const area = countyArea();
const grid = demandGrid(area.polygons, { cellSizeM: 100 });
const cases = [coverageCase(grid), networkCase(), greedyCase(grid)];
const round = (v: number) => Math.round(v * 10) / 10;
if (json) {
  console.log(JSON.stringify({
    cases: cases.map((c) => ({ name: c.name, ms: round(c.ms), baseline_ms: round(c.baseline_ms), ratio: round(c.ratio), target: c.target })),
    peak_heap_mb: round(peakHeap / 2 ** 20),
    runs: RUNS,
    area: area.source,
    node: process.version,
  }));
} else {
  console.log(`analysis benchmark — median of ${RUNS} runs (baselines ${BASELINE_RUNS}, greedy baseline 1), area: ${area.source}, ${grid.count} cells\n`);
  const rows = cases.map((c) => [c.name, c.ms.toFixed(1), c.baseline_ms.toFixed(0), `${c.ratio.toFixed(1)}×`, c.target, c.detail]);
  const header = ["case", "ms", "baseline ms", "speed-up", "target", "notes"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  "));
  console.log(`\npeak heap ${round(peakHeap / 2 ** 20)} MB, node ${process.version}`);
}
