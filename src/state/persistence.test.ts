import { describe, expect, it } from "vitest";
import type { LayerState } from "./app-state.ts";
import { fromStored, settingsOf, toStored } from "./persistence.ts";

const fc = { type: "FeatureCollection" as const, features: [{ type: "Feature" as const, geometry: { type: "Point" as const, coordinates: [120.9, 30.9] }, properties: { id: "a" } }] };
const raw = { type: "FeatureCollection" as const, features: [{ type: "Feature" as const, geometry: { type: "Point" as const, coordinates: [40500000, 3420000] }, properties: {} }] };
const user = (id: string, extra: Partial<LayerState> = {}): LayerState => ({
  id, kind: "imported", title: { zh: `图层${id}`, en: `layer ${id}` }, meta: null, fc, visible: false, opacity: 0.4, color: "#7c3aed",
  user: { provenance: { source: "a.zip", method: "m", accuracy_m: 1, status: "approximate" }, fileName: "a.zip", raw, notes: [{ zh: "甲", en: "a" }] },
  ...extra,
});

describe("persistence serialisation", () => {
  it("round-trips user layers with settings, order, provenance and raw coordinates", () => {
    const layers = [user("user-2"), user("user-1", { color: undefined })];
    const stored = layers.map((l, i) => toStored(l, i));
    expect(stored[0]!.layer).not.toHaveProperty("fc");
    expect(stored[0]!.layer.user).not.toHaveProperty("raw");
    expect(stored[0]!.data.raw).toBe(raw);
    const back = fromStored(stored.map((s) => s.layer).reverse(), stored.map((s) => s.data));
    expect(back).toEqual(layers.map((l) => (l.color ? l : (({ color: _c, ...rest }) => rest)(l))));
    expect(back.map((l) => l.id)).toEqual(["user-2", "user-1"]);
  });

  it("is JSON-safe (what IndexedDB's structured clone needs) and skips layers whose data is missing", () => {
    const { layer, data } = toStored(user("user-1"), 0);
    expect(JSON.parse(JSON.stringify({ layer, data }))).toEqual({ layer, data });
    expect(fromStored([layer], [])).toEqual([]);
  });

  it("keeps language and basemap as settings", () => {
    expect(settingsOf("en", "osm")).toEqual({ lang: "en", basemap: "osm" });
  });
});
