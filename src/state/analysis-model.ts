/**
 * Pure parts of the analysis panel: which loaded layers can play which role, building worker jobs from
 * the panel's parameters, caveats derived from the inputs' data status, and turning results into table
 * rows, scenario deltas and export rows. No signals, no DOM, no Turf (this module ships in the first
 * view; the engine itself is loaded lazily).
 */
import type { Feature, FeatureCollection, Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon } from "geojson";
import type { AnalysisJob } from "../analysis/jobs.ts";
import type { AreaCoverage, CoverageByPolygonResult } from "../analysis/service-coverage.ts";
import type { RedundancyRow } from "../analysis/redundancy.ts";
import type { ComplianceRow, Facility, FacilityLayer, LifeCircleStandards } from "../analysis/life-circle.ts";
import { haversineDistanceM } from "../analysis/geodesy.ts";
import { STATUS_RANK, type Bilingual, type Status } from "../data/types.ts";
import type { StringKey } from "../i18n/strings.ts";
import type { LayerState } from "./app-state.ts";

/** A message for the UI: a string key plus values for its `{placeholders}`. */
export interface Notice {
  key: StringKey;
  params?: Record<string, string | number>;
}

export type Rating = "green" | "amber" | "red";

/**
 * Covered-share thresholds for the coverage table colours: the same project choice as the life-circle
 * standards' `rating` (green ≥ 90 %, amber ≥ 60 %), not a national standard.
 */
export const COVERAGE_RATING = { greenMinPct: 90, amberMinPct: 60 } as const;

export const rateCoverage = (pct: number): Rating =>
  pct >= COVERAGE_RATING.greenMinPct ? "green" : pct >= COVERAGE_RATING.amberMinPct ? "amber" : "red";

type LayerLike = Pick<LayerState, "id" | "kind" | "title" | "fc" | "meta" | "visible">;

const geometryTypes = (fc: FeatureCollection<Geometry | null>) => new Set(fc.features.map((f) => f.geometry?.type));

/** Layers with at least one Point feature (possible stations / facilities / candidates). */
export const pointLayers = <L extends LayerLike>(all: readonly L[]): L[] => all.filter((l) => geometryTypes(l.fc).has("Point"));
/** Layers with at least one Polygon/MultiPolygon (townships, zones, drawn or imported areas). */
export const polygonLayers = <L extends LayerLike>(all: readonly L[]): L[] =>
  all.filter((l) => { const t = geometryTypes(l.fc); return t.has("Polygon") || t.has("MultiPolygon"); });
/** Layers with at least one line (road networks). */
export const lineLayers = <L extends LayerLike>(all: readonly L[]): L[] =>
  all.filter((l) => { const t = geometryTypes(l.fc); return t.has("LineString") || t.has("MultiLineString"); });

export function pointsOf(fc: FeatureCollection<Geometry | null>): FeatureCollection<Point> {
  return { type: "FeatureCollection", features: fc.features.filter((f): f is Feature<Point> => f.geometry?.type === "Point") };
}
export function polygonsOf(fc: FeatureCollection<Geometry | null>): FeatureCollection<Polygon | MultiPolygon> {
  return { type: "FeatureCollection", features: fc.features.filter((f): f is Feature<Polygon | MultiPolygon> => f.geometry?.type === "Polygon" || f.geometry?.type === "MultiPolygon") };
}
export function linesOf(fc: FeatureCollection<Geometry | null>): FeatureCollection<LineString | MultiLineString> {
  return { type: "FeatureCollection", features: fc.features.filter((f): f is Feature<LineString | MultiLineString> => f.geometry?.type === "LineString" || f.geometry?.type === "MultiLineString") };
}

