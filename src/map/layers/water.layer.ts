import type { LayerDef } from "./layer-def.ts";
import { IS_LINE, km2, labelLayer, lineLayers, list, pointLayers, polygonLayers } from "./draw.ts";

export const waterLayer: LayerDef = {
  kind: "water",
  group: "thematic",
  defaultVisible: true,
  searchable: true,
  styleLayers: (ctx) => [
    ...polygonLayers(ctx, ctx.theme.water, { fillOpacity: 0.45, lineWidth: 1 }),
    ...lineLayers(ctx, ctx.theme.water, { width: 3 }),
    ...pointLayers(ctx, ctx.theme.water, { radius: 5 }),
    labelLayer(ctx, { id: "line-label", size: 12, color: ctx.theme.water, filter: IS_LINE, placement: "line" }),
    labelLayer(ctx, { id: "label", size: 12, color: ctx.theme.water }),
  ],
  legend: (theme) => [
    { label: { zh: "跨界河道(示意走向)", en: "Cross-border river (schematic course)" }, swatch: { shape: "line", color: theme.water, dashed: true } },
    { label: { zh: "跨界湖荡(示意形状)", en: "Cross-border lake (schematic shape)" }, swatch: { shape: "fill", color: theme.water, hatched: true, dashed: true } },
  ],
  cardFields: [
    { key: "jurisdictions", label: { zh: "涉及行政区", en: "Jurisdictions" }, format: list },
    { key: "jurisdictions_en", label: { zh: "涉及行政区(英)", en: "Jurisdictions (en)" }, format: list },
    { key: "touches_jiashan", label: { zh: "与嘉善相接", en: "Touches Jiashan" } },
    { key: "role", label: { zh: "治理角色", en: "Role" } },
    { key: "length_km", label: { zh: "长度(公里)", en: "Length (km)" } },
    { key: "area_km2", label: { zh: "水面面积", en: "Water area" }, format: km2 },
  ],
};
