/**
 * The only module that touches MapLibre at runtime. It owns the map object and offers a small
 * interface: apply MapData (sources and style layers, reconciled), hover/selection through
 * feature-state, camera moves and events. Everything else talks to this, never to maplibre-gl.
 */
import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import type { FeatureCollection } from "geojson";
import type { IControl, LayerSpecification, RasterSourceSpecification } from "maplibre-gl";
import type { View } from "../state/permalink.ts";
import { GLYPHS_PROTOCOL, labelGlyphs, MAP_FONT_FACES, MAP_GLYPHS_URL } from "./fonts.bundle.ts";
import { rangeOfGlyphUrl } from "./glyph-pack.ts";
import { imageForId } from "./icons.ts";
import { PaintHold } from "./paint-hold.ts";
import type { MapData } from "./to-map.ts";

maplibregl.setWorkerUrl(workerUrl);

// Label glyph ranges come from the bundled glyph pack. A range it lacks fails, and MapLibre then
// draws those characters itself from the style's font-faces.
maplibregl.addProtocol(GLYPHS_PROTOCOL, async ({ url }) => {
  const range = rangeOfGlyphUrl(url);
  const pbf = range === null ? undefined : (await labelGlyphs()).get(range);
  if (!pbf) throw new Error(`no pre-rendered glyphs for ${url}`);
  return { data: pbf.slice().buffer };
});

/** Starts MapLibre's worker and the label glyphs' download now, so both are ready when data arrives. */
export function prewarmMap(): void {
  maplibregl.prewarm();
  void labelGlyphs().catch(() => undefined);
}

export interface FeatureHit {
  /** Data layer id (the source id without any ":suffix"). */
  layerId: string;
  featureId: string;
}

export interface BridgeEvents {
  hover(hit: FeatureHit | null): void;
  click(hit: FeatureHit | null): void;
  viewChanged(view: View): void;
  /** A raster basemap source failed to load tiles. */
  basemapError(sourceId: string, message: string): void;
}

const dataLayerOf = (sourceId: string) => sourceId.split(":")[0]!;
const NON_INTERACTIVE_SOURCE = /:mask$/;

/**
 * MapLibre draws a sky, a quad over the whole view, first in every frame. Our style always starts
 * with an opaque background that covers all of it, at any zoom and pitch (mercator, no terrain: a
 * browser test compares both), so it is never seen; on software WebGL it cost ~35 ms of each frame's
 * GPU-process time, and at start-up its own shader program (A/B, 13 loads each: idle 2072 → 1935 ms).
 * MapLibre has no option to leave it out, so this painter's draw function is replaced; if MapLibre's
 * internals differ, nothing is changed and the sky is drawn.
 */
function leaveOutSky(map: maplibregl.Map): void {
  const painter = (map as unknown as { painter?: { drawFunctions?: Record<string, unknown> } }).painter;
  if (typeof painter?.drawFunctions?.sky !== "function") return;
  // A copy: the functions object is shared by every map on the page.
  painter.drawFunctions = { ...painter.drawFunctions, sky: () => undefined };
}

export class MapBridge {
  readonly map: maplibregl.Map;
  private geojson = new Map<string, FeatureCollection>();
  private raster = new Map<string, string>();
  private layers = new Map<string, string>();
  private order: string[] = [];
  private interactive: string[] = [];
  private hovered: FeatureHit | null = null;
  private selected: FeatureHit | null = null;
  private highlighted: FeatureHit[] = [];
  readonly paintHold: PaintHold;