/** The least trustworthy status among the features, else the manifest's, else null (imported, unlabelled). */
export function layerStatus(layer: Pick<LayerLike, "fc" | "meta">, features: readonly Feature<Geometry | null>[] = layer.fc.features): Status | null {
  let worst: Status | null = null;
  for (const f of features) {
    const s = f.properties?.["status"] as Status | undefined;
    if (s && s in STATUS_RANK && (worst === null || STATUS_RANK[s] < STATUS_RANK[worst])) worst = s;
  }
  return worst ?? layer.meta?.status ?? null;
}

const layerName = (layer: Pick<LayerLike, "title" | "id">): Bilingual => layer.title ?? { zh: layer.id, en: layer.id };

/** One caveat per input layer whose data is schematic, approximate or of unknown status. */
export function statusNotices(inputs: ReadonlyArray<{ layer: Pick<LayerLike, "fc" | "meta" | "title" | "id">; role: "stations" | "areas" | "facilities" | "roads" | "zones" }>): Notice[] {
  return inputs.flatMap(({ layer, role }) => {
    const status = layerStatus(layer);
    const params = { layer: layerName(layer).zh === layerName(layer).en ? layer.id : `${layerName(layer).zh} / ${layerName(layer).en}`, role };
    if (status === "schematic") return [{ key: role === "areas" ? "analysis.caveat.schematicAreas" : "analysis.caveat.schematic", params } as Notice];
    if (status === "approximate") {
      const accuracy = Math.max(0, ...layer.fc.features.map((f) => Number(f.properties?.["accuracy_m"]) || 0));
      return [{ key: "analysis.caveat.approximate", params: { ...params, accuracy } } as Notice];
    }
    if (status === null) return [{ key: "analysis.caveat.unknownStatus", params } as Notice];
    return [];
  });
}

/** Distinct `placement` statements of the stations (e.g. "assumed at township seat"). */
export function placementsOf(fc: FeatureCollection<Geometry | null>): string[] {
  return [...new Set(fc.features.map((f) => f.properties?.["placement"]).filter((p): p is string => typeof p === "string" && p !== ""))];
}

export interface CoverageParams {
  /** Point layer of stations; null → the first `emergency` layer. */
  stationsLayerId: string | null;
  /** "data": each station's `service_radius_m` (else its tier default); "fixed": `radiusM` for all. */
  radiusMode: "data" | "fixed";
  radiusM: number;
  /** Polygon layer to report on; null → the first `towns` layer. */
  byLayerId: string | null;
}

export const DEFAULT_COVERAGE_PARAMS: CoverageParams = { stationsLayerId: null, radiusMode: "data", radiusM: 5000, byLayerId: null };

/** The layer a parameter names, else the first of the default kind among the candidates. */
export function resolveLayer<L extends LayerLike>(candidates: readonly L[], id: string | null, defaultKind: string): L | undefined {
  return (id ? candidates.find((l) => l.id === id) : undefined) ?? candidates.find((l) => l.kind === defaultKind) ?? candidates[0];
}

export interface CoverageInputs<L extends LayerLike = LayerLike> {
  stations: L;
  by: L;
  job: Extract<AnalysisJob, { type: "coverage-by-polygon" }>;
  redundancyJob: Extract<AnalysisJob, { type: "redundancy" }>;
}

/**
 * Builds the coverage and redundancy jobs from the panel's parameters — the same inputs as
 * `atlas coverage --layer … [--radius …] --by …`. `stationsOverride` carries what-if edits.
 * Throws an Error with a user-facing message when an input is missing.
 * @example coverageJobs(layers, { ...DEFAULT_COVERAGE_PARAMS, radiusMode: "fixed", radiusM: 5000 }, tierRadii).job.options // { radiusM: 5000 }
 */
