/**
 * The user's own data: imported layers and drawings as LayerState entries of kind `imported`, the
 * undo/redo history over them, measuring and attribute editing. Pure helpers (ids, provenance,
 * measuring) are exported for tests; actions write the `layers` signal through `commit` so every
 * change the user makes can be undone.
 */
import { batch, computed, signal } from "@preact/signals";
import area from "@turf/area";
import length from "@turf/length";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { Bilingual, Provenance } from "../data/types.ts";
import type { ImportedLayer } from "../io/import/types.ts";
import { addLayer, layers, removeLayer, renameLayer, select, selected, type LayerState } from "./app-state.ts";
import { emptyHistory, record, redo as redoStep, undo as undoStep, type HistoryStack } from "./history.ts";

export const DRAWINGS_ID = "drawings";
export const DRAWINGS_TITLE: Bilingual = { zh: "我的标绘", en: "My drawings" };
/** 1 亩 = 10000/15 m² (the legal definition), ≈ 666.67 m². */
export const MU_M2 = 10000 / 15;

/** Distinct, colour-blind-friendly colours for user layers, in the order new layers get them. */
export const USER_COLORS = ["#0f766e", "#c2410c", "#7c3aed", "#be185d", "#1d4ed8", "#4d7c0f", "#a16207", "#0e7490"];

export const isUserLayer = (layer: LayerState) => layer.kind === "imported";
export const userLayers = computed(() => layers.value.filter(isUserLayer));

/** The first palette colour no user layer uses yet (cycling when all are taken). */
export function nextColor(existing: LayerState[]): string {
  const used = new Set(existing.map((l) => l.color));
  return USER_COLORS.find((c) => !used.has(c)) ?? USER_COLORS[existing.length % USER_COLORS.length]!;
}

/** A layer id that does not clash with any in `taken`, derived from a counter, never from user text. */
export function newLayerId(taken: Iterable<string>): string {
  const ids = new Set(taken);
  let n = 1;
  while (ids.has(`user-${n}`)) n++;
  return `user-${n}`;
}

/**
 * Gives every feature a unique `id` (the map addresses features by it) and the layer's provenance
 * where the feature has none. Keeps the file's own id when it is usable and unique; otherwise the
 * original goes to `source_id`. Returns new objects; properties keep own keys such as "__proto__".
 *
 * @example withIdsAndProvenance(fc, "user-1", { source: "a.csv", method: "…", accuracy_m: 2, status: "approximate" })
 */
export function withIdsAndProvenance(fc: FeatureCollection<Geometry | null>, layerId: string, provenance: Provenance): FeatureCollection<Geometry | null> {
  const seen = new Set<string>();
  const features = fc.features.map((feature, index): Feature<Geometry | null> => {
    const props: Record<string, unknown> = { ...(feature.properties ?? {}) };
    const own = props.id;
    const usable = (typeof own === "string" && own !== "") || typeof own === "number";
    let id = usable ? String(own) : `${layerId}-${index + 1}`;
    if (seen.has(id)) {
      props.source_id = own;
      id = `${layerId}-${index + 1}`;
    } else if (own !== undefined && !usable) props.source_id = own;
    seen.add(id);
    props.id = id;
    for (const key of ["source", "method", "accuracy_m", "status"] as const) {
      if (props[key] === undefined || props[key] === null || props[key] === "") props[key] = provenance[key];
    }
    return { type: "Feature", geometry: feature.geometry, properties: props };
  });
  return { type: "FeatureCollection", features };
}

/** Turns one importer result into a layer for the panel and the map. */
export function layerFromImport(imported: ImportedLayer, id: string, color: string, fileName: string): LayerState {
  return {
    id,
    kind: "imported",
    title: { zh: imported.name, en: imported.name },
    meta: null,
    fc: withIdsAndProvenance(imported.fc, id, imported.provenance),
    visible: true,
    opacity: 1,
    color,
    user: { provenance: imported.provenance, fileName, sourceCrs: imported.sourceCrs, raw: imported.raw, notes: imported.notes },
  };
}

