/**
 * The load benchmark's floor: MapLibre alone, same view and options as the app, one background
 * layer, no data and no UI. What the app takes beyond this is what the app itself costs.
 */
import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import { DEFAULT_VIEW } from "../../src/state/app-state.ts";
import { LIGHT } from "../../src/map/theme.ts";

maplibregl.setWorkerUrl(workerUrl);
const map = new maplibregl.Map({
  container: "map", center: DEFAULT_VIEW.center, zoom: DEFAULT_VIEW.zoom, fadeDuration: 0, attributionControl: false,
  style: { version: 8, sources: {}, layers: [{ id: "background", type: "background", paint: { "background-color": LIGHT.paper } }] },
});
// The same hook shape as the app's, so the benchmark waits for idle the same way.
(window as unknown as { __atlas: unknown }).__atlas = { map, layers: [{ id: "background" }] };
