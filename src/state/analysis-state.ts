/**
 * The analysis panel's state: parameters, the running job and its progress, results, what-if edits
 * and the A/B scenarios, plus the actions (run, cancel, edit, export). Jobs run in the analysis Web
 * Worker, and the client/engine are imported on first use so the first view does not load them.
 */
import { batch, computed, effect, signal } from "@preact/signals";
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import type { AnalysisJob, AnalysisResult } from "../analysis/jobs.ts";
import type { CoverageByPolygonResult } from "../analysis/service-coverage.ts";
import type { RedundancyRow } from "../analysis/redundancy.ts";
import type { ComplianceRow, LifeCircleResult, LifeCircleStandards } from "../analysis/life-circle.ts";
import type { SuggestSitesResult } from "../analysis/suggest-sites.ts";
import type { AreaRow, OverlapRow } from "../analysis/area-statistics.ts";
import type { Facility } from "../analysis/life-circle.ts";
import type { ExtrasRequest, ExtrasResponse } from "./analysis-extras.worker.ts";
import emergencyStandards from "../../geodata/emergency-standards.json";
import { layers, select, selected, view, type LayerState } from "./app-state.ts";
import { analysisOverlay, analysisPanel, registerAnalysisMapHandlers } from "./analysis-view.ts";
import {
  DEFAULT_COVERAGE_PARAMS,
  DEFAULT_LIFE_CIRCLE_PARAMS,
  cellsAtLeast,
  compareCoverageScenarios,
  complianceTable,
  coverageExportGeoJson,
  coverageExportRows,
  coverageJobs,
  coverageNotices,
  coverageRows,
  facilityLayersOf,
  lifeCircleJob,
  lifeCircleNotices,
  pointLayers,
  pointsOf,
  polygonLayers,
  polygonsOf,
  redundancyFromCounts,
  resolveLayer,
  rowsToCsv,
  stationNear,
  statusNotices,
  type AnalysisOverlay,
  type CellSurface,
  type ComplianceTableRow,
  type CoverageParams,
  type CoverageRow,
  type LifeCircleParams,
  type Notice,
  type ScenarioSnapshot,
} from "./analysis-model.ts";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type AnalysisTab = "coverage" | "lifecircle" | "suggest" | "area";
export { analysisPanel };

/** Default radius per emergency tier, for stations without their own `service_radius_m` (as the CLI). */
export const RADIUS_BY_TIER_M: Record<string, number> = Object.fromEntries(
  Object.entries(emergencyStandards.tiers).map(([tier, spec]) => [tier, spec.service_radius_m]),
);

export const analysisTab = signal<AnalysisTab>("coverage");
export const coverageParams = signal<CoverageParams>(DEFAULT_COVERAGE_PARAMS);
export const lifeCircleParams = signal<LifeCircleParams>(DEFAULT_LIFE_CIRCLE_PARAMS);
export const suggestParams = signal<{ category: string; radiusM: number; count: number }>({ category: "health-station", radiusM: 1000, count: 3 });
export const areaParams = signal<{ layerId: string | null; byLayerId: string | null }>({ layerId: null, byLayerId: null });

export interface RunningJob {
  tab: AnalysisTab;
  fraction: number;
  stage: string;
  controller: AbortController;
}
export const running = signal<RunningJob | null>(null);
export const analysisMessage = signal<{ tab: AnalysisTab; kind: "error" | "cancelled"; text: string } | null>(null);

export interface CoverageOutcome {
  result: CoverageByPolygonResult;
  rows: CoverageRow[];
  redundancy: RedundancyRow[];
  /** Cells covered by at least one station, value = number of stations. */
  cells: CellSurface | null;
  notices: Notice[];
  stations: FeatureCollection<Point>;
  stationsLayerId: string;
  byLayerId: string;
  /** "5000 m" or the distinct data radii. */
  radiusLabel: string;
  edits: number;
}
export const coverageOutcome = signal<CoverageOutcome | null>(null);

