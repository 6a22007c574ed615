/**
 * The analysis job protocol shared by the worker and its client, and `runJob`, the pure dispatcher the
 * worker calls. Inputs and results are structured-cloneable (GeoJSON, plain objects, typed arrays).
 */
import type { FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from "geojson";
import { coverageByPolygon, type CoverageByPolygonOptions, type CoverageByPolygonResult } from "./service-coverage.ts";
import { demandFromFeatures, demandGrid, type Demand } from "./demand-grid.ts";
import {
  facilitiesByCategory,
  lifeCircleAccessibility,
  lifeCircleCompliance,
  lifeCircleGaps,
  type ComplianceRow,
  type FacilityLayer,
  type LifeCircleOptions,
  type LifeCircleResult,
  type LifeCircleStandards,
} from "./life-circle.ts";
import { applyFacilityEdit, compareScenarios, type FacilityEdit, type ScenarioDelta } from "./what-if.ts";
import { candidateGrid, suggestSites, type Candidate, type SuggestSitesResult } from "./suggest-sites.ts";
import { buildRoadGraph } from "./road-network.ts";
import { coverageCounts, nearestSiteFinder, type Site } from "./coverage-counts.ts";
import { assertValidCollection } from "./validate-geojson.ts";

type Areas = FeatureCollection<Polygon | MultiPolygon>;

/** Demand for life-circle and suggestion jobs: a grid over polygons, or supplied residential features. */
export type DemandSpec =
  | { type: "grid"; polygons: Areas; cellSizeM?: number; zoneCode?: string }
  | { type: "features"; features: FeatureCollection; populationProperty?: string; zones?: Areas };

/** Every job the worker runs, keyed by `type`. */
export type AnalysisJob =
  | { type: "coverage-by-polygon"; stations: FeatureCollection<Point>; polygons: Areas; options?: CoverageByPolygonOptions }
  | { type: "redundancy"; demand: DemandSpec; sites: Site[] }
  | { type: "nearest-distance"; points: FeatureCollection<Point>; facilities: FeatureCollection<Point> }
  | {
      type: "life-circle";
      demand: DemandSpec;
      layers: FacilityLayer[];
      standards: LifeCircleStandards;
      roads?: FeatureCollection<LineString | MultiLineString>;
      options?: Omit<LifeCircleOptions, "roads">;
    }
  | { type: "what-if"; previous: LifeCircleResult; edits: FacilityEdit[]; standards: LifeCircleStandards }
  | { type: "suggest-sites"; demand: DemandSpec; candidates?: FeatureCollection<Point>; candidateSpacingM?: number; radiusM: number; count: number; existing?: Site[] };

/** What each job type resolves to. */
export interface AnalysisResults {
  "coverage-by-polygon": CoverageByPolygonResult;
  redundancy: { demand: Demand; counts: Uint32Array; histogram: Record<string, number> };
  "nearest-distance": FeatureCollection<Point>;
  "life-circle": { result: LifeCircleResult; compliance: ComplianceRow[]; gaps: Record<string, Areas> };
  /** `gaps`: redrawn for each category the edits touched; the others are as they were. */
  "what-if": { result: LifeCircleResult; compliance: ComplianceRow[]; deltas: ScenarioDelta[]; cellsExamined: number; gaps: Record<string, Areas> };
  "suggest-sites": SuggestSitesResult;
}

export type AnalysisResult<J extends AnalysisJob = AnalysisJob> = AnalysisResults[J["type"]];

/** Progress reports: a fraction 0–1 and a short stage label. */
export type ProgressHandler = (fraction: number, stage: string) => void;

/** Messages into the worker. */
export type WorkerRequest = { type: "run"; id: number; job: AnalysisJob } | { type: "cancel"; id: number };
/** Messages out of the worker. */
export type WorkerResponse =
  | { type: "progress"; id: number; fraction: number; stage: string }
  | { type: "result"; id: number; result: AnalysisResult }
  | { type: "error"; id: number; name: string; message: string };

export function abortError(): Error {
  return typeof DOMException === "function" ? new DOMException("analysis cancelled", "AbortError") : Object.assign(new Error("analysis cancelled"), { name: "AbortError" });
}

/** Between stages: let cancel messages in (a macrotask), then stop if cancelled. */
async function checkpoint(signal: AbortSignal | undefined, onProgress: ProgressHandler | undefined, fraction: number, stage: string): Promise<void> {
  onProgress?.(fraction, stage);
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (signal?.aborted) throw abortError();
}

function buildDemand(spec: DemandSpec): Demand {
  return spec.type === "grid"
    ? demandGrid(spec.polygons, { ...(spec.cellSizeM !== undefined ? { cellSizeM: spec.cellSizeM } : {}), ...(spec.zoneCode !== undefined ? { zoneCode: spec.zoneCode } : {}) })
    : demandFromFeatures(spec.features, { ...(spec.populationProperty ? { populationProperty: spec.populationProperty } : {}), ...(spec.zones ? { zones: spec.zones } : {}) });
}

/**
 * Runs one job. Pure apart from yielding between stages; throws AbortError when `signal` aborts.
 * @example await runJob({ type: "coverage-by-polygon", stations, polygons: towns, options: { radiusM: 5000 } })
 */
export function runJob<J extends AnalysisJob>(job: J, options: { onProgress?: ProgressHandler; signal?: AbortSignal } = {}): Promise<AnalysisResult<J>> {
  return dispatch(job, options) as Promise<AnalysisResult<J>>;
}

async function dispatch(job: AnalysisJob, { onProgress, signal }: { onProgress?: ProgressHandler; signal?: AbortSignal }): Promise<AnalysisResult> {
  await checkpoint(signal, onProgress, 0, "start");
  const done = <T>(value: T): T => { onProgress?.(1, "done"); return value; };
  switch (job.type) {
    case "coverage-by-polygon":
      return done(coverageByPolygon(job.stations, job.polygons, job.options));
    case "redundancy": {
      const demand = buildDemand(job.demand);
      await checkpoint(signal, onProgress, 0.3, "demand");
      const counts = coverageCounts(demand, job.sites);
      const histogram: Record<string, number> = {};
      for (const c of counts) histogram[c >= 3 ? "3+" : String(c)] = (histogram[c >= 3 ? "3+" : String(c)] ?? 0) + 1;
      return done({ demand, counts, histogram });
    }
    case "nearest-distance": {
      assertValidCollection(job.points, "points", ["Point"]);
      assertValidCollection(job.facilities, "facilities", ["Point"]);
      const sites = job.facilities.features.filter((f) => f.geometry).map((f) => ({ lng: f.geometry.coordinates[0]!, lat: f.geometry.coordinates[1]!, id: (f.properties ?? {})["id"] ?? null }));
      const find = nearestSiteFinder(sites);
      return done({
        type: "FeatureCollection",
        features: job.points.features.filter((f) => f.geometry).map((f) => {
          const hit = find(f.geometry.coordinates[0]!, f.geometry.coordinates[1]!);
          return { ...f, properties: { ...f.properties, nearest_id: hit.index >= 0 ? sites[hit.index]!.id : null, distance_m: Number.isFinite(hit.distanceM) ? hit.distanceM : null } };
        }),
      });
    }
    case "life-circle": {
      const demand = buildDemand(job.demand);
      await checkpoint(signal, onProgress, 0.2, "demand");
      const roads = job.roads ? buildRoadGraph(job.roads) : undefined;
      await checkpoint(signal, onProgress, 0.3, "roads");
      const result = lifeCircleAccessibility(demand, facilitiesByCategory(job.layers, job.standards), job.standards, { ...job.options, ...(roads ? { roads } : {}) });
      await checkpoint(signal, onProgress, 0.7, "accessibility");
      const compliance = lifeCircleCompliance(result, job.standards);
      const gaps: Record<string, Areas> = {};
      if (demand.grid) {
        for (const [k, access] of result.categories.entries()) {
          gaps[access.category] = lifeCircleGaps(result, access.category);
          await checkpoint(signal, onProgress, 0.7 + (0.3 * (k + 1)) / result.categories.length, `gaps ${access.category}`);
        }
      }
      return done({ result, compliance, gaps });
    }
    case "what-if": {
      let result = job.previous;
      let cellsExamined = 0;
      for (const [k, edit] of job.edits.entries()) {
        const outcome = applyFacilityEdit(result, edit);
        result = outcome.result;
        cellsExamined += outcome.cellsExamined;
        await checkpoint(signal, onProgress, (k + 1) / (job.edits.length + 1), `edit ${k + 1}`);
      }
      const gaps: Record<string, Areas> = {};
      for (const category of new Set(job.edits.map((e) => e.category))) gaps[category] = lifeCircleGaps(result, category);
      return done({ result, compliance: lifeCircleCompliance(result, job.standards), deltas: compareScenarios(job.previous, result, job.standards), cellsExamined, gaps });
    }
    case "suggest-sites": {
      const demand = buildDemand(job.demand);
      await checkpoint(signal, onProgress, 0.3, "demand");
      let candidates: Candidate[];
      if (job.candidates) {
        assertValidCollection(job.candidates, "candidates", ["Point"]);
        candidates = job.candidates.features.filter((f) => f.geometry).map((f, i) => ({ lng: f.geometry.coordinates[0]!, lat: f.geometry.coordinates[1]!, id: String((f.properties ?? {})["id"] ?? `#${i}`) }));
      } else candidates = candidateGrid(demand, job.candidateSpacingM ?? 500);
      return done(suggestSites(demand, candidates, { radiusM: job.radiusM, count: job.count, ...(job.existing ? { existing: job.existing } : {}) }));
    }
    default: {
      const unknown: never = job;
      throw new Error(`unknown analysis job type ${JSON.stringify((unknown as { type?: unknown }).type)}`);
    }
  }
}
