import type { FeatureCollection, Point } from "geojson";
import type { LayerDef } from "./layer-def.ts";
import { labelLayer, polygonLayers } from "./draw.ts";

/** One label point per province, at the middle of its neighbouring districts' bounding boxes. */
export function provinceLabels(fc: FeatureCollection): FeatureCollection<Point> {
  const byProvince = new Map<string, { en: string; xs: number[]; ys: number[] }>();
  for (const f of fc.features) {
    const province = String(f.properties?.province ?? "");
    if (!province || !f.geometry) continue;
    const entry = byProvince.get(province) ?? { en: String(f.properties?.province_en ?? province), xs: [], ys: [] };
    const walk = (c: unknown): void => {
      if (Array.isArray(c) && typeof c[0] === "number") { entry.xs.push(c[0] as number); entry.ys.push(c[1] as number); }
      else if (Array.isArray(c)) c.forEach(walk);
    };
    if ("coordinates" in f.geometry) walk(f.geometry.coordinates);
    byProvince.set(province, entry);
  }
  const mid = (v: number[]) => (Math.min(...v) + Math.max(...v)) / 2;
  return {
    type: "FeatureCollection",
    features: [...byProvince].map(([zh, { en, xs, ys }]) => ({
      type: "Feature", properties: { name: zh, name_en: en }, geometry: { type: "Point", coordinates: [mid(xs), mid(ys)] },
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