/** The edited station set (null = the layer as loaded) and how many edits made it. */
export const whatIfStations = signal<FeatureCollection<Point> | null>(null);
export const whatIfEdits = signal(0);
/** Map-click placement mode. */
export const placing = signal<"station" | "facility" | null>(null);
export const scenarios = signal<{ A: ScenarioSnapshot | null; B: ScenarioSnapshot | null }>({ A: null, B: null });
export const scenarioComparison = computed(() => {
  const { A, B } = scenarios.value;
  return A && B ? compareCoverageScenarios(A, B) : null;
});

export interface LifeCircleOutcome {
  result: LifeCircleResult;
  compliance: ComplianceRow[];
  table: { rows: ComplianceTableRow[]; emptyCategories: string[] };
  /** Gap polygons per category (redrawn after each what-if edit). */
  gaps: Record<string, FeatureCollection<Polygon | MultiPolygon>>;
  notices: Notice[];
  standards: LifeCircleStandards;
  cellSizeM: number;
  edits: number;
  cellsExamined: number | null;
}
export const lifeCircleOutcome = signal<LifeCircleOutcome | null>(null);

export interface SuggestOutcome {
  result: SuggestSitesResult;
  category: string;
  radiusM: number;
  existing: number;
  notices: Notice[];
}
export const suggestOutcome = signal<SuggestOutcome | null>(null);

export interface AreaOutcome {
  layerId: string;
  rows: AreaRow[];
  overlap: OverlapRow[];
  notices: Notice[];
}
export const areaOutcome = signal<AreaOutcome | null>(null);

let extrasWorker: Worker | null = null;
let extrasId = 0;

/** Runs one request in the extras worker (area statistics, facility matching). */
function runExtras<R>(request: DistributiveOmit<ExtrasRequest, "id">): Promise<R> {
  extrasWorker ??= new Worker(new URL("./analysis-extras.worker.ts", import.meta.url), { type: "module" });
  const worker = extrasWorker;
  const id = ++extrasId;
  return new Promise<R>((resolve, reject) => {
    const done = () => {
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
    };
    const onMessage = (event: MessageEvent<ExtrasResponse>) => {
      if (event.data.id !== id) return;
      done();
      if (event.data.ok) resolve(event.data.result as R);
      else reject(new Error(event.data.message));
    };
    const onError = (event: ErrorEvent) => {
      done();
      extrasWorker = null;
      reject(new Error(`analysis worker crashed: ${event.message || "unknown error"}`));
    };
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    worker.postMessage({ ...request, id });
  });
}

/** Life-circle standards, loaded with the first life-circle or suggestion run. */
export const lifeCircleStandards = signal<LifeCircleStandards | null>(null);

export async function loadStandards(): Promise<LifeCircleStandards> {
  const loaded = lifeCircleStandards.peek() ?? ((await import("../../geodata/standards/life-circle.json")).default as unknown as LifeCircleStandards);
  lifeCircleStandards.value = loaded;
  return loaded;
}

/** The category drawn as distance surface: the chosen one, else the first with facilities. */
export function surfaceCategory(outcome: Pick<LifeCircleOutcome, "result">, chosen: string | null): string | null {
  const cats = outcome.result.categories;
  return (chosen && cats.some((c) => c.category === chosen) ? chosen : null) ?? cats.find((c) => c.facilities.length > 0)?.category ?? cats[0]?.category ?? null;
}

