/**
 * Application state as signals. Components read these and call the actions below; the map wiring
 * (map/wire.ts) pushes them to the map. Nothing here touches the DOM or MapLibre.
 */
import { batch, computed, signal } from "@preact/signals";
import type { FeatureCollection, Geometry } from "geojson";
import type { AtlasFeature, Bilingual, LayerKind, ManifestLayer, Manifest, Provenance } from "../data/types.ts";
import type { CrsReport } from "../io/import/types.ts";
import type { Lang } from "../i18n/strings.ts";
import type { BasemapId } from "../map/basemaps.ts";
import type { View } from "./permalink.ts";

export interface LayerState {
  id: string;
  kind: LayerKind;
  title: Bilingual;
  /** Manifest entry for package layers; null for imported ones. */
  meta: ManifestLayer | null;
  fc: FeatureCollection<Geometry | null>;
  visible: boolean;
  opacity: number;
  /** Display colour chosen in the layer panel (user layers); the layer kind's colour when absent. */
  color?: string;
  /** What the app knows about a user layer (imported file or drawings); absent for package layers. */
  user?: UserLayerInfo;
}

/** Provenance and CRS report of a user layer, kept so the notice and the CRS correction survive a reload. */
export interface UserLayerInfo {
  provenance: Provenance;
  /** File the layer came from; absent for drawings. */
  fileName?: string;
  sourceCrs?: CrsReport;
  /** Coordinates as read from the file, for re-converting with another CRS. */
  raw?: FeatureCollection<Geometry | null>;
  notes?: Bilingual[];
}

export interface Selection {
  layerId: string;
  featureId: string;
}

/** Jiashan fits a 1366×768 screen at this view. */
export const DEFAULT_VIEW: View = { center: [120.888, 30.897], zoom: 10.3, bearing: 0, pitch: 0 };

export const lang = signal<Lang>("zh");
export const manifest = signal<Manifest | null>(null);
export const layers = signal<LayerState[]>([]);
export const selected = signal<Selection | null>(null);
export const hovered = signal<Selection | null>(null);
export const view = signal<View>(DEFAULT_VIEW);
export const basemap = signal<BasemapId>("offline");
export const tiandituKey = signal<string>(import.meta.env?.VITE_TIANDITU_KEY ?? "");
export const basemapError = signal<string | null>(null);
export const loadError = signal<string | null>(null);
export const panelOpen = signal(true);
/** deck.gl overlays, loaded on first use. */
export const deckOverlays = signal<{ stationRings: boolean; zoneExtrusion: boolean }>({ stationRings: false, zoneExtrusion: false });

export const selectedFeature = computed<{ layer: LayerState; feature: AtlasFeature<Geometry | null> } | null>(() => {
  const sel = selected.value;
  if (!sel) return null;
  const layer = layers.value.find((l) => l.id === sel.layerId);
  const feature = layer?.fc.features.find((f) => String(f.properties?.id) === sel.featureId);
  return layer && feature ? { layer, feature: feature as AtlasFeature<Geometry | null> } : null;
});

export function setLayers(next: LayerState[]): void {
  layers.value = next;
}

export function updateLayer(id: string, patch: Partial<Pick<LayerState, "visible" | "opacity" | "title" | "fc">>): void {
  layers.value = layers.value.map((l) => (l.id === id ? { ...l, ...patch } : l));
}

export function toggleLayer(id: string): void {
  const layer = layers.value.find((l) => l.id === id);
  if (layer) updateLayer(id, { visible: !layer.visible });
}

/** Shows exactly these layer ids (the permalink and the presentation use this). */
export function showOnly(ids: string[]): void {
  const wanted = new Set(ids);
  layers.value = layers.value.map((l) => (l.visible === wanted.has(l.id) ? l : { ...l, visible: wanted.has(l.id) }));
}

export function select(sel: Selection | null): void {
  selected.value = sel;
}

export function setLang(next: Lang): void {
  batch(() => {
    lang.value = next;
  });
}

/** Adds a layer at the top of the drawing order (the end of the list). */
export function addLayer(layer: LayerState): void {
  layers.value = [...layers.value.filter((l) => l.id !== layer.id), layer];
}

export function removeLayer(id: string): void {
  layers.value = layers.value.filter((l) => l.id !== id);
  if (selected.peek()?.layerId === id) selected.value = null;
}

export function renameLayer(id: string, title: Bilingual): void {
  updateLayer(id, { title });
}

export function setLayerColor(id: string, color: string): void {
  layers.value = layers.value.map((l) => (l.id === id ? { ...l, color } : l));
}

/**
 * Moves a layer one step up (drawn above, +1) or down (-1) among layers of its own kind; the map draws
 * same-kind layers in list order, so this changes what covers what.
 */
export function moveLayer(id: string, step: 1 | -1): void {
  layers.value = moveInList(layers.value, id, step);
}

/** The pure part of moveLayer: swaps with the nearest same-kind neighbour in the given direction. */
export function moveInList(list: LayerState[], id: string, step: 1 | -1): LayerState[] {
  const from = list.findIndex((l) => l.id === id);
  if (from < 0) return list;
  let to = from + step;
  while (to >= 0 && to < list.length && list[to]!.kind !== list[from]!.kind) to += step;
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}
