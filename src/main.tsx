/**
 * Start-up: read the URL, create the map, load the data package, then hand over to the signals.
 * The map is created outside Preact so components only render.
 */
import { render } from "preact";
import { batch, effect } from "@preact/signals";
import "@fontsource/noto-sans-sc/400.css";
import "./ui/app.css";
import { App } from "./ui/App.tsx";
import { loadBuiltinPackage } from "./data/builtin-package.ts";
import {
  basemap, basemapError, DEFAULT_VIEW, hovered, lang, layers, loadError, manifest, select, setLayers, view, type LayerState,
} from "./state/app-state.ts";
import { cameraRequest } from "./state/camera.ts";
import { parseUrlState } from "./state/permalink.ts";
import { layerDef } from "./map/layers/registry.ts";
import { basemapById, type BasemapId } from "./map/basemaps.ts";
import { MapBridge } from "./map/bridge.ts";
import { wireCamera, wireMap } from "./map/wire.ts";
import { wireStory } from "./story/wire-story.ts";
import { translate } from "./i18n/strings.ts";
import { loadSavedWork, startAutosave } from "./state/persistence.ts";
import { drawMode } from "./state/user-data.ts";
import { wireDrawing } from "./map/draw/wire-draw.ts";
import { saveError } from "./ui/import/import-state.ts";

const url = parseUrlState(location.search);
batch(() => {
  if (url.lang) lang.value = url.lang;
  if (url.view) view.value = url.view;
  if (url.basemap) basemap.value = basemapById(url.basemap).id;
});

effect(() => {
  document.documentElement.lang = lang.value === "zh" ? "zh-CN" : "en";
  document.title = translate("app.title", lang.value);
});

render(<App />, document.getElementById("ui")!);

const bridge = new MapBridge(document.getElementById("map")!, url.view ?? DEFAULT_VIEW, {
  hover: (hit) => (hovered.value = hit),
  // While a drawing tool is active, clicks place vertices rather than open cards.
  click: (hit) => { if (!drawMode.peek() || drawMode.peek() === "select") select(hit); },
  viewChanged: (v) => (view.value = v),
  basemapError: (sourceId) => {
    if (basemap.peek() === "offline") return;
    const failed = basemapById(basemap.peek());
    batch(() => {
      basemapError.value = `${translate(failed.label, lang.peek())} (${sourceId})`;
      basemap.value = "offline" as BasemapId;
    });
  },
}, { preserveDrawingBuffer: new URLSearchParams(location.search).has("capture") });

const mapLoaded = new Promise<void>((resolve) => bridge.map.once("load", () => resolve()));

/** The user's saved work; a missing or blocked database (private mode) just means nothing to restore. */
const savedWork = loadSavedWork().catch((err: unknown) => {
  saveError.value = err instanceof Error ? err.message : String(err);
  return { layers: [], settings: undefined };
});

loadBuiltinPackage()
  .then(async (pkg) => {
    await mapLoaded;
    const saved = await savedWork;
    const visibleFromUrl = url.layers ? new Set(url.layers) : null;
    batch(() => {
      manifest.value = pkg.manifest;
      setLayers(pkg.layers.map(({ meta, fc }): LayerState => ({
        id: meta.id,
        kind: meta.kind,
        title: meta.title,
        meta,
        fc,
        visible: visibleFromUrl ? visibleFromUrl.has(meta.id) : layerDef(meta.kind).defaultVisible,
        opacity: 1,
      })).concat(saved.layers));
      // The URL wins over saved settings, so a shared link shows what its sender saw.
      if (saved.settings && !url.lang) lang.value = saved.settings.lang;
      if (saved.settings && !url.basemap) basemap.value = basemapById(saved.settings.basemap).id;
    });
    startAutosave((message) => (saveError.value = message));
    wireMap(bridge);
    wireCamera(bridge, cameraRequest);
    wireStory({ startAtChapter: url.present });
    wireDrawing(bridge);
    if (url.selected) {
      const layer = layers.value.find((l) => l.fc.features.some((f) => String(f.properties?.id) === url.selected));
      if (layer) select({ layerId: layer.id, featureId: url.selected });
    }
  })
  .catch((err: unknown) => {
    loadError.value = err instanceof Error ? err.message : String(err);
  });