/** What wireDeck draws: the open tab's results, nothing while the panel is closed. */
export const currentOverlay = computed<AnalysisOverlay | null>(() => {
  if (analysisPanel.value === "closed") return null;
  const tab = analysisTab.value;
  if (tab === "coverage") {
    const o = coverageOutcome.value;
    if (!o) return null;
    const loaded = new Set(pointsOf(layers.value.find((l) => l.id === o.stationsLayerId)?.fc ?? { type: "FeatureCollection", features: [] }).features.map((f) => f.properties?.["id"]));
    return {
      coverage: {
        covered: o.result.coverage,
        uncovered: o.result.uncovered,
        redundancy: o.cells,
        stations: o.stations.features.map((f, i) => ({
          id: String(f.properties?.["id"] ?? `#${i}`),
          lngLat: f.geometry.coordinates as [number, number],
          edited: !loaded.has(f.properties?.["id"]),
        })),
      },
    };
  }
  if (tab === "lifecircle") {
    const o = lifeCircleOutcome.value;
    const category = o ? surfaceCategory(o, lifeCircleParams.value.category) : null;
    const access = o?.result.categories.find((c) => c.category === category);
    const grid = o?.result.demand.grid;
    if (!o || !access || !grid) return null;
    const { demand } = o.result;
    return { lifeCircle: { surface: { count: demand.count, lng: demand.lng, lat: demand.lat, value: access.minutes, dLng: grid.dLng, dLat: grid.dLat }, gaps: o.gaps[access.category] ?? null } };
  }
  if (tab === "suggest") {
    const o = suggestOutcome.value;
    return o ? { suggestions: o.result.picks.map((p) => ({ rank: p.rank, lngLat: [p.lng, p.lat] as [number, number], radiusM: o.radiusM })) } : null;
  }
  return null;
});

let currentJob: AbortController | null = null;

type Runner = <J extends AnalysisJob>(job: J, span?: [number, number]) => Promise<AnalysisResult<J>>;

const isAbort = (error: unknown) => (error as { name?: string } | null)?.name === "AbortError";

/**
 * Runs `work` as the panel's one job: cancels the previous one, reports progress, turns failures into
 * a message in the panel (never a throw) and cancellations into "cancelled".
 */
async function asJob(tab: AnalysisTab, work: (run: Runner) => Promise<void>): Promise<void> {
  currentJob?.abort();
  const controller = new AbortController();
  currentJob = controller;
  batch(() => {
    running.value = { tab, fraction: 0, stage: "start", controller };
    analysisMessage.value = null;
  });
  try {
    const { runAnalysis } = await import("../analysis/client.ts");
    const run: Runner = (job, [from, to] = [0, 1]) => runAnalysis(job, {
      signal: controller.signal,
      onProgress: (fraction, stage) => {
        const now = running.peek();
        if (now?.controller === controller) running.value = { ...now, fraction: from + fraction * (to - from), stage };
      },
    });
    if (controller.signal.aborted) throw Object.assign(new Error("cancelled"), { name: "AbortError" });
    await work(run);
  } catch (error) {
    if (currentJob === controller) {
      analysisMessage.value = isAbort(error)
        ? { tab, kind: "cancelled", text: "" }
        : { tab, kind: "error", text: error instanceof Error ? error.message : String(error) };
    }
  } finally {
    if (currentJob === controller) {
      currentJob = null;
      running.value = null;
    }
  }
}

export function cancelAnalysis(): void {
  currentJob?.abort();
}

const radiusLabelOf = (result: CoverageByPolygonResult) => (result.radius_m === null ? `${result.radii_m.join(", ")} m` : `${result.radius_m} m`);

/** Emergency coverage (and redundancy on a 100 m grid) for the current parameters and what-if edits. */
export function runCoverage(): Promise<void> {
  return asJob("coverage", async (run) => {
    const params = coverageParams.peek();
    const edited = whatIfStations.peek();
    const inputs = coverageJobs(layers.peek(), params, RADIUS_BY_TIER_M, edited ?? undefined);
    const result = await run(inputs.job, [0, 0.6]);
    const redundancy = await run(inputs.redundancyJob, [0.6, 1]);
    const grid = redundancy.demand.grid;
    const redundancyRows = redundancyFromCounts(redundancy.demand, redundancy.counts);
    const edits = edited ? whatIfEdits.peek() : 0;
    coverageOutcome.value = {
      result,
      rows: coverageRows(result, redundancyRows),
      redundancy: redundancyRows,
      cells: grid ? cellsAtLeast({ count: redundancy.demand.count, lng: redundancy.demand.lng, lat: redundancy.demand.lat, value: redundancy.counts, dLng: grid.dLng, dLat: grid.dLat }, 1) : null,
      notices: coverageNotices({ stations: inputs.stations, by: inputs.by, stationPoints: inputs.job.stations }, result, edits),
      stations: inputs.job.stations,
      stationsLayerId: inputs.stations.id,
      byLayerId: inputs.by.id,
      radiusLabel: radiusLabelOf(result),
      edits,
    };
  });
}