export function coverageJobs<L extends LayerLike>(all: readonly L[], params: CoverageParams, radiusByTierM: Record<string, number>, stationsOverride?: FeatureCollection<Point>): CoverageInputs<L> {
  const stations = resolveLayer(pointLayers(all), params.stationsLayerId, "emergency");
  const by = resolveLayer(polygonLayers(all), params.byLayerId, "towns");
  if (!stations) throw new Error("no point layer to use as stations");
  if (!by) throw new Error("no polygon layer to report coverage by");
  if (params.radiusMode === "fixed" && !(params.radiusM >= 0 && Number.isFinite(params.radiusM))) throw new Error(`radius must be a non-negative number of metres (got ${params.radiusM})`);
  const points = stationsOverride ?? pointsOf(stations.fc);
  const options = params.radiusMode === "fixed" ? { radiusM: params.radiusM } : { radiusByTierM };
  const sites = points.features.map((f) => ({
    lng: f.geometry.coordinates[0]!,
    lat: f.geometry.coordinates[1]!,
    radiusM: params.radiusMode === "fixed" ? params.radiusM : Number(f.properties?.["service_radius_m"] ?? radiusByTierM[String(f.properties?.["tier"])] ?? 0),
  }));
  return {
    stations,
    by,
    job: { type: "coverage-by-polygon", stations: points, polygons: polygonsOf(by.fc), options },
    redundancyJob: { type: "redundancy", demand: { type: "grid", polygons: polygonsOf(by.fc), cellSizeM: 100 }, sites },
  };
}

/** Caveats for a coverage result, from the inputs' status and properties (nothing assumed about the package). */
export function coverageNotices(inputs: { stations: LayerLike; by: LayerLike; stationPoints: FeatureCollection<Point> }, result: Pick<CoverageByPolygonResult, "radius_m" | "radii_m">, edits: number): Notice[] {
  const placements = placementsOf(inputs.stationPoints);
  return [
    { key: "analysis.caveat.geodesic" },
    result.radius_m === null
      ? { key: "analysis.caveat.radiiData", params: { radii: result.radii_m.join(", ") || "—" } }
      : { key: "analysis.caveat.radiusFixed", params: { radius: result.radius_m } },
    ...statusNotices([{ layer: inputs.stations, role: "stations" }, { layer: inputs.by, role: "areas" }]),
    ...placements.map((placement): Notice => ({ key: "analysis.caveat.placement", params: { placement } })),
    ...(inputs.stationPoints.features.length === 0 ? [{ key: "analysis.caveat.noStations" } as Notice] : []),
    ...(edits > 0 ? [{ key: "analysis.caveat.whatIf", params: { n: edits } } as Notice] : []),
  ];
}

export interface CoverageRow extends AreaCoverage {
  rating: Rating;
  /** Share of the area reached by two or more stations (100 m grid), when computed. */
  redundant_pct: number | null;
}

/** Table rows: one per area, plus ratings and the redundancy share where known. */
export function coverageRows(result: Pick<CoverageByPolygonResult, "areas">, redundancy: readonly RedundancyRow[] | null): CoverageRow[] {
  const byCode = new Map((redundancy ?? []).map((r) => [r.code, r]));
  return result.areas.map((a) => {
    const r = byCode.get(a.code);
    return { ...a, rating: rateCoverage(a.covered_pct), redundant_pct: r ? r.pct_by_count["2"] + r.pct_by_count["3+"] : null };
  });
}

/** Per-area redundancy shares from the engine's per-cell counts (the same sums as `redundancyByPolygon`). */
export function redundancyFromCounts(demand: { count: number; zone: Int32Array; zones: { code: string; name: string }[]; areaM2: Float64Array }, counts: Uint32Array): RedundancyRow[] {
  const zones = demand.zones.length;
  const areaBy = Array.from({ length: zones + 1 }, () => [0, 0, 0, 0]);
  for (let i = 0; i < demand.count; i++) {
    const bucket = Math.min(3, counts[i]!);
    const z = demand.zone[i]! >= 0 ? demand.zone[i]! : zones;
    areaBy[z]![bucket]! += demand.areaM2[i]!;
    if (z !== zones) areaBy[zones]![bucket]! += demand.areaM2[i]!;
  }
  return [...demand.zones, { code: "*", name: "all" }].map((zone, z) => {
    const total = areaBy[z]!.reduce((a, b) => a + b, 0);
    const pct = (k: number) => (total > 0 ? (100 * areaBy[z]![k]!) / total : 0);
    return { code: zone.code, name: zone.name, pct_by_count: { "0": pct(0), "1": pct(1), "2": pct(2), "3+": pct(3) } };
  });
}

