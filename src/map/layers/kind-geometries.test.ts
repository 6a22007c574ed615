/** What each layer kind draws: every geometry a kind accepts reaches the map, and no other. */
import { describe, expect, it } from "vitest";
import { featureFilter } from "@maplibre/maplibre-gl-style-spec";
import type { Feature, Geometry } from "geojson";
import type { FilterSpecification, LayerSpecification } from "maplibre-gl";
import { KIND_GEOMETRIES, LAYER_KINDS } from "../../data/types.ts";
import { basemapById } from "../basemaps.ts";
import { LIGHT } from "../theme.ts";
import { toMapData } from "../to-map.ts";
import { LABEL_POINTS } from "./draw.ts";

const [x, y] = [120.9, 30.85];
const SAMPLES: Record<"Point" | "LineString" | "Polygon", Geometry> = {
  Point: { type: "Point", coordinates: [x, y] },
  LineString: { type: "LineString", coordinates: [[x, y], [x + 0.02, y + 0.01]] },
  Polygon: { type: "Polygon", coordinates: [[[x, y], [x + 0.02, y], [x + 0.02, y + 0.02], [x, y + 0.02], [x, y]]] },
};
const TYPE_CODE = { Point: 1, MultiPoint: 1, LineString: 2, MultiLineString: 2, Polygon: 3, MultiPolygon: 3 } as const;

/** Style layers (not labels) that would draw at least one feature of their source at zoom 12. */
function drawnBy(kind: string, geometry: Geometry): string[] {
  const feature: Feature = {
    type: "Feature", id: "f1",
    properties: { id: "f1", name: "甲", name_en: "A", status: "approximate", source: "test", method: "test", accuracy_m: 100, tier: "village", zone_type: "platform" },
    geometry,
  };
  const data = toMapData({
    layers: [{ id: "x", kind: kind as never, fc: { type: "FeatureCollection", features: [feature] }, visible: true, opacity: 1 }],
    lang: "zh", theme: LIGHT, basemap: basemapById("offline"), basemapKey: "",
  });
  return data.layers.filter((layer: LayerSpecification) => {
    if (!("source" in layer) || layer.source === LABEL_POINTS) return false;
    if (layer.type === "symbol" && !(layer.layout as { "icon-image"?: unknown } | undefined)?.["icon-image"]) return false;
    // Which geometry types a style layer of this type can draw at all.
    const placement = (layer.layout as { "symbol-placement"?: string } | undefined)?.["symbol-placement"];
    const draws: number[] = layer.type === "fill" || layer.type === "fill-extrusion" ? [3] : layer.type === "line" ? [2, 3]
      : layer.type === "symbol" && placement && placement !== "point" ? [2, 3] : [1];
    const fc = data.geojson[layer.source as string];
    const test = featureFilter((layer as { filter?: FilterSpecification }).filter, `layers.${layer.id}.filter`);
    return (fc?.features ?? []).some((f) => f.geometry && draws.includes(TYPE_CODE[f.geometry.type as keyof typeof TYPE_CODE]) && test.filter({ zoom: 12 }, {
      type: TYPE_CODE[f.geometry.type as keyof typeof TYPE_CODE], properties: f.properties ?? {}, id: f.id,
    } as never));
  }).map((l) => l.id);
}

describe("what each kind draws", () => {
  for (const kind of LAYER_KINDS) {
    it(`${kind}: every geometry the validator accepts for it reaches the map`, () => {
      for (const type of KIND_GEOMETRIES[kind]) expect(drawnBy(kind, SAMPLES[type]), `${kind} / ${type}`).not.toEqual([]);
    });
  }

  it("draws nothing for the geometries it refuses, but for a county's mask, which would then cover the world", () => {
    const types = Object.keys(SAMPLES) as (keyof typeof SAMPLES)[];
    for (const kind of LAYER_KINDS.filter((k) => k !== "county")) {
      for (const type of types.filter((t) => !KIND_GEOMETRIES[kind].includes(t))) expect(drawnBy(kind, SAMPLES[type]), `${kind} / ${type}`).toEqual([]);
    }
    expect(drawnBy("county", SAMPLES.Point)).toEqual(["x-mask"]);
  });
});
