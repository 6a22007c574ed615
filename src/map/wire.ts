/**
 * The one place where state meets the map: effects that push toMapData(state) into the bridge,
 * mirror selection into feature-state, keep the URL current and expose the test hook.
 */
import { effect } from "@preact/signals";
import type { Geometry, FeatureCollection } from "geojson";
import {
  basemap, deckOverlays, lang, layers, select, selected, tiandituKey, view,
} from "../state/app-state.ts";
import { parseUrlState, serializeUrlState } from "../state/permalink.ts";
import { analysisMapClick, analysisOverlay } from "../state/analysis-view.ts";
import { basemapById, drawsInGcj02 } from "./basemaps.ts";
import type { MapBridge } from "./bridge.ts";
import { overlayForDisplay, pointFromDisplay, shiftForDisplay } from "./display-shift.ts";
import { LIGHT } from "./theme.ts";
import { toMapData } from "./to-map.ts";

export interface AtlasTestHook {
  map: MapBridge["map"];
  readonly layers: { id: string; kind: string; visible: boolean; styleLayerIds: string[] }[];
  [key: string]: unknown;
}

declare global {
  interface Window { __atlas?: AtlasTestHook }
}

export function wireMap(bridge: MapBridge): void {
  let styleLayerIds: Record<string, string[]> = {};
  window.__atlas = {
    map: bridge.map,
    get layers() {
      return layers.value.map((l) => ({ id: l.id, kind: l.kind, visible: l.visible, styleLayerIds: styleLayerIds[l.id] ?? [] }));
    },
    /** How start-up's paint hold went (map/paint-hold.ts). */
    get startupPaint() {
      return bridge.paintHold.outcome();
    },
  };

  effect(() => {
    const def = basemapById(basemap.value);
    const key = tiandituKey.value;
    const active = def.needsKey && !key ? basemapById("offline") : def;
    const data = toMapData({
      layers: layers.value.map((l) => ({ id: l.id, kind: l.kind, fc: l.fc as FeatureCollection, visible: l.visible, opacity: l.opacity, color: l.color })),
      lang: lang.value,
      theme: LIGHT,
      basemap: active,
      basemapKey: key,
    });
    styleLayerIds = data.styleLayerIds;
    bridge.apply(data);
  });

  effect(() => bridge.select(selected.value));

  // Selecting something that is hidden or gone clears the card rather than pointing at nothing.
  effect(() => {
    const sel = selected.peek();
    const layer = layers.value.find((l) => l.id === sel?.layerId);
    if (sel && (!layer || !layer.visible)) select(null);
  });

  effect(() => {
    const visible = layers.value.filter((l) => l.visible && l.kind !== "imported").map((l) => l.id);
    const url = serializeUrlState({
      lang: lang.value, view: view.value, layers: visible, selected: selected.value?.featureId, basemap: basemap.value,
      // The tour owns `present` (it follows the chapter); keep whatever it wrote.
      present: parseUrlState(location.search).present,
    });
    if (url !== location.search) history.replaceState(null, "", `${location.pathname}${url}${location.hash}`);
  });

  // What-if stations are placed where the user clicked on the tiles they see, stored in WGS84.
  bridge.onMapClick((lngLat) => analysisMapClick(drawsInGcj02(basemap.peek()) ? pointFromDisplay(lngLat) : lngLat));
  wireDeck(bridge);
}

/**
 * Loads deck.gl on first use of a 3D, ring or analysis overlay, then keeps its layers in step with
 * state (rings and extrusion from the layer panel, analysis results from the analysis panel).
 */
function wireDeck(bridge: MapBridge): void {
  let deck: Promise<{
    overlay: import("./deck/deck-overlay.ts").DeckOverlay;
    factories: typeof import("./deck/deck-layers.ts");
    analysis: typeof import("./deck/analysis-layers.ts");
  }> | null = null;
  effect(() => {
    const { stationRings, zoneExtrusion } = deckOverlays.value;
    const results = analysisOverlay.value;
    const all = layers.value;
    const gcj = drawsInGcj02(basemap.value);
    if (!stationRings && !zoneExtrusion && !results && !deck) return;
    deck ??= Promise.all([import("./deck/deck-overlay.ts"), import("./deck/deck-layers.ts"), import("./deck/analysis-layers.ts")]).then(([o, factories, analysis]) => ({
      overlay: o.createDeckOverlay(bridge), factories, analysis,
    }));
    void deck.then(({ overlay, factories, analysis }) => {
      const display = (fc: FeatureCollection<Geometry | null>) => (gcj ? shiftForDisplay(fc as FeatureCollection) : fc) as FeatureCollection<Geometry | null>;
      const emergency = all.find((l) => l.kind === "emergency" && l.visible);
      const zones = all.find((l) => l.kind === "zones" && l.visible);
      const firstLabel = bridge.layerOrder().find((id) => id.endsWith("-label"));
      const deckLayers = [
        ...(stationRings && emergency ? [factories.stationRingsLayer(factories.stationsOf(display(emergency.fc)), firstLabel)] : []),
        ...(zoneExtrusion && zones ? [factories.zoneExtrusionLayer(factories.extrudedZonesOf(display(zones.fc)))] : []),
        ...analysis.analysisLayers(overlayForDisplay(results, gcj), firstLabel),
      ];
      overlay.setLayers(deckLayers);
      if (window.__atlas) window.__atlas["deckLayerIds"] = deckLayers.map((l) => l.id);
    }).catch((err: unknown) => console.error("deck.gl overlay failed:", err));
  });
}

/** Flies wherever state asks (search results, tour chapters). */
export function wireCamera(bridge: MapBridge, request: typeof import("../state/camera.ts").cameraRequest): void {
  effect(() => {
    const r = request.value;
    if (!r) return;
    if (r.kind === "bounds") bridge.fitBounds(r.bbox, { maxZoom: r.maxZoom ?? 14 });
    else bridge.flyTo(r.view, { duration: r.durationMs ?? 1800 });
  });
}
