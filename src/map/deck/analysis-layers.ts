/**
 * deck.gl factories for the analysis panel's overlays: coverage (covered, uncovered, redundancy
 * cells, stations), the life-circle distance surface and gaps, and site suggestions. Stable ids,
 * `get*` accessors, built-in layers only; loaded lazily with deck.gl.
 */
import { GeoJsonLayer, ScatterplotLayer, SolidPolygonLayer, TextLayer } from "@deck.gl/layers";
import type { Layer } from "@deck.gl/core";
import type { FeatureCollection } from "geojson";
import { GAP_LINE_RGBA, REDUNDANCY_RGBA, UNCOVERED_RGBA, minutesRgba, type Rgba } from "./analysis-colours.ts";
import type { AnalysisOverlay, CellSurface, OverlayStation, OverlayPick } from "../../state/analysis-model.ts";

/** @deck.gl/maplibre reads this prop in interleaved mode but does not export its type. */
type MapLibreLayerProps = { beforeId?: string };

export const ANALYSIS_COVERED_LAYER = "deck-analysis-covered";
export const ANALYSIS_UNCOVERED_LAYER = "deck-analysis-uncovered";
export const ANALYSIS_REDUNDANCY_LAYER = "deck-analysis-redundancy";
export const ANALYSIS_STATIONS_LAYER = "deck-analysis-stations";
export const ANALYSIS_SURFACE_LAYER = "deck-analysis-surface";
export const ANALYSIS_GAPS_LAYER = "deck-analysis-gaps";
export const ANALYSIS_PICK_RADII_LAYER = "deck-analysis-pick-radii";
export const ANALYSIS_PICKS_LAYER = "deck-analysis-picks";
export const ANALYSIS_PICK_LABELS_LAYER = "deck-analysis-pick-labels";

/** The rectangle of grid cell `index` (cell centres ± half a cell). */
function cellPolygon(cells: CellSurface, index: number): [number, number][] {
  const lng = cells.lng[index]!;
  const lat = cells.lat[index]!;
  const w = cells.dLng / 2;
  const h = cells.dLat / 2;
  return [[lng - w, lat - h], [lng + w, lat - h], [lng + w, lat + h], [lng - w, lat + h]];
}

const cellLayer = (id: string, cells: CellSurface, getFillColor: (value: number) => Rgba, beforeId?: string) =>
  new SolidPolygonLayer<unknown, MapLibreLayerProps>({
    id,
    beforeId,
    data: { length: cells.count },
    getPolygon: (_: unknown, { index }: { index: number }) => cellPolygon(cells, index),
    getFillColor: (_: unknown, { index }: { index: number }) => getFillColor(cells.value[index]!),
    updateTriggers: { getPolygon: cells, getFillColor: cells },
  });

const areasLayer = (id: string, fc: FeatureCollection, fill: Rgba, line: Rgba, beforeId?: string) =>
  new GeoJsonLayer<Record<string, unknown>, MapLibreLayerProps>({
    id,
    beforeId,
    data: fc,
    filled: true,
    stroked: true,
    getFillColor: fill,
    getLineColor: line,
    lineWidthUnits: "pixels",
    getLineWidth: 1.5,
  });

export const coveredLayer = (fc: FeatureCollection, beforeId?: string) => areasLayer(ANALYSIS_COVERED_LAYER, fc, [0, 0, 0, 0], [21, 128, 61, 255], beforeId);
export const uncoveredLayer = (fc: FeatureCollection, beforeId?: string) => areasLayer(ANALYSIS_UNCOVERED_LAYER, fc, UNCOVERED_RGBA, [185, 28, 28, 200], beforeId);
export const redundancyLayer = (cells: CellSurface, beforeId?: string) =>
  cellLayer(ANALYSIS_REDUNDANCY_LAYER, cells, (count) => REDUNDANCY_RGBA[Math.min(3, count)]!, beforeId);
export const surfaceLayer = (cells: CellSurface, beforeId?: string) => cellLayer(ANALYSIS_SURFACE_LAYER, cells, minutesRgba, beforeId);
export const gapsLayer = (fc: FeatureCollection, beforeId?: string) => areasLayer(ANALYSIS_GAPS_LAYER, fc, [0, 0, 0, 0], GAP_LINE_RGBA, beforeId);

/** Stations used by the run (what-if additions in blue); clicks on them are resolved in state, not here. */
export const stationsLayer = (stations: OverlayStation[]) =>
  new ScatterplotLayer<OverlayStation>({
    id: ANALYSIS_STATIONS_LAYER,
    data: stations,
    radiusUnits: "pixels",
    getPosition: (s) => s.lngLat,
    getRadius: 7,
    getFillColor: (s) => (s.edited ? [29, 78, 216, 255] : [185, 28, 28, 255]),
    getLineColor: [255, 255, 255, 255],
    stroked: true,
    lineWidthUnits: "pixels",
    getLineWidth: 2,
  });

export const pickRadiiLayer = (picks: OverlayPick[], beforeId?: string) =>
  new ScatterplotLayer<OverlayPick, MapLibreLayerProps>({
    id: ANALYSIS_PICK_RADII_LAYER,
    beforeId,
    data: picks,
    radiusUnits: "meters",
    getPosition: (p) => p.lngLat,
    getRadius: (p) => p.radiusM,
    getFillColor: [124, 58, 237, 40],
    getLineColor: [124, 58, 237, 220],
    stroked: true,
    lineWidthUnits: "pixels",
    getLineWidth: 1.5,
  });

export const picksLayer = (picks: OverlayPick[]) =>
  new ScatterplotLayer<OverlayPick>({
    id: ANALYSIS_PICKS_LAYER,
    data: picks,
    radiusUnits: "pixels",
    getPosition: (p) => p.lngLat,
    getRadius: 10,
    getFillColor: [124, 58, 237, 255],
    getLineColor: [255, 255, 255, 255],
    stroked: true,
    lineWidthUnits: "pixels",
    getLineWidth: 2,
  });

export const pickLabelsLayer = (picks: OverlayPick[]) =>
  new TextLayer<OverlayPick>({
    id: ANALYSIS_PICK_LABELS_LAYER,
    data: picks,
    getPosition: (p) => p.lngLat,
    getText: (p) => String(p.rank),
    getSize: 12,
    getColor: [255, 255, 255, 255],
    fontWeight: "bold",
    characterSet: "0123456789",
  });

/**
 * Every analysis layer for the current overlay, bottom to top; area layers go under the map labels.
 * @example analysisLayers(overlay, firstLabelId).map((l) => l.id)
 */
export function analysisLayers(overlay: AnalysisOverlay | null, beforeId: string | undefined): Layer[] {
  if (!overlay) return [];
  const layers: Layer[] = [];
  if (overlay.coverage) {
    const c = overlay.coverage;
    if (c.redundancy) layers.push(redundancyLayer(c.redundancy, beforeId));
    layers.push(uncoveredLayer(c.uncovered, beforeId), coveredLayer(c.covered, beforeId), stationsLayer(c.stations));
  }
  if (overlay.lifeCircle) {
    layers.push(surfaceLayer(overlay.lifeCircle.surface, beforeId));
    if (overlay.lifeCircle.gaps) layers.push(gapsLayer(overlay.lifeCircle.gaps, beforeId));
  }
  if (overlay.suggestions) layers.push(pickRadiiLayer(overlay.suggestions, beforeId), picksLayer(overlay.suggestions), pickLabelsLayer(overlay.suggestions));
  return layers;
}
