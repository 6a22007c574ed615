import { describe, expect, it } from "vitest";
import type { FeatureCollection } from "geojson";
import { LIGHT } from "../theme.ts";
import { basemapById } from "../basemaps.ts";
import { toMapData, withMapProperties } from "../to-map.ts";
import { importedLayer } from "./imported.layer.ts";

const hostile = JSON.parse(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[120.9,30.9]},
  "properties":{"id":"u-1","name":"<img src=x>","constructor":"x","__proto__":"p","nested":{"a":1},"status":"approximate"}}]}`) as FeatureCollection;

describe("imported layer on the map", () => {
  it("draws in the layer's own colour, falling back to the theme", () => {
    const ctx = { sourceId: "user-1", lang: "zh" as const, theme: LIGHT, opacity: 1, visible: true };
    const colours = (specs: ReturnType<typeof importedLayer.styleLayers>) => JSON.stringify(specs);
    expect(colours(importedLayer.styleLayers({ ...ctx, color: "#7c3aed" }))).toContain("#7c3aed");
    expect(colours(importedLayer.styleLayers(ctx))).toContain(LIGHT.imported);
    expect(colours(importedLayer.styleLayers(ctx))).not.toContain("#7c3aed");
  });

  it("sends only the styled properties to the map, memoized per data object", () => {
    const slim = withMapProperties(hostile, importedLayer.mapProperties!);
    expect(slim.features[0]!.properties).toEqual({ id: "u-1", name: "<img src=x>", status: "approximate" });
    expect(withMapProperties(hostile, importedLayer.mapProperties!)).toBe(slim);
    const data = toMapData({
      layers: [{ id: "user-1", kind: "imported", fc: hostile, visible: true, opacity: 1, color: "#be185d" }],
      lang: "zh", theme: LIGHT, basemap: basemapById("offline"), basemapKey: "",
    });
    expect(data.geojson["user-1"]).toBe(slim);
    expect(JSON.stringify(data.layers)).toContain("#be185d");
  });
});
