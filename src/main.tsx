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
  basemap, basemapError, DEFAULT_VIEW, hovered, lang, layers, loadError, select, setLayers, view,
} from "./state/app-state.ts";
import { cameraRequest } from "./state/camera.ts";
import { parseUrlState } from "./state/permalink.ts";
import { basemapById, type BasemapId } from "./map/basemaps.ts";
import { MapBridge, prewarmMap } from "./map/bridge.ts";
import { wireCamera, wireMap } from "./map/wire.ts";
import { wireStory } from "./story/wire-story.ts";
import { translate } from "./i18n/strings.ts";
import { loadSavedWork, onDatabaseBlocked, savePackage, startAutosave, type SavedWork } from "./state/persistence.ts";
import { drawMode } from "./state/user-data.ts";
import { canShowPackage, showPackage } from "./state/data-package.ts";
import { wireDrawing } from "./map/draw/wire-draw.ts";
import { saveError, savedWorkBlocked } from "./ui/import/import-state.ts";
import { registerUiFont } from "./map/fonts.bundle.ts";

const url = parseUrlState(location.search);
/** Test-only switches (`?capture`, `?sky`), which the permalink does not keep. */
const debugFlags = new URLSearchParams(location.search);
batch(() => {
  if (url.lang) lang.value = url.lang;
  if (url.view) view.value = url.view;
  if (url.basemap) basemap.value = basemapById(url.basemap).id;
});

effect(() => {
  document.documentElement.lang = lang.value === "zh" ? "zh-CN" : "en";
  document.title = translate("app.title", lang.value);
});

// Data first: its requests and the user's saved work load while the UI renders.
const builtinPackage = loadBuiltinPackage();
builtinPackage.catch(() => undefined); // reported in start() when it is the package shown
/** The user's saved work; a missing or blocked database (private mode) just means nothing to restore. */
onDatabaseBlocked(() => (savedWorkBlocked.value = true));
const savedWork: Promise<SavedWork> = loadSavedWork().catch((err: unknown) => {
  saveError.value = err instanceof Error ? err.message : String(err);
  return { layers: [], settings: undefined };
});
prewarmMap();

// The map before the UI: its WebGL context and first frame are the longest part of start-up.
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
}, {
  preserveDrawingBuffer: debugFlags.has("capture"),
  // `?sky` draws MapLibre's sky after all, to show that leaving it out changes nothing on screen.
  drawSky: debugFlags.has("sky"),
});

registerUiFont();

/**
 * The UI renders once, with the data: rendered before it, the panel was laid out and painted twice
 * in the first second, and on software WebGL each full-page paint is ~0.1 s of the GPU process that
 * also starts the map (A/B, 11 loads twice: idle −133 and −121 ms). Should the data be slow (a
 * stalled IndexedDB), the UI comes anyway after UI_AT_THE_LATEST_MS, and fills in when it arrives.
 */
const UI_AT_THE_LATEST_MS = 1500;
let uiRendered = false;
function renderUi(): void {
  if (uiRendered) return;
  uiRendered = true;
  render(<App />, document.getElementById("ui")!);
}
setTimeout(renderUi, UI_AT_THE_LATEST_MS);

/**
 * Hands the data to the map as soon as both are ready. A package that fails to load is reported;
 * the map still starts, for the user's own data.
 */
async function start(): Promise<void> {
  const saved = await savedWork;
  savedWorkBlocked.value = false;
  // A package the user chose in place of the built-in one stays until they restore the built-in one;
  // one this version cannot show (a kind it no longer knows) is forgotten, with a message.
  let replacement = saved.package;
  if (replacement && !canShowPackage(replacement)) {
    loadError.value = translate("package.unusable", lang.peek()).replace("{file}", replacement.fileName);
    replacement = undefined;
    void savePackage(null).catch(() => undefined);
  }
  const pkg = replacement ?? await builtinPackage.catch((err: unknown) => {
    loadError.value = err instanceof Error ? err.message : String(err);
    return null;
  });
  await bridge.styleReady();
  const visibleFromUrl = url.layers ? new Set(url.layers) : null;
  batch(() => {
    if (pkg) showPackage(pkg, replacement ? { fileName: replacement.fileName, kept: true } : null, visibleFromUrl ? (meta) => visibleFromUrl.has(meta.id) : undefined);
    setLayers(layers.peek().concat(saved.layers));
    // The URL wins over saved settings, so a shared link shows what its sender saw.
    if (saved.settings && !url.lang) lang.value = saved.settings.lang;
    if (saved.settings && !url.basemap) basemap.value = basemapById(saved.settings.basemap).id;
  });
  renderUi();
  startAutosave((message) => (saveError.value = message));
  wireMap(bridge);
  wireCamera(bridge, cameraRequest);
  wireStory({ startAtChapter: url.present, highlight: (hits) => bridge.highlight(hits) });
  wireDrawing(bridge);
  if (url.selected) {
    const layer = layers.value.find((l) => l.fc.features.some((f) => String(f.properties?.id) === url.selected));
    if (layer) select({ layerId: layer.id, featureId: url.selected });
  }
}

start().catch((err: unknown) => {
  loadError.value = err instanceof Error ? err.message : String(err);
}).finally(renderUi);