/** Positional accuracy claimed for hand-drawn shapes: about 2 screen pixels at the zoom they were drawn. */
export function drawingAccuracyM(zoom: number, latitude: number): number {
  const metresPerPixel = (40075016.686 * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
  return Math.max(1, Math.round(metresPerPixel * 2));
}

export const drawingProvenance = (accuracy_m: number): Provenance => ({
  source: "drawn by user",
  method: "hand-drawn in Jiashan Atlas",
  accuracy_m,
  status: "approximate",
});

export function emptyDrawingsLayer(color = USER_COLORS[1]!): LayerState {
  return {
    id: DRAWINGS_ID, kind: "imported", title: DRAWINGS_TITLE, meta: null, fc: { type: "FeatureCollection", features: [] },
    visible: true, opacity: 1, color, user: { provenance: drawingProvenance(5) },
  };
}

const asFeature = (geometry: Geometry): Feature<Geometry> => ({ type: "Feature", geometry, properties: {} });

export interface Measurement {
  /** Geodesic length of lines (or perimeter of polygons) in metres. */
  lengthM: number | null;
  /** Geodesic area in square metres, polygons only. */
  areaM2: number | null;
}

/**
 * Geodesic length and area of a feature (Turf: `length` on the WGS84 sphere, `area` on the sphere).
 *
 * @example measureFeature(polygon) // { lengthM: 4000.3, areaM2: 1000000.2 }
 */
export function measureFeature(feature: Feature<Geometry | null>): Measurement {
  const g = feature.geometry;
  if (!g) return { lengthM: null, areaM2: null };
  if (g.type === "Polygon" || g.type === "MultiPolygon") {
    const perimeter = (g.type === "Polygon" ? [g.coordinates] : g.coordinates).flatMap((rings) => rings)
      .reduce((sum, ring) => sum + length(asFeature({ type: "LineString", coordinates: ring }), { units: "kilometers" }) * 1000, 0);
    return { lengthM: perimeter, areaM2: area(g) };
  }
  if (g.type === "LineString" || g.type === "MultiLineString") return { lengthM: length(asFeature(g), { units: "kilometers" }) * 1000, areaM2: null };
  return { lengthM: null, areaM2: null };
}

/** Length as "850 m" / "12.35 km" (zh: 米/公里). */
export function formatLength(m: number, lang: "zh" | "en"): string {
  return m < 1000 ? `${Math.round(m)} ${lang === "zh" ? "米" : "m"}` : `${(m / 1000).toFixed(2)} ${lang === "zh" ? "公里" : "km"}`;
}

/** Area in the three units planners use: m², 公顷 (ha) and 亩. */
export function formatArea(m2: number, lang: "zh" | "en"): { m2: string; ha: string; mu: string } {
  const n = (x: number, digits: number) => x.toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { maximumFractionDigits: digits });
  return {
    m2: `${n(m2, 0)} ${lang === "zh" ? "平方米" : "m²"}`,
    ha: `${n(m2 / 10000, 2)} ${lang === "zh" ? "公顷" : "ha"}`,
    mu: `${n(m2 / MU_M2, 1)} ${lang === "zh" ? "亩" : "mu"}`,
  };
}

// ---- history over the user's layers -------------------------------------------------------------

/** Undo history over the user layers (package layers are not the user's data and are not recorded). */
export const history = signal<HistoryStack<LayerState[]>>(emptyHistory());
export const canUndo = computed(() => history.value.past.length > 0);
export const canRedo = computed(() => history.value.future.length > 0);
/** What the last undo/redo did, for a short status line. */
export const lastHistoryLabel = signal<{ label: Bilingual; direction: "undo" | "redo" } | null>(null);

function replaceUserLayers(next: LayerState[]): void {
  layers.value = [...layers.value.filter((l) => !isUserLayer(l)), ...next];
  const sel = selected.peek();
  if (sel && !layers.value.some((l) => l.id === sel.layerId && l.fc.features.some((f) => String(f.properties?.id) === sel.featureId))) select(null);
}

/** Runs `change` as one undoable step labelled `label`. */
export function commit(label: Bilingual, change: () => void): void {
  batch(() => {
    history.value = record(history.value, label, userLayers.peek());
    change();
  });
}

export const undo = () => travel("undo");
export const redo = () => travel("redo");

function travel(direction: "undo" | "redo"): void {
  const step = (direction === "undo" ? undoStep : redoStep)(history.value, userLayers.peek());
  if (!step) return;
  batch(() => {
    replaceUserLayers(step.state);
    history.value = step.history;
    lastHistoryLabel.value = { label: step.label, direction };
  });
}

/** Forgets the history (after restoring from storage or loading a project: the old steps no longer apply). */
export function resetHistory(): void {
  history.value = emptyHistory();
  lastHistoryLabel.value = null;
}

// ---- user actions ------------------------------------------------------------------------------

const L = {
  add: { zh: "导入图层", en: "Import layer" },
  remove: { zh: "移除图层", en: "Remove layer" },
  rename: { zh: "重命名图层", en: "Rename layer" },
  draw: { zh: "添加标绘", en: "Add drawing" },
  edit: { zh: "编辑形状", en: "Edit shape" },
  deleteFeature: { zh: "删除要素", en: "Delete feature" },
  attributes: { zh: "编辑属性", en: "Edit attributes" },
  crs: { zh: "更正坐标系", en: "Correct coordinate system" },
} satisfies Record<string, Bilingual>;

export function addUserLayers(next: LayerState[]): void {
  if (next.length) commit(L.add, () => next.forEach(addLayer));
}

export function removeUserLayer(id: string): void {
  commit(L.remove, () => removeLayer(id));
}

export function renameUserLayer(id: string, name: string): void {
  const trimmed = name.trim();
  const layer = layers.peek().find((l) => l.id === id);
  if (!layer || !trimmed || trimmed === layer.title.zh && trimmed === layer.title.en) return;
  commit(L.rename, () => renameLayer(id, { zh: trimmed, en: trimmed }));
}

