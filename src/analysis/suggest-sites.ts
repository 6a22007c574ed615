/**
 * Site suggestions by greedy maximal coverage: choose N candidate sites that add the most not-yet-
 * covered demand within a radius. Candidate→cell lists come from the demand KD-tree, and lazy greedy
 * (a max-heap of stale upper bounds, valid because coverage gain only shrinks) avoids recomputing
 * every gain each round while picking exactly what plain greedy picks.
 */
import type { Demand } from "./demand-grid.ts";
import { forEachDemandWithin, type Site } from "./coverage-counts.ts";
import { haversineDistanceM } from "./geodesy.ts";
import { GeoInputError } from "./validate-geojson.ts";

export interface Candidate {
  lng: number;
  lat: number;
  id?: string;
}

export interface SuggestSitesOptions {
  /** Coverage radius in metres (geodesic). */
  radiusM: number;
  /** How many sites to pick. */
  count: number;
  /** Existing facilities: demand they already cover counts as covered. @default [] */
  existing?: ReadonlyArray<Site>;
}

export interface SitePick {
  rank: number;
  candidate: number;
  id: string | null;
  lng: number;
  lat: number;
  /** Newly covered demand weight (m² for area grids, people when population-weighted). */
  gain: number;
  gain_pct: number;
  cumulative_pct: number;
}

export interface SuggestSitesResult {
  picks: SitePick[];
  total_weight: number;
  /** Share already covered by existing facilities before any pick. */
  baseline_pct: number;
  final_pct: number;
  weight_kind: Demand["weightKind"];
}

/** For each candidate, the demand indices within `radiusM` (compressed: `cells[offsets[c] … offsets[c+1])`). */
export function candidateCoverage(demand: Demand, candidates: ReadonlyArray<Candidate>, radiusM: number): { offsets: Int32Array; cells: Int32Array } {
  const offsets = new Int32Array(candidates.length + 1);
  let cells = new Int32Array(1024);
  let size = 0;
  candidates.forEach((candidate, c) => {
    forEachDemandWithin(demand, candidate.lng, candidate.lat, radiusM, (i) => {
      if (size === cells.length) { const grown = new Int32Array(size * 2); grown.set(cells); cells = grown; }
      cells[size++] = i;
    });
    offsets[c + 1] = size;
  });
  return { offsets, cells: cells.subarray(0, size) };
}

function validate(options: SuggestSitesOptions): void {
  if (!(options.radiusM > 0) || !Number.isFinite(options.radiusM)) throw new GeoInputError(`radius must be a positive number of metres (got ${options.radiusM})`);
  if (!Number.isInteger(options.count) || options.count < 1) throw new GeoInputError(`count must be a positive integer (got ${options.count})`);
}

function initialCovered(demand: Demand, existing: ReadonlyArray<Site>): Uint8Array {
  const covered = new Uint8Array(demand.count);
  for (const site of existing) forEachDemandWithin(demand, site.lng, site.lat, site.radiusM, (i) => { covered[i] = 1; });
  return covered;
}

function summarise(demand: Demand, candidates: ReadonlyArray<Candidate>, covered: Uint8Array, chosen: Array<{ candidate: number; gain: number }>): SuggestSitesResult {
  let total = 0, already = 0;
  for (let i = 0; i < demand.count; i++) { total += demand.weight[i]!; if (covered[i]) already += demand.weight[i]!; }
  const pct = (w: number) => (total > 0 ? (100 * w) / total : 0);
  let cumulative = already;
  const picks = chosen.map(({ candidate, gain }, k) => {
    cumulative += gain;
    const c = candidates[candidate]!;
    return { rank: k + 1, candidate, id: c.id ?? null, lng: c.lng, lat: c.lat, gain, gain_pct: pct(gain), cumulative_pct: pct(cumulative) };
  });
  return { picks, total_weight: total, baseline_pct: pct(already), final_pct: pct(cumulative), weight_kind: demand.weightKind };
}

/**
 * Greedy maximal coverage with lazy gain updates. Ties go to the lower candidate index; picking stops
 * early when no candidate adds anything.
 * @example
 * const { picks } = suggestSites(demandGrid(towns), candidateGrid(demandGrid(towns), 500), { radiusM: 1000, count: 5 });
 * picks[0].gain_pct // share of demand the first site newly covers
 */