/** A saved coverage run, for the A/B comparison. */
export interface ScenarioSnapshot {
  label: string;
  stations: number;
  radius: string;
  areas: Array<Pick<AreaCoverage, "code" | "name" | "covered_pct" | "covered_km2">>;
  total: { covered_pct: number; covered_km2: number };
}

export interface ScenarioDeltaRow {
  code: string;
  name: string;
  a_pct: number | null;
  b_pct: number | null;
  delta_pct_points: number | null;
}

/**
 * Per-area difference B − A in percentage points (areas missing on one side get nulls); a last row "*" for the total.
 * @example compareCoverageScenarios(a, b).find((r) => r.code === "*")?.delta_pct_points
 */
export function compareCoverageScenarios(a: ScenarioSnapshot, b: ScenarioSnapshot): ScenarioDeltaRow[] {
  const codes = [...new Set([...a.areas.map((x) => x.code), ...b.areas.map((x) => x.code)])];
  const rows = codes.map((code) => {
    const x = a.areas.find((r) => r.code === code);
    const y = b.areas.find((r) => r.code === code);
    return { code, name: (x ?? y)!.name, a_pct: x?.covered_pct ?? null, b_pct: y?.covered_pct ?? null, delta_pct_points: x && y ? y.covered_pct - x.covered_pct : null };
  });
  return [...rows, { code: "*", name: "total", a_pct: a.total.covered_pct, b_pct: b.total.covered_pct, delta_pct_points: b.total.covered_pct - a.total.covered_pct }];
}

export interface LifeCircleParams {
  /** Township code, or "" for all. */
  township: string;
  cellSizeM: number;
  detourFactor: number;
  /** A line layer for network distances, or null for straight line × detour. */
  roadsLayerId: string | null;
  /** Category shown as the distance surface and gap overlay; null → the first with facilities. */
  category: string | null;
}

export const DEFAULT_LIFE_CIRCLE_PARAMS: LifeCircleParams = { township: "", cellSizeM: 100, detourFactor: 1.3, roadsLayerId: null, category: null };

/** Every point-bearing layer, as the CLI offers them for facility matching. */
export function facilityLayersOf(all: readonly LayerLike[]): FacilityLayer[] {
  return pointLayers(all).map((l) => ({ kind: l.kind, collection: l.fc as FeatureCollection }));
}

/**
 * The life-circle job: a grid over the towns layer (else the county), all point layers as facility
 * sources, optional roads — the same inputs as `atlas lifecircle [--township] [--grid] [--detour] [--roads]`.
 * @example lifeCircleJob(layers, { ...DEFAULT_LIFE_CIRCLE_PARAMS, cellSizeM: 500 }, standards).demand
 */
export function lifeCircleJob(all: readonly LayerLike[], params: LifeCircleParams, standards: LifeCircleStandards): Extract<AnalysisJob, { type: "life-circle" }> {
  const area = all.find((l) => l.kind === "towns") ?? all.find((l) => l.kind === "county");
  if (!area) throw new Error("neither a towns nor a county layer to lay the demand grid over");
  if (!(params.cellSizeM >= 10)) throw new Error(`grid size must be at least 10 m (got ${params.cellSizeM})`);
  if (!(params.detourFactor >= 1)) throw new Error(`detour factor must be ≥ 1 (got ${params.detourFactor})`);
  const roads = params.roadsLayerId ? lineLayers(all).find((l) => l.id === params.roadsLayerId) : undefined;
  if (params.roadsLayerId && !roads) throw new Error(`road layer "${params.roadsLayerId}" has no lines`);
  return {
    type: "life-circle",
    demand: { type: "grid", polygons: polygonsOf(area.fc), cellSizeM: params.cellSizeM, ...(params.township ? { zoneCode: params.township } : {}) },
    layers: facilityLayersOf(all),
    standards,
    ...(roads ? { roads: linesOf(roads.fc) } : {}),
    options: { detourFactor: params.detourFactor },
  };
}