/** Changes coverage parameters; a different station layer drops the what-if edits made on the old one. */
export function setCoverageParams(patch: Partial<CoverageParams>): void {
  batch(() => {
    if (patch.stationsLayerId !== undefined && patch.stationsLayerId !== coverageParams.peek().stationsLayerId) resetWhatIf();
    coverageParams.value = { ...coverageParams.peek(), ...patch };
  });
}

function currentStations(): FeatureCollection<Point> {
  const edited = whatIfStations.peek();
  if (edited) return edited;
  const layer = resolveLayer(pointLayers(layers.peek()), coverageParams.peek().stationsLayerId, "emergency");
  return pointsOf(layer?.fc ?? { type: "FeatureCollection", features: [] });
}

/** What-if: a new station at `lngLat` (radius: the panel's radius), then coverage re-runs. */
export function addWhatIfStation(lngLat: [number, number]): Promise<void> {
  const n = whatIfEdits.peek() + 1;
  const station: Feature<Point> = {
    type: "Feature",
    geometry: { type: "Point", coordinates: lngLat },
    properties: {
      id: `what-if-${n}`, name: `what-if ${n}`, tier: "what-if", service_radius_m: coverageParams.peek().radiusM,
      status: "schematic", source: "what-if edit in the analysis panel", method: "placed by a map click", accuracy_m: 0,
    },
  };
  batch(() => {
    whatIfStations.value = { type: "FeatureCollection", features: [...currentStations().features, station] };
    whatIfEdits.value = n;
  });
  return runCoverage();
}

/** What-if: removes a station from the edited set, then coverage re-runs. */
export function removeWhatIfStation(id: string): Promise<void> {
  const before = currentStations();
  const features = before.features.filter((f, i) => String(f.properties?.["id"] ?? `#${i}`) !== id);
  if (features.length === before.features.length) return Promise.resolve();
  batch(() => {
    whatIfStations.value = { type: "FeatureCollection", features };
    whatIfEdits.value = whatIfEdits.peek() + 1;
  });
  return runCoverage();
}

export function resetWhatIf(): void {
  batch(() => {
    whatIfStations.value = null;
    whatIfEdits.value = 0;
    placing.value = null;
  });
}

/** Keeps the current coverage result as scenario A or B. */
export function saveScenario(slot: "A" | "B"): void {
  const o = coverageOutcome.peek();
  if (!o) return;
  const snapshot: ScenarioSnapshot = {
    label: slot,
    stations: o.stations.features.length,
    radius: o.radiusLabel,
    areas: o.result.areas.map(({ code, name, covered_pct, covered_km2 }) => ({ code, name, covered_pct, covered_km2 })),
    total: { covered_pct: o.result.total.covered_pct, covered_km2: o.result.total.covered_km2 },
  };
  scenarios.value = { ...scenarios.peek(), [slot]: snapshot };
}

/** The 15-minute life-circle check for the current parameters. */
export function runLifeCircle(): Promise<void> {
  return asJob("lifecircle", async (run) => {
    const standards = await loadStandards();
    const all = layers.peek();
    const params = lifeCircleParams.peek();
    const job = lifeCircleJob(all, params, standards);
    const out = await run(job);
    const area = all.find((l) => l.kind === "towns") ?? all.find((l) => l.kind === "county")!;
    lifeCircleOutcome.value = {
      result: out.result,
      compliance: out.compliance,
      table: complianceTable(out.compliance),
      gaps: out.gaps,
      notices: lifeCircleNotices({
        facilities: Object.fromEntries(out.result.categories.map((c) => [c.category, c.facilities])),
        standards, area, facilityLayers: pointLayers(all), method: out.result.method, network: out.result.settings.network,
      }),
      standards,
      cellSizeM: params.cellSizeM,
      edits: 0,
      cellsExamined: null,
    };
  });
}