export function suggestSites(demand: Demand, candidates: ReadonlyArray<Candidate>, options: SuggestSitesOptions): SuggestSitesResult {
  validate(options);
  const { offsets, cells } = candidateCoverage(demand, candidates, options.radiusM);
  const covered = initialCovered(demand, options.existing ?? []);
  const baseCovered = covered.slice();
  const gainOf = (c: number) => {
    let gain = 0;
    for (let k = offsets[c]!; k < offsets[c + 1]!; k++) if (!covered[cells[k]!]) gain += demand.weight[cells[k]!]!;
    return gain;
  };
  // Max-heap ordered by (bound desc, index asc); `stamp` says in which round a bound was computed.
  const heap: number[] = [];
  const bound = new Float64Array(candidates.length);
  const stamp = new Int32Array(candidates.length);
  const before = (a: number, b: number) => bound[a]! > bound[b]! || (bound[a] === bound[b] && a < b);
  const push = (c: number) => {
    heap.push(c);
    for (let i = heap.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!before(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!]; i = p;
    }
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        let best = i;
        const l = 2 * i + 1, r = l + 1;
        if (l < heap.length && before(heap[l]!, heap[best]!)) best = l;
        if (r < heap.length && before(heap[r]!, heap[best]!)) best = r;
        if (best === i) break;
        [heap[i], heap[best]] = [heap[best]!, heap[i]!]; i = best;
      }
    }
    return top;
  };
  for (let c = 0; c < candidates.length; c++) { bound[c] = gainOf(c); push(c); }
  const chosen: Array<{ candidate: number; gain: number }> = [];
  for (let round = 0; round < options.count && heap.length > 0;) {
    const c = pop();
    if (stamp[c] !== round) { bound[c] = gainOf(c); stamp[c] = round; push(c); continue; }
    if (bound[c]! <= 0) break;
    chosen.push({ candidate: c, gain: bound[c]! });
    for (let k = offsets[c]!; k < offsets[c + 1]!; k++) covered[cells[k]!] = 1;
    round++;
  }
  return summarise(demand, candidates, baseCovered, chosen);
}

/** Reference for tests and the benchmark: candidate→cell lists by testing every pair with haversine. */
export function candidateCoverageBruteForce(demand: Demand, candidates: ReadonlyArray<Candidate>, radiusM: number): { offsets: Int32Array; cells: Int32Array } {
  const offsets = new Int32Array(candidates.length + 1);
  const cells: number[] = [];
  candidates.forEach((candidate, c) => {
    for (let i = 0; i < demand.count; i++) if (haversineDistanceM([candidate.lng, candidate.lat], [demand.lng[i]!, demand.lat[i]!]) <= radiusM) cells.push(i);
    offsets[c + 1] = cells.length;
  });
  return { offsets, cells: Int32Array.from(cells) };
}

/**
 * Reference and benchmark baseline: plain greedy that recomputes every candidate's gain every round
 * (no lazy bounds). Same picks as {@link suggestSites} given the same candidate→cell lists.
 */
export function suggestSitesPlainGreedy(
  demand: Demand,
  candidates: ReadonlyArray<Candidate>,
  options: SuggestSitesOptions,
  coverage: { offsets: Int32Array; cells: Int32Array },
): SuggestSitesResult {
  validate(options);
  const { offsets, cells } = coverage;
  const covered = initialCovered(demand, options.existing ?? []);
  const baseCovered = covered.slice();
  const chosen: Array<{ candidate: number; gain: number }> = [];
  for (let round = 0; round < options.count; round++) {
    let best = -1, bestGain = 0;
    for (let c = 0; c < candidates.length; c++) {
      let gain = 0;
      for (let k = offsets[c]!; k < offsets[c + 1]!; k++) if (!covered[cells[k]!]) gain += demand.weight[cells[k]!]!;
      if (gain > bestGain) { bestGain = gain; best = c; }
    }
    if (best < 0) break;
    chosen.push({ candidate: best, gain: bestGain });
    for (let k = offsets[best]!; k < offsets[best + 1]!; k++) covered[cells[k]!] = 1;
  }
  return summarise(demand, candidates, baseCovered, chosen);
}

/**
 * Candidate sites on a coarser lattice of the demand grid: every cell centre whose row and column are
 * multiples of `spacingM / cellSizeM`.
 * @example candidateGrid(demandGrid(towns, { cellSizeM: 100 }), 500).length // ≈ cells / 25
 */
export function candidateGrid(demand: Demand, spacingM: number): Candidate[] {
  if (!demand.grid) throw new GeoInputError("candidateGrid needs a grid demand");
  if (!(spacingM > 0)) throw new GeoInputError(`candidate spacing must be > 0 m (got ${spacingM})`);
  const step = Math.max(1, Math.round(spacingM / demand.grid.cellSizeM));
  const candidates: Candidate[] = [];
  for (let i = 0; i < demand.count; i++) {
    if (demand.grid.row[i]! % step === 0 && demand.grid.col[i]! % step === 0) {
      candidates.push({ lng: demand.lng[i]!, lat: demand.lat[i]!, id: `cell-${demand.grid.row[i]}-${demand.grid.col[i]}` });
    }
  }
  return candidates;
}