/** The CLI's life-circle warnings, as notices: schematic inputs, proxies, unverified distances, method. */
export function lifeCircleNotices(input: {
  facilities: Record<string, Facility[]>;
  standards: LifeCircleStandards;
  area: LayerLike;
  facilityLayers: readonly LayerLike[];
  method: string;
  network: boolean;
}): Notice[] {
  const all = Object.values(input.facilities).flat();
  const proxies = all.filter((f) => f.proxy).length;
  const ids = new Set(all.map((f) => f.id));
  const contributing = input.facilityLayers.filter((l) => l.fc.features.some((f) => ids.has(String(f.properties?.["id"]))));
  return [
    ...(all.length - proxies < 5 ? [{ key: "analysis.lc.schematicInputs", params: { direct: all.length - proxies, proxies } } as Notice] : []),
    ...statusNotices([{ layer: input.area, role: "areas" }, ...contributing.map((layer) => ({ layer, role: "facilities" as const }))]),
    ...(proxies > 0 ? [{ key: "analysis.lc.proxies", params: { n: proxies } } as Notice] : []),
    ...input.standards.levels.filter((l) => !l.distance_verified).map((l): Notice => ({ key: "analysis.lc.unverifiedLevel", params: { level: l.id, distance: l.distance_m ?? "—" } })),
    { key: "analysis.lc.townVillage" },
    { key: input.network ? "analysis.lc.methodNetwork" : "analysis.lc.methodStraight", params: { method: input.method } },
  ];
}

export interface ComplianceTableRow {
  code: string;
  name: string;
  category: string;
  threshold_min: number;
  facilities: number;
  pct_5: number;
  pct_10: number;
  pct_15: number;
  pct_own: number;
  rating: Rating;
}

/** Compliance rows for the table: categories with no facility at all are listed separately (0 % everywhere). */
export function complianceTable(rows: readonly ComplianceRow[]): { rows: ComplianceTableRow[]; emptyCategories: string[] } {
  const empty = [...new Set(rows.filter((r) => r.facilities === 0).map((r) => r.category))];
  return {
    emptyCategories: empty,
    rows: rows.filter((r) => r.facilities > 0).map((r) => ({
      code: r.code, name: r.name, category: r.category, threshold_min: r.threshold_min, facilities: r.facilities,
      pct_5: 100 * (r.share_within["5min"] ?? 0), pct_10: 100 * (r.share_within["10min"] ?? 0), pct_15: 100 * (r.share_within["15min"] ?? 0),
      pct_own: 100 * r.share, rating: r.rating,
    })),
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Coverage rows for CSV export, rounded like `atlas coverage --json`. */
export function coverageExportRows(rows: readonly CoverageRow[], total: CoverageByPolygonResult["total"], radius: string): Record<string, unknown>[] {
  return [
    ...rows.map((r) => ({ code: r.code, name: r.name, area_km2: round(r.area_km2, 3), covered_km2: round(r.covered_km2, 3), covered_pct: round(r.covered_pct, 2), redundant_pct: r.redundant_pct === null ? null : round(r.redundant_pct, 2), rating: r.rating, radius_m: radius })),
    { code: "*", name: "total", area_km2: round(total.area_km2, 3), covered_km2: round(total.covered_km2, 3), covered_pct: round(total.covered_pct, 2), redundant_pct: null, rating: rateCoverage(total.covered_pct), radius_m: radius },
  ];
}

/** The coverage overlay as one GeoJSON: covered union, uncovered parts per area, and the stations used. */
export function coverageExportGeoJson(result: Pick<CoverageByPolygonResult, "coverage" | "uncovered" | "method">, stations: FeatureCollection<Point>): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: [
      ...result.coverage.features.map((f) => ({ ...f, properties: { ...f.properties, role: "covered", method: result.method, status: "derived" } })),
      ...result.uncovered.features.map((f) => ({ ...f, properties: { ...f.properties, role: "uncovered", method: result.method, status: "derived" } })),
      ...stations.features.map((f) => ({ ...f, properties: { ...f.properties, role: "station" } })),
    ],
  };
}