/** What-if on the life circle: a facility of the shown category at `lngLat`, updated incrementally by the engine. */
export function addWhatIfFacility(lngLat: [number, number]): Promise<void> {
  return asJob("lifecircle", async (run) => {
    const o = lifeCircleOutcome.peek();
    if (!o) throw new Error("run the life-circle check first");
    const category = surfaceCategory(o, lifeCircleParams.peek().category);
    if (!category) throw new Error("no life-circle category to add a facility to");
    const n = o.edits + 1;
    const out = await run({
      type: "what-if",
      previous: o.result,
      edits: [{ type: "add", category, facility: { id: `what-if-${n}`, name: `what-if ${n}`, lng: lngLat[0], lat: lngLat[1], proxy: false } }],
      standards: o.standards,
    });
    lifeCircleOutcome.value = { ...o, result: out.result, compliance: out.compliance, table: complianceTable(out.compliance), gaps: { ...o.gaps, ...out.gaps }, edits: n, cellsExamined: out.cellsExamined };
  });
}

/**
 * Routes a map click while a placement mode is on. In station mode a click on (within 10 px of) a
 * result station removes it; anywhere else it adds one.
 */
export function analysisMapClick(lngLat: [number, number]): void {
  if (analysisPanel.peek() === "closed" || !placing.peek()) return;
  if (placing.peek() === "facility") {
    void addWhatIfFacility(lngLat);
    return;
  }
  const hit = coverageOutcome.peek() ? stationNear(coverageOutcome.peek()!.stations, lngLat, view.peek().zoom) : null;
  void (hit ? removeWhatIfStation(hit) : addWhatIfStation(lngLat));
}

// Loaded with the panel: from now on the map draws our results and routes clicks here.
effect(() => {
  analysisOverlay.value = currentOverlay.value;
});
registerAnalysisMapHandlers({ click: analysisMapClick });
// While placing, a map click is a placement, not a selection: keep the feature card closed.
effect(() => {
  if (placing.value && selected.value) select(null);
});

/** Greedy site suggestions for a life-circle category or a point layer (as `atlas suggest`). */
export function runSuggest(): Promise<void> {
  return asJob("suggest", async (run) => {
    const standards = await loadStandards();
    const all = layers.peek();
    const { category, radiusM, count } = suggestParams.peek();
    const area = all.find((l) => l.kind === "towns") ?? all.find((l) => l.kind === "county");
    if (!area) throw new Error("neither a towns nor a county layer to lay the demand grid over");
    const points = pointLayers(all);
    let existing: Array<{ lng: number; lat: number }>;
    let sources: LayerState[];
    if (standards.categories.some((c) => c.id === category)) {
      const matched = await runExtras<Record<string, Facility[]>>({ type: "facilities-by-category", layers: facilityLayersOf(points), standards });
      existing = matched[category] ?? [];
      const ids = new Set(matched[category]?.map((f) => f.id));
      sources = points.filter((l) => l.fc.features.some((f) => ids.has(String(f.properties?.["id"]))));
    } else {
      const layer = points.find((l) => l.id === category || l.kind === category);
      if (!layer) throw new Error(`unknown category "${category}"`);
      existing = pointsOf(layer.fc).features.map((f) => ({ lng: f.geometry.coordinates[0]!, lat: f.geometry.coordinates[1]! }));
      sources = [layer];
    }
    const result = await run({
      type: "suggest-sites",
      demand: { type: "grid", polygons: polygonsOf(area.fc), cellSizeM: 100 },
      candidateSpacingM: 500,
      radiusM,
      count,
      existing: existing.map((p) => ({ lng: p.lng, lat: p.lat, radiusM })),
    });
    suggestOutcome.value = {
      result, category, radiusM, existing: existing.length,
      notices: statusNotices([{ layer: area, role: "areas" }, ...sources.map((layer) => ({ layer, role: "facilities" as const }))]),
    };
  });
}

