import type { Feature, FeatureCollection, Polygon, Position } from "geojson";
import type { LayerDef } from "./layer-def.ts";
import { fillPaint, km2, labelLayer, LINE_JOIN, linePaint, visibility } from "./draw.ts";

/** Everything outside the county, as one polygon: the world with the county's rings as holes. */
export function outsideMask(county: FeatureCollection): FeatureCollection<Polygon> {
  const holes: Position[][] = [];
  for (const f of county.features) {
    const g = f.geometry;
    if (g?.type === "Polygon") holes.push(g.coordinates[0]!);
    if (g?.type === "MultiPolygon") for (const p of g.coordinates) holes.push(p[0]!);
  }
  const world: Position[] = [[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]];
  const mask: Feature<Polygon> = { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [world, ...holes] } };
  return { type: "FeatureCollection", features: [mask] };
}

export const countyLayer: LayerDef = {
  kind: "county",
  group: "context",
  defaultVisible: true,
  searchable: true,
  extraSources: (fc) => ({ mask: outsideMask(fc) }),
  styleLayers: (ctx) => [
    {
      id: `${ctx.sourceId}-mask`, type: "fill", source: `${ctx.sourceId}:mask`, layout: { visibility: visibility(ctx) },
      paint: fillPaint(ctx.theme.mask, 0.55 * ctx.opacity),
    },
    {
      id: `${ctx.sourceId}-casing`, type: "line", source: ctx.sourceId, layout: { visibility: visibility(ctx), ...LINE_JOIN },
      paint: linePaint({ color: ctx.theme.halo, width: 6, opacity: 0.8 * ctx.opacity }),
    },
    {
      id: `${ctx.sourceId}-line`, type: "line", source: ctx.sourceId, layout: { visibility: visibility(ctx), ...LINE_JOIN },
      paint: linePaint({ color: ctx.theme.county, width: 2.5, opacity: ctx.opacity }),
    },
    labelLayer(ctx, { size: 18, color: ctx.theme.county, minzoom: 0 }),
  ],
  legend: (theme) => [{ label: { zh: "县界(由高德数据推导)", en: "County boundary (derived from AMap data)" }, swatch: { shape: "line", color: theme.county } }],
  cardFields: [
    { key: "code", label: { zh: "行政区划代码", en: "Admin code" } },
    { key: "official_area_km2", label: { zh: "官方面积", en: "Official area" }, format: km2 },
    { key: "computed_area_km2", label: { zh: "轮廓计算面积(椭球面)", en: "Area of outline (geodesic)" }, format: km2 },
  ],
};