/** Replaces `{name}` placeholders. */
export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Grid cells for a deck.gl overlay: centres, one value per cell (count or minutes), cell size in degrees. */
export interface CellSurface {
  count: number;
  lng: Float64Array;
  lat: Float64Array;
  value: ArrayLike<number>;
  dLng: number;
  dLat: number;
}

export interface OverlayStation {
  id: string;
  lngLat: [number, number];
  /** Added by a what-if edit. */
  edited: boolean;
}

export interface OverlayPick {
  rank: number;
  lngLat: [number, number];
  radiusM: number;
}

/** What the analysis overlays draw; built from results in analysis-state, drawn by map/deck/analysis-layers. */
export interface AnalysisOverlay {
  coverage?: { covered: FeatureCollection; uncovered: FeatureCollection; redundancy: CellSurface | null; stations: OverlayStation[] };
  lifeCircle?: { surface: CellSurface; gaps: FeatureCollection | null };
  suggestions?: OverlayPick[];
}

/**
 * Keeps only cells with a value of at least `min` (e.g. covered by one or more stations), so the
 * overlay does not draw empty cells.
 * @example cellsAtLeast({ count: 2, lng, lat, value: [0, 2], dLng, dLat }, 1).count // 1
 */
export function cellsAtLeast(cells: CellSurface, min: number): CellSurface {
  const keep: number[] = [];
  for (let i = 0; i < cells.count; i++) if (cells.value[i]! >= min) keep.push(i);
  return {
    count: keep.length,
    lng: Float64Array.from(keep, (i) => cells.lng[i]!),
    lat: Float64Array.from(keep, (i) => cells.lat[i]!),
    value: Float64Array.from(keep, (i) => cells.value[i]!),
    dLng: cells.dLng,
    dLat: cells.dLat,
  };
}

const csvField = (value: unknown): string => {
  const text = value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * Rows as RFC 4180 CSV (columns: union of keys in first-seen order; CRLF; UTF-8 BOM so Excel reads Chinese).
 * @example rowsToCsv([{ name: "魏塘街道", covered_pct: 84.31 }]) // "\uFEFFname,covered_pct\r\n魏塘街道,84.31\r\n"
 */
export function rowsToCsv(rows: readonly Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const lines = [columns.map(csvField).join(","), ...rows.map((row) => columns.map((c) => csvField(row[c])).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Ground metres per screen pixel in MapLibre (512 px tiles) at a latitude and zoom. */
export const metresPerPixel = (lat: number, zoom: number) => (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);

/**
 * The station drawn within `pixels` of a click, if any (nearest first) — how a click on a result dot
 * becomes "remove this station" without depending on deck.gl's event order.
 * @example stationNear(stations, [120.9, 30.85], 12) // "em-town-3" or null
 */
export function stationNear(stations: FeatureCollection<Point>, lngLat: [number, number], zoom: number, pixels = 10): string | null {
  const limitM = pixels * metresPerPixel(lngLat[1], zoom);
  let best: { id: string; d: number } | null = null;
  stations.features.forEach((f, i) => {
    const d = haversineDistanceM(f.geometry.coordinates, lngLat);
    if (d <= limitM && (!best || d < best.d)) best = { id: String(f.properties?.["id"] ?? `#${i}`), d };
  });
  return (best as { id: string } | null)?.id ?? null;
}