/** Replaces a user layer's features (CRS correction) as one undoable step. */
export function replaceLayerData(id: string, patch: Partial<LayerState>): void {
  commit(L.crs, () => {
    layers.value = layers.value.map((l) => (l.id === id ? { ...l, ...patch } : l));
  });
}

function setFeatures(layerId: string, update: (features: Feature<Geometry | null>[]) => Feature<Geometry | null>[]): void {
  layers.value = layers.value.map((l) => (l.id === layerId ? { ...l, fc: { type: "FeatureCollection", features: update(l.fc.features) } } : l));
}

/** Adds a hand-drawn feature to the drawings layer (created on first use). */
export function addDrawing(feature: Feature<Geometry>, accuracyM: number): string {
  const id = String(feature.id ?? feature.properties?.id ?? crypto.randomUUID());
  const provenance = drawingProvenance(accuracyM);
  const drawn: Feature<Geometry | null> = {
    type: "Feature", geometry: feature.geometry,
    properties: { id, name: "", ...provenance, drawn_at: new Date().toISOString().slice(0, 19) + "Z" },
  };
  commit(L.draw, () => {
    if (!layers.peek().some((l) => l.id === DRAWINGS_ID)) addLayer(emptyDrawingsLayer(nextColor(userLayers.peek())));
    setFeatures(DRAWINGS_ID, (features) => [...features, drawn]);
    select({ layerId: DRAWINGS_ID, featureId: id });
  });
  return id;
}

/** Replaces a user feature's geometry (vertex or move edits). */
export function updateFeatureGeometry(layerId: string, featureId: string, geometry: Geometry): void {
  commit(L.edit, () => setFeatures(layerId, (features) => features.map((f) => (String(f.properties?.id) === featureId ? { ...f, geometry } : f))));
}

export function deleteFeature(layerId: string, featureId: string): void {
  commit(L.deleteFeature, () => setFeatures(layerId, (features) => features.filter((f) => String(f.properties?.id) !== featureId)));
}

/** Keys the attribute form never edits: the map's id and the provenance fields. */
export const PROTECTED_KEYS = new Set(["id", "source", "method", "accuracy_m", "status"]);

/**
 * Sets a user feature's editable attributes (name plus key/value pairs) in one step; protected keys
 * keep their values. Values stay text unless they were numbers and still parse as numbers.
 */
export function editAttributes(layerId: string, featureId: string, entries: [string, string][]): void {
  commit(L.attributes, () =>
    setFeatures(layerId, (features) => features.map((f) => {
      if (String(f.properties?.id) !== featureId) return f;
      return { ...f, properties: applyAttributeEdits(f.properties ?? {}, entries) };
    })),
  );
}

/** The pure part of editAttributes. @example applyAttributeEdits({ id: "a", n: 1 }, [["n", "2"]]) // { id: "a", n: 2 } */
export function applyAttributeEdits(props: Record<string, unknown>, entries: [string, string][]): Record<string, unknown> {
  const next: Record<string, unknown> = {};
  for (const key of Object.keys(props)) if (PROTECTED_KEYS.has(key)) next[key] = props[key];
  for (const [rawKey, value] of entries) {
    const key = rawKey.trim();
    if (!key || PROTECTED_KEYS.has(key)) continue;
    const before = props[key];
    const asNumber = Number(value);
    next[key] = typeof before === "number" && value.trim() !== "" && Number.isFinite(asNumber) ? asNumber : value;
  }
  return next;
}

// ---- drawing mode (read by map/draw) -------------------------------------------------------------

export const DRAW_MODES = ["point", "linestring", "polygon", "circle", "select"] as const;
export type DrawMode = (typeof DRAW_MODES)[number];
/** The active drawing tool; null when the map is in normal browse mode. */
export const drawMode = signal<DrawMode | null>(null);
/** Live measurement of the shape being drawn (before it is finished). */
export const drawingMeasure = signal<Measurement | null>(null);

/** Measurement of the selected feature when it belongs to a user layer. */
export const selectedMeasure = computed<Measurement | null>(() => {
  const sel = selected.value;
  const layer = sel && layers.value.find((l) => l.id === sel.layerId);
  if (!sel || !layer || !isUserLayer(layer)) return null;
  const feature = layer.fc.features.find((f) => String(f.properties?.id) === sel.featureId);
  return feature ? measureFeature(feature) : null;
});

// ---- map capture (registered by the map wiring, used by the PNG export) ----------------------------

export interface MapImage {
  canvas: HTMLCanvasElement;
  pixelRatio: number;
  metresPerPixel: number;
}
let mapImageSource: (() => Promise<MapImage>) | null = null;
export function setMapImageSource(source: () => Promise<MapImage>): void {
  mapImageSource = source;
}
/** The current map as pixels; rejects before the map exists. */
export function mapImage(): Promise<MapImage> {
  return mapImageSource ? mapImageSource() : Promise.reject(new Error("the map is not ready yet"));
}