  constructor(container: HTMLElement, view: View, events: BridgeEvents, { preserveDrawingBuffer = false, drawSky = false } = {}) {
    this.map = new maplibregl.Map({
      container,
      center: view.center,
      zoom: view.zoom,
      bearing: view.bearing,
      pitch: view.pitch,
      maxPitch: 70,
      // Labels appear at once; the default 300 ms fade also delays the first idle.
      fadeDuration: 0,
      attributionControl: false,
      // CJK from the glyph pack (or the style's font-faces), never from whatever fonts the OS has.
      localIdeographFontFamily: false,
      // No multisampling: lines, circles and text antialias in their shaders and fill edges sit under
      // outlines, while on software WebGL (SwiftShader: headless, VMs, GPU-less projector PCs) 4×
      // MSAA made every frame ~40% slower (bench: 568 → 345 ms of GPU-process CPU per frame).
      canvasContextAttributes: { preserveDrawingBuffer, antialias: false },
      style: { version: 8, glyphs: MAP_GLYPHS_URL, "font-faces": MAP_FONT_FACES, sources: {}, layers: [] },
    });
    this.paintHold = new PaintHold(this.map);
    if (!drawSky) leaveOutSky(this.map);
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: true, showZoom: true, visualizePitch: true }), "top-right");
    this.map.addControl(new maplibregl.ScaleControl({ unit: "metric", maxWidth: 120 }), "bottom-right");
    this.map.setMissingStyleImageResolver((id) => {
      const image = imageForId(id);
      if (image && !this.map.hasImage(id)) this.map.addImage(id, image, { pixelRatio: image.pixelRatio });
    });
    this.map.on("mousemove", (e) => {
      const hit = this.hitTest(e.point);
      this.map.getCanvas().style.cursor = hit ? "pointer" : "";
      if (hit?.featureId !== this.hovered?.featureId || hit?.layerId !== this.hovered?.layerId) {
        this.setState(this.hovered, { hover: false });
        this.hovered = hit;
        this.setState(hit, { hover: true });
        events.hover(hit);
      }
    });
    this.map.on("mouseout", () => {
      this.setState(this.hovered, { hover: false });
      this.hovered = null;
      events.hover(null);
    });
    this.map.on("click", (e) => events.click(this.hitTest(e.point)));
    this.map.on("moveend", () => events.viewChanged(this.view()));
    this.map.on("error", (e) => {
      const sourceId = (e as { sourceId?: string }).sourceId;
      if (sourceId && this.raster.has(sourceId)) events.basemapError(sourceId, e.error?.message ?? "tile error");
    });
  }

  /**
   * Resolves once sources and layers can be added: when the style has been read, a frame after
   * construction. Waiting for `load` instead would wait for a first rendered frame as well.
   */
  styleReady(): Promise<void> {
    return new Promise((resolve) => (this.map.isStyleLoaded() ? resolve() : this.map.once("style.load", () => resolve())));
  }

  view(): View {
    const c = this.map.getCenter();
    return { center: [c.lng, c.lat], zoom: this.map.getZoom(), bearing: this.map.getBearing(), pitch: this.map.getPitch() };
  }

  /** Reconciles the map with `data`: only what changed is touched; GeoJSON is compared by reference. */
  apply(data: MapData): void {
    const style = this.map;
    let changes = 0;
    const wanted = new Map(data.layers.map((l) => [l.id, l]));
    for (const id of [...this.layers.keys()]) {
      const next = wanted.get(id);
      const prev = JSON.parse(this.layers.get(id)!) as LayerSpecification;
      if (!next || next.type !== prev.type || ("source" in next ? next.source : null) !== ("source" in prev ? prev.source : null)) {
        style.removeLayer(id);
        this.layers.delete(id);
        changes++;
      }
    }
    for (const id of [...this.geojson.keys()]) {
      if (!(id in data.geojson)) { style.removeSource(id); this.geojson.delete(id); changes++; }
    }
    for (const [id, json] of [...this.raster]) {
      const next = data.raster[id];
      if (!next || JSON.stringify(next) !== json) { style.removeSource(id); this.raster.delete(id); changes++; }
    }
    for (const [id, fc] of Object.entries(data.geojson)) {
      if (!this.geojson.has(id)) style.addSource(id, { type: "geojson", data: fc, promoteId: "id" });
      else if (this.geojson.get(id) !== fc) (style.getSource(id) as maplibregl.GeoJSONSource).setData(fc);
      else continue;
      changes++;
      this.geojson.set(id, fc);
    }
    for (const [id, spec] of Object.entries(data.raster) as [string, RasterSourceSpecification][]) {
      if (!this.raster.has(id)) { style.addSource(id, spec); this.raster.set(id, JSON.stringify(spec)); changes++; }
    }
    data.layers.forEach((spec, i) => {
      const json = JSON.stringify(spec);
      const prev = this.layers.get(spec.id);
      if (prev === undefined) {
        const before = data.layers.slice(i + 1).find((l) => this.layers.has(l.id))?.id;
        style.addLayer(spec, before);
        changes++;
      } else if (prev !== json) {
        this.updateLayer(JSON.parse(prev) as LayerSpecification, spec);
        changes++;
      }
      this.layers.set(spec.id, json);
    });
    const order = data.layers.map((l) => l.id);
    if (order.join("\n") !== this.currentOrder().join("\n")) {
      for (let i = order.length - 1; i >= 0; i--) style.moveLayer(order[i]!, order[i + 1]);
      changes++;
    }
    this.order = order;
    this.interactive = data.layers
      .filter((l) => "source" in l && typeof l.source === "string" && !l.source.startsWith("basemap-") && !NON_INTERACTIVE_SOURCE.test(l.source) && l.type !== "symbol")
      .map((l) => l.id);
    if (changes) this.paintHold.changed([...this.geojson.keys()]);
  }

  /** Our layers in the map's current order; others (deck.gl's layer groups) are left where they are. */
  private currentOrder(): string[] {
    return this.map.getStyle().layers.map((l) => l.id).filter((id) => this.layers.has(id));
  }

  private updateLayer(prev: LayerSpecification, next: LayerSpecification): void {
    const id = next.id;
    const p = prev as { layout?: Record<string, unknown>; paint?: Record<string, unknown>; filter?: unknown; minzoom?: number; maxzoom?: number };
    const n = next as typeof p;
    for (const key of new Set([...Object.keys(p.layout ?? {}), ...Object.keys(n.layout ?? {})])) {
      if (JSON.stringify(p.layout?.[key]) !== JSON.stringify(n.layout?.[key])) this.map.setLayoutProperty(id, key as never, n.layout?.[key] as never);
    }
    for (const key of new Set([...Object.keys(p.paint ?? {}), ...Object.keys(n.paint ?? {})])) {
      if (JSON.stringify(p.paint?.[key]) !== JSON.stringify(n.paint?.[key])) this.map.setPaintProperty(id, key as never, n.paint?.[key] as never);
    }
    if (JSON.stringify(p.filter) !== JSON.stringify(n.filter)) this.map.setFilter(id, n.filter as maplibregl.FilterSpecification);
    if (p.minzoom !== n.minzoom || p.maxzoom !== n.maxzoom) this.map.setLayerZoomRange(id, n.minzoom ?? 0, n.maxzoom ?? 24);
  }

  private hitTest(point: maplibregl.PointLike): FeatureHit | null {
    const layers = this.interactive.filter((id) => this.map.getLayoutProperty(id, "visibility") !== "none");
    if (!layers.length) return null;
    const [feature] = this.map.queryRenderedFeatures(point, { layers });
    if (!feature || feature.id === undefined) return null;
    return { layerId: dataLayerOf(feature.source), featureId: String(feature.id) };
  }

  /** Feature-state goes on the layer's main source and its derived ones (e.g. township seats). */
  private setState(hit: FeatureHit | null, state: Record<string, boolean>): void {
    if (!hit) return;
    for (const source of this.geojson.keys()) {
      if (dataLayerOf(source) === hit.layerId) this.map.setFeatureState({ source, id: hit.featureId }, state);
    }
  }

  select(hit: FeatureHit | null): void {
    const before = this.marked();
    this.selected = hit;
    this.remark(before);
  }

  /** Features drawn like the selection without a card of their own: all of a tour chapter's highlights. */
  highlight(hits: FeatureHit[]): void {
    const before = this.marked();
    this.highlighted = hits;
    this.remark(before);
  }

  /** Everything drawn as selected: the highlights and the selection. */
  private marked(): FeatureHit[] {
    return this.selected ? [...this.highlighted, this.selected] : [...this.highlighted];
  }

  /** Clears what is no longer marked (a feature both highlighted and selected stays), then marks what is new. */
  private remark(before: FeatureHit[]): void {
    const byKey = (hits: FeatureHit[]) => new Map(hits.map((hit) => [`${hit.layerId}\u0000${hit.featureId}`, hit]));
    const was = byKey(before);
    const is = byKey(this.marked());
    for (const [key, hit] of was) if (!is.has(key)) this.setState(hit, { selected: false });
    for (const [key, hit] of is) if (!was.has(key)) this.setState(hit, { selected: true });
  }

  flyTo(view: Partial<View> & { center: [number, number] }, { duration = 1800 } = {}): void {
    this.map.flyTo({ ...view, duration, essential: true });
  }

  fitBounds(bounds: [number, number, number, number], { padding = 60, maxZoom = 14, duration = 1200 } = {}): void {
    this.map.fitBounds([[bounds[0], bounds[1]], [bounds[2], bounds[3]]], { padding, maxZoom, duration });
  }

  /** Calls `listener` with the clicked position (WGS84 as displayed) on every map click; for what-if placement. */
  onMapClick(listener: (lngLat: [number, number]) => void): void {
    this.map.on("click", (e) => listener([e.lngLat.lng, e.lngLat.lat]));
  }

  addControl(control: IControl): void {
    // deck.gl's overlay repaints through the map: it must not wait for start-up's hold.
    this.paintHold.changed([]);
    this.map.addControl(control);
  }

  /** Style layer order as applied, for tests and deck.gl's beforeId. */
  layerOrder(): string[] {
    return [...this.order];
  }
}
