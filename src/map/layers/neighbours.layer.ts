import type { FeatureCollection, Point } from "geojson";
import { bboxOf, type BBox } from "../../data/bbox.ts";
import type { LayerDef } from "./layer-def.ts";
import { labelLayer, polygonLayers } from "./draw.ts";

/** One label point per province, at the middle of its neighbouring districts' combined bounding box. */
export function provinceLabels(fc: FeatureCollection): FeatureCollection<Point> {
  const byProvince = new Map<string, { en: string; box: BBox }>();
  for (const f of fc.features) {
    const province = String(f.properties?.province ?? "");
    const box = bboxOf(f.geometry);
    if (!province || !box) continue;
    const prev = byProvince.get(province)?.box;
    const merged: BBox = prev ? [Math.min(prev[0], box[0]), Math.min(prev[1], box[1]), Math.max(prev[2], box[2]), Math.max(prev[3], box[3])] : box;
    byProvince.set(province, { en: String(f.properties?.province_en ?? province), box: merged });
  }
  return {
    type: "FeatureCollection",
    features: [...byProvince].map(([zh, { en, box }]) => ({
      type: "Feature", properties: { name: zh, name_en: en }, geometry: { type: "Point", coordinates: [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2] },
    })),
  };
}

export const neighboursLayer: LayerDef = {
  kind: "neighbours",
  group: "context",
  defaultVisible: true,
  searchable: true,
  extraSources: (fc) => ({ provinces: provinceLabels(fc) }),
  styleLayers: (ctx) => [
    ...polygonLayers(ctx, ctx.theme.neighbourLabel, { fillOpacity: 0.12, lineWidth: 1 }),
    labelLayer(ctx, { size: 13, color: ctx.theme.neighbourLabel }),
    { ...labelLayer(ctx, { id: "province", size: 22, color: ctx.theme.provinceLabel }, `${ctx.sourceId}:provinces`), maxzoom: 10 },
  ],
  legend: (theme) => [{ label: { zh: "相邻区县", en: "Neighbouring districts" }, swatch: { shape: "fill", color: theme.neighbourLabel } }],
  cardFields: [
    { key: "code", label: { zh: "行政区划代码", en: "Admin code" } },
    { key: "province", label: { zh: "省级", en: "Province" } },
  ],
};
