/**
 * The pure step between state and the map (placemark's splitFeatureGroups): turns what the user
 * sees in the layer panel into the GeoJSON sources, raster sources and style layers the bridge
 * reconciles with MapLibre.
 */
import type { FeatureCollection } from "geojson";
import type { LayerSpecification, RasterSourceSpecification } from "maplibre-gl";
import type { LayerKind } from "../data/types.ts";
import type { Lang } from "../i18n/strings.ts";
import { basemapLayers, type BasemapDef } from "./basemaps.ts";
import { shiftForDisplay } from "./display-shift.ts";
import { drawOrder, labelRank, layerDef } from "./layers/registry.ts";
import type { Theme } from "./theme.ts";
import { labelPoints } from "./label-anchor.ts";
import { LABEL_POINTS } from "./layers/draw.ts";

export interface MapLayerInput {
  id: string;
  kind: LayerKind;
  fc: FeatureCollection;
  visible: boolean;
  opacity: number;
  /** User-chosen colour (imported layers). */
  color?: string;
}

export interface MapInput {
  layers: MapLayerInput[];
  lang: Lang;
  theme: Theme;
  basemap: BasemapDef;
  basemapKey: string;
}

export interface MapData {
  geojson: Record<string, FeatureCollection>;
  raster: Record<string, RasterSourceSpecification>;
  layers: LayerSpecification[];
  /** Style layer ids per data layer id, for the test hook and for hit-testing. */
  styleLayerIds: Record<string, string[]>;
}

// Derived sources are memoized per data object so the bridge's reference check skips unchanged data.
const extrasCache = new WeakMap<FeatureCollection, Record<string, FeatureCollection>>();
function extraSources(kind: LayerKind, fc: FeatureCollection): Record<string, FeatureCollection> {
  let extras = extrasCache.get(fc);
  if (!extras) extrasCache.set(fc, (extras = layerDef(kind).extraSources?.(fc) ?? {}));
  return extras;
}

const labelPointsCache = new WeakMap<FeatureCollection, { layerId: string; points: FeatureCollection }>();
/** A layer's label points tagged with its id, memoized per data object. */
function labelPointsOf(fc: FeatureCollection, layerId: string, place?: (fc: FeatureCollection) => FeatureCollection): FeatureCollection {
  let hit = labelPointsCache.get(fc);
  if (hit?.layerId !== layerId) {
    // A kind's own placement (neighbour names next to Jiashan) is a point layer; labelPoints passes points through.
    labelPointsCache.set(fc, (hit = { layerId, points: labelPoints(place ? place(fc) : fc, { label_layer: layerId }) }));
  }
  return hit.points;
}


/** All layers' label points in one collection, the same object while no layer's points changed. */
let lastLabels: { parts: FeatureCollection[]; all: FeatureCollection } | null = null;
function allLabelPoints(parts: FeatureCollection[]): FeatureCollection {
  if (lastLabels?.parts.length !== parts.length || lastLabels.parts.some((p, i) => p !== parts[i])) {
    lastLabels = { parts, all: { type: "FeatureCollection", features: parts.flatMap((p) => p.features) } };
  }
  return lastLabels.all;
}
const geometryCache = new WeakMap<FeatureCollection, boolean>();
function hasGeometry(fc: FeatureCollection): boolean {
  let has = geometryCache.get(fc);
  if (has === undefined) geometryCache.set(fc, (has = fc.features.some((f) => f.geometry)));
  return has;
}

const slimCache = new WeakMap<FeatureCollection, FeatureCollection>();
/** The features with only `keys` in their properties (same object for the same input, for the bridge's reference check). */
export function withMapProperties(fc: FeatureCollection, keys: string[]): FeatureCollection {
  let slim = slimCache.get(fc);
  if (!slim) {
    slim = {
      type: "FeatureCollection",
      features: fc.features.map((f) => {
        const properties: Record<string, unknown> = {};
        for (const key of keys) {
          const value = f.properties?.[key];
          if (value !== undefined && Object.hasOwn(f.properties!, key)) properties[key] = typeof value === "object" && value !== null ? JSON.stringify(value) : value;
        }
        return { type: "Feature", geometry: f.geometry, properties };
      }),
    };
    slimCache.set(fc, slim);
  }
  return slim;
}

export function toMapData({ layers, lang, theme, basemap, basemapKey }: MapInput): MapData {
  const display = basemap.crs === "gcj02" ? shiftForDisplay : <T extends FeatureCollection>(fc: T) => fc;
  const geojson: Record<string, FeatureCollection> = {};
  const styleLayers: LayerSpecification[] = [{ id: "background", type: "background", paint: { "background-color": theme.paper } }];
  const styleLayerIds: Record<string, string[]> = {};
  styleLayers.push(...basemapLayers(basemap, basemapKey));

  const symbols: { spec: LayerSpecification; rank: number }[] = [];
  const labelParts: FeatureCollection[] = [];
  const ordered = layers
    .map((layer, index) => ({ layer, index }))
    .sort((a, b) => drawOrder(a.layer.kind) - drawOrder(b.layer.kind) || a.index - b.index);
  for (const { layer } of ordered) {
    const def = layerDef(layer.kind);
    // A layer without any geometry (the village list: names and codes, no coordinates) has nothing
    // to draw; leaving it out spares the map worker a source to parse and tile.
    if (!hasGeometry(layer.fc)) {
      styleLayerIds[layer.id] = [];
      continue;
    }
    const drawn = def.mapProperties ? withMapProperties(layer.fc, def.mapProperties) : layer.fc;
    geojson[layer.id] = display(drawn);
    for (const [suffix, extra] of Object.entries(extraSources(layer.kind, layer.fc))) {
      geojson[`${layer.id}:${suffix}`] = display(extra);
    }
    const specs = def.styleLayers({ sourceId: layer.id, lang, theme, opacity: layer.opacity, visible: layer.visible, ...(layer.color ? { color: layer.color } : {}) });
    if (specs.some((s) => "source" in s && s.source === LABEL_POINTS)) {
      labelParts.push(def.labelPoints ? labelPointsOf(layer.fc, layer.id, def.labelPoints) : labelPointsOf(drawn, layer.id));
    }
    styleLayerIds[layer.id] = specs.map((s) => s.id);
    styleLayers.push(...specs.filter((s) => s.type !== "symbol"));
    symbols.push(...specs.filter((s) => s.type === "symbol").map((spec) => ({ spec, rank: labelRank(layer.kind) })));
  }
  if (labelParts.length) geojson[LABEL_POINTS] = display(allLabelPoints(labelParts));
  // Labels and icons above all geometry, the most important on top (placed first, so never hidden).
  styleLayers.push(...symbols.sort((a, b) => a.rank - b.rank).map((s) => s.spec));
  return { geojson, raster: basemap.sources(basemapKey), layers: styleLayers, styleLayerIds };
}