/** Area statistics (km², 公顷, 亩, official vs computed) and zone × township overlaps, on the main thread (small inputs). */
export function runAreaStatistics(): Promise<void> {
  return asJob("area", async () => {
    const all = layers.peek();
    const polygons = polygonLayers(all);
    const { layerId, byLayerId } = areaParams.peek();
    const layer = resolveLayer(polygons, layerId, "zones");
    const by = resolveLayer(polygons, byLayerId, "towns");
    if (!layer) throw new Error("no polygon layer to measure");
    const { rows, overlap } = await runExtras<{ rows: AreaRow[]; overlap: OverlapRow[] }>({
      type: "area-statistics", polygons: polygonsOf(layer.fc), townships: by && by.id !== layer.id ? polygonsOf(by.fc) : null,
    });
    areaOutcome.value = {
      layerId: layer.id,
      rows,
      overlap,
      notices: statusNotices([{ layer, role: "zones" }, ...(by && by.id !== layer.id ? [{ layer: by, role: "areas" as const }] : [])]),
    };
  });
}

/** Saves a text file through a Blob link. */
function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Rows and GeoJSON for the open tab's results (null when there is nothing to export). */
function exportContent(tab: AnalysisTab): { rows: Record<string, unknown>[]; geojson: FeatureCollection } | null {
  if (tab === "coverage") {
    const o = coverageOutcome.peek();
    return o ? { rows: coverageExportRows(o.rows, o.result.total, o.radiusLabel), geojson: coverageExportGeoJson(o.result, o.stations) } : null;
  }
  if (tab === "lifecircle") {
    const o = lifeCircleOutcome.peek();
    if (!o) return null;
    return {
      rows: o.compliance.map((r) => ({ code: r.code, name: r.name, category: r.category, level: r.level, threshold_min: r.threshold_min, facilities: r.facilities, ...Object.fromEntries(Object.entries(r.share_within).map(([k, v]) => [`share_${k}`, Math.round(v * 1e4) / 1e4])), share: Math.round(r.share * 1e4) / 1e4, rating: r.rating, method: o.result.method })),
      geojson: { type: "FeatureCollection", features: Object.values(o.gaps).flatMap((fc) => fc.features).map((f) => ({ ...f, properties: { ...f.properties, role: "gap", method: o.result.method, status: "derived" } })) },
    };
  }
  if (tab === "suggest") {
    const o = suggestOutcome.peek();
    if (!o) return null;
    const rows = o.result.picks.map((p) => ({ rank: p.rank, lng: p.lng, lat: p.lat, gain_km2: p.gain / 1e6, gain_pct: p.gain_pct, cumulative_pct: p.cumulative_pct, category: o.category, radius_m: o.radiusM }));
    return {
      rows,
      geojson: { type: "FeatureCollection", features: rows.map((r) => ({ type: "Feature", geometry: { type: "Point", coordinates: [r.lng, r.lat] }, properties: { ...r, status: "derived", method: "greedy maximal coverage (analysis panel)", source: "suggest-sites", accuracy_m: 250 } })) },
    };
  }
  const o = areaOutcome.peek();
  if (!o) return null;
  const layer = layers.peek().find((l) => l.id === o.layerId);
  const byId = new Map(o.rows.map((r) => [r.id, r]));
  return {
    rows: [...o.rows.map((r) => ({ table: "area", ...r })), ...o.overlap.map((r) => ({ table: "overlap", ...r }))],
    geojson: { type: "FeatureCollection", features: (layer?.fc.features ?? []).filter((f) => byId.has(String(f.properties?.["id"]))).map((f) => ({ ...f, properties: { ...f.properties, ...byId.get(String(f.properties?.["id"])) } })) as FeatureCollection["features"] },
  };
}

/** Downloads the open tab's results as CSV (UTF-8 with BOM for Excel) or GeoJSON. */
export async function exportResults(format: "csv" | "geojson"): Promise<void> {
  const tab = analysisTab.peek();
  const content = exportContent(tab);
  if (!content) return;
  if (format === "csv") {
    download(`jiashan-${tab}.csv`, rowsToCsv(content.rows), "text/csv;charset=utf-8");
  } else {
    download(`jiashan-${tab}.geojson`, JSON.stringify(content.geojson), "application/geo+json");
  }
}
