import { describe, expect, it } from "vitest";
import type { PackageContent } from "../data/load-package.ts";
import { layerDef } from "../map/layers/registry.ts";
import { canShowPackage, packageLayerStates } from "./data-package.ts";

const layer = (id: string, kind: string) => ({
  meta: { id, kind, file: `${id}.geojson`, title: { zh: id, en: id }, geometry: "Polygon", status: "official", sources: [] },
  fc: { type: "FeatureCollection", features: [] },
});
const pkg = (...layers: ReturnType<typeof layer>[]) => ({ manifest: { name: "p", title: { zh: "p", en: "p" }, version: "1", crs: "EPSG:4326", layers: layers.map((l) => l.meta) }, layers }) as unknown as PackageContent;

describe("data package state", () => {
  it("shows a stored package only when this version knows every layer's kind", () => {
    expect(canShowPackage(pkg(layer("t", "towns"), layer("w", "water")))).toBe(true);
    expect(canShowPackage(pkg(layer("t", "towns"), layer("x", "teleports")))).toBe(false);
    expect(canShowPackage({ manifest: pkg().manifest, layers: [{ meta: layer("t", "towns").meta, fc: null }] } as unknown as PackageContent)).toBe(false);
  });

  it("turns package layers into layer state, visible by the kind's default or as asked", () => {
    const p = pkg(layer("t", "towns"), layer("v", "villages"));
    expect(packageLayerStates(p).map((l) => [l.id, l.kind, l.visible, l.opacity])).toEqual([
      ["t", "towns", layerDef("towns").defaultVisible, 1], ["v", "villages", layerDef("villages").defaultVisible, 1],
    ]);
    expect(packageLayerStates(p, (meta) => meta.id === "v").map((l) => l.visible)).toEqual([false, true]);
  });
});
