/**
 * The emergency chapter's coverage figures, computed live by the analysis engine from the loaded
 * emergency and township layers — never typed into the story.
 */
import { signal } from "@preact/signals";
import type { FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from "geojson";
import type { CoverageByPolygonResult } from "../analysis/service-coverage.ts";
import type { Bilingual, Status } from "../data/types.ts";
import type { LayerState } from "../state/app-state.ts";
import standards from "../../geodata/emergency-standards.json";

export interface CoverageSummary {
  coveredPct: number;
  coveredKm2: number;
  areaKm2: number;
  /** Distinct service radii the engine used, in metres. */
  radiiM: number[];
  stationCount: number;
  leastCovered: { name: Bilingual; coveredPct: number } | null;
  /** The engine's own description of the method (English). */
  method: string;
  /** Manifest status of the inputs, so the stage can say how far to trust the numbers. */
  townsStatus: Status | null;
  stationsStatus: Status | null;
  /** How the stations were placed, as the data's `placement` property states it (distinct values). */
  placements: string[];
}

export type LiveCoverage =
  | { state: "idle" }
  | { state: "running" }
  | { state: "done"; summary: CoverageSummary }
  | { state: "error"; message: string };

export const liveCoverage = signal<LiveCoverage>({ state: "idle" });

/** Default radius per tier, for stations without their own `service_radius_m`. */
export const RADIUS_BY_TIER_M: Record<string, number> = Object.fromEntries(
  Object.entries(standards.tiers).map(([tier, spec]) => [tier, spec.service_radius_m]),
);

/**
 * Turns the engine's result into what the stage shows; pure.
 * @example summariseCoverage(result, towns, stations).coveredPct // 87.4
 */
export function summariseCoverage(
  result: CoverageByPolygonResult,
  towns: Pick<LayerState, "fc" | "meta">,
  stations: Pick<LayerState, "fc" | "meta">,
): CoverageSummary {
  const namesByCode = new Map(towns.fc.features.map((f) => [String(f.properties?.["code"] ?? f.properties?.["id"]), {
    zh: String(f.properties?.["name"] ?? ""),
    en: String(f.properties?.["name_en"] ?? f.properties?.["name"] ?? ""),
  }]));
  const least = [...result.areas].sort((a, b) => a.covered_pct - b.covered_pct)[0];
  const located = stations.fc.features.filter((f) => f.geometry);
  return {
    coveredPct: result.total.covered_pct,
    coveredKm2: result.total.covered_km2,
    areaKm2: result.total.area_km2,
    radiiM: result.radii_m,
    stationCount: located.length,
    leastCovered: least ? { name: namesByCode.get(least.code) ?? { zh: least.name, en: least.name }, coveredPct: least.covered_pct } : null,
    method: result.method,
    townsStatus: towns.meta?.status ?? null,
    stationsStatus: stations.meta?.status ?? null,
    placements: [...new Set(located.map((f) => f.properties?.["placement"]).filter((p): p is string => typeof p === "string"))],
  };
}

type RunCoverage = (stations: FeatureCollection<Point>, towns: FeatureCollection<Polygon | MultiPolygon>) => Promise<CoverageByPolygonResult>;

/** Runs the job in the analysis worker (loaded on first use). */
const runInWorker: RunCoverage = async (stations, polygons) => {
  const { runAnalysis } = await import("../analysis/client.ts");
  return runAnalysis({ type: "coverage-by-polygon", stations, polygons, options: { radiusByTierM: RADIUS_BY_TIER_M } });
};

let lastInputs: [FeatureCollection<Geometry | null>, FeatureCollection<Geometry | null>] | null = null;

/** Computes coverage for the loaded layers unless it is already done (or running) for the same data. */
export async function computeLiveCoverage(all: LayerState[], run: RunCoverage = runInWorker): Promise<void> {
  const stations = all.find((l) => l.kind === "emergency");
  const towns = all.find((l) => l.kind === "towns");
  if (!stations || !towns) {
    liveCoverage.value = { state: "error", message: "the data package has no emergency or towns layer" };
    return;
  }
  if (lastInputs && lastInputs[0] === stations.fc && lastInputs[1] === towns.fc && liveCoverage.peek().state !== "error") return;
  lastInputs = [stations.fc, towns.fc];
  liveCoverage.value = { state: "running" };
  try {
    const result = await run(stations.fc as FeatureCollection<Point>, towns.fc as FeatureCollection<Polygon | MultiPolygon>);
    liveCoverage.value = { state: "done", summary: summariseCoverage(result, towns, stations) };
  } catch (err) {
    liveCoverage.value = { state: "error", message: err instanceof Error ? err.message : String(err) };
  }
}
