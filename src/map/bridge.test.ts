/** The bridge against a fake map (terra-draw's adapter-spec approach): only what changed is touched. */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { LayerSpecification } from "maplibre-gl";
import type { FeatureCollection } from "geojson";

const calls: string[] = [];

class FakeMap {
  layers: LayerSpecification[] = [];
  sources = new Map<string, unknown>();
  handlers = new Map<string, (e: unknown) => void>();
  constructor(_options: unknown) {}
  addControl() {}
  triggerRepaint() {}
  setMissingStyleImageResolver() {}
  on(type: string, fn: (e: unknown) => void) { this.handlers.set(type, fn); }
  getCanvas() { return { style: {} }; }
  addSource(id: string, spec: unknown) { calls.push(`addSource ${id}`); this.sources.set(id, spec); }
  removeSource(id: string) { calls.push(`removeSource ${id}`); this.sources.delete(id); }
  getSource(id: string) { return { setData: () => calls.push(`setData ${id}`) }; }
  addLayer(spec: LayerSpecification, before?: string) {
    calls.push(`addLayer ${spec.id}${before ? ` before ${before}` : ""}`);
    const i = before ? this.layers.findIndex((l) => l.id === before) : -1;
    if (i < 0) this.layers.push(spec); else this.layers.splice(i, 0, spec);
  }
  removeLayer(id: string) { calls.push(`removeLayer ${id}`); this.layers = this.layers.filter((l) => l.id !== id); }
  moveLayer(id: string, before?: string) {
    calls.push(`moveLayer ${id}`);
    const spec = this.layers.find((l) => l.id === id)!;
    this.layers = this.layers.filter((l) => l.id !== id);
    const i = before ? this.layers.findIndex((l) => l.id === before) : -1;
    if (i < 0) this.layers.push(spec); else this.layers.splice(i, 0, spec);
  }
  getStyle() { return { layers: this.layers }; }
  setLayoutProperty(id: string, key: string, value: unknown) { calls.push(`layout ${id} ${key}=${JSON.stringify(value)}`); }
  setPaintProperty(id: string, key: string, value: unknown) { calls.push(`paint ${id} ${key}=${JSON.stringify(value)}`); }
  setFilter(id: string) { calls.push(`filter ${id}`); }
  setLayerZoomRange(id: string) { calls.push(`zoom ${id}`); }
  setFeatureState(target: { source: string; id: string }, state: Record<string, boolean>) { calls.push(`state ${target.source}/${target.id} ${JSON.stringify(state)}`); }
}

vi.mock("maplibre-gl", () => ({
  Map: FakeMap, NavigationControl: class {}, ScaleControl: class {}, setWorkerUrl: () => undefined, addProtocol: () => undefined,
}));
vi.mock("maplibre-gl/dist/maplibre-gl-worker.mjs?url", () => ({ default: "worker.mjs" }));

const { MapBridge } = await import("./bridge.ts");

const fc = (): FeatureCollection => ({ type: "FeatureCollection", features: [] });
const line = (id: string, source: string, visibility: "visible" | "none" = "visible"): LayerSpecification =>
  ({ id, type: "line", source, layout: { visibility }, paint: { "line-color": "#000000" } });

function bridge() {
  const events = { hover: vi.fn(), click: vi.fn(), viewChanged: vi.fn(), basemapError: vi.fn() };
  return new MapBridge({} as HTMLElement, { center: [120.9, 30.85], zoom: 10, bearing: 0, pitch: 0 }, events);
}

describe("MapBridge.apply", () => {
  beforeEach(() => { calls.length = 0; });

  it("adds sources and layers once, then only sets what changed", () => {
    const b = bridge();
    const towns = fc();
    b.apply({ geojson: { towns }, raster: {}, layers: [line("towns-line", "towns")], styleLayerIds: {} });
    expect(calls).toEqual(["addSource towns", "addLayer towns-line"]);
    calls.length = 0;
    b.apply({ geojson: { towns }, raster: {}, layers: [line("towns-line", "towns")], styleLayerIds: {} });
    expect(calls).toEqual([]);
    b.apply({ geojson: { towns }, raster: {}, layers: [line("towns-line", "towns", "none")], styleLayerIds: {} });
    expect(calls).toEqual(['layout towns-line visibility="none"']);
  });

  it("sets data only when the collection object changes", () => {
    const b = bridge();
    b.apply({ geojson: { towns: fc() }, raster: {}, layers: [], styleLayerIds: {} });
    calls.length = 0;
    b.apply({ geojson: { towns: fc() }, raster: {}, layers: [], styleLayerIds: {} });
    expect(calls).toEqual(["setData towns"]);
  });

  it("removes layers before their sources, and keeps the requested order", () => {
    const b = bridge();
    const a = fc();
    const z = fc();
    b.apply({ geojson: { a, z }, raster: {}, layers: [line("a-line", "a"), line("z-line", "z")], styleLayerIds: {} });
    calls.length = 0;
    b.apply({ geojson: { z }, raster: {}, layers: [line("z-line", "z")], styleLayerIds: {} });
    expect(calls).toEqual(["removeLayer a-line", "removeSource a"]);
    b.apply({ geojson: { a, z }, raster: {}, layers: [line("a-line", "a"), line("z-line", "z")], styleLayerIds: {} });
    expect(b.layerOrder()).toEqual(["a-line", "z-line"]);
    expect(calls.at(-1)).toBe("addLayer a-line before z-line");
  });

  it("marks selection on the layer's main and derived sources", () => {
    const b = bridge();
    b.apply({ geojson: { towns: fc(), "towns:seats": fc(), zones: fc() }, raster: {}, layers: [], styleLayerIds: {} });
    calls.length = 0;
    b.select({ layerId: "towns", featureId: "t1" });
    expect(calls).toEqual(['state towns/t1 {"selected":true}', 'state towns:seats/t1 {"selected":true}']);
  });

  it("marks every highlighted feature, and a feature both highlighted and selected stays marked until both let go", () => {
    const b = bridge();
    b.apply({ geojson: { zones: fc(), water: fc() }, raster: {}, layers: [], styleLayerIds: {} });
    calls.length = 0;
    b.highlight([{ layerId: "zones", featureId: "z1" }, { layerId: "water", featureId: "w1" }]);
    expect(calls).toEqual(['state zones/z1 {"selected":true}', 'state water/w1 {"selected":true}']);
    calls.length = 0;
    b.select({ layerId: "zones", featureId: "z1" });
    expect(calls).toEqual([]); // already drawn as selected
    b.highlight([]);
    expect(calls).toEqual(['state water/w1 {"selected":false}']);
    calls.length = 0;
    b.select(null);
    expect(calls).toEqual(['state zones/z1 {"selected":false}']);
  });
});

describe("MapBridge and start-up's paint hold", () => {
  it("arms it with the first GeoJSON, not with a change that touches nothing, and lets go for a control", () => {
    const b = bridge();
    const data = { geojson: { towns: fc() }, raster: {}, layers: [line("towns-line", "towns")], styleLayerIds: {} };
    b.apply(data);
    b.apply(data);
    expect(b.paintHold.outcome()).toBeNull();
    b.addControl({ onAdd: () => ({}) as HTMLElement, onRemove: () => undefined });
    expect(b.paintHold.outcome()?.endedBy).toBe("changed");
  });
});
