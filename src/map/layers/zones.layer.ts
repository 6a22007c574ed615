import type { ExpressionSpecification } from "maplibre-gl";
import type { LayerDef } from "./layer-def.ts";
import { IS_POLYGON, IS_UNCERTAIN, km2, LABEL_OF_POINT, LABEL_OF_POLYGON, labelLayer, LINE_JOIN, linePaint, pointLayers, polygonLayers, visibility } from "./draw.ts";

/** County-scale areas (the demonstration zone, its pilot area) are outlined only, so they do not bury the rest. */
const IS_REGIONAL: ExpressionSpecification = ["==", ["get", "zone_type"], "demonstration-zone"];

export const zonesLayer: LayerDef = {
  kind: "zones",
  group: "thematic",
  defaultVisible: true,
  searchable: true,
  styleLayers: (ctx) => [
    {
      id: `${ctx.sourceId}-regional`, type: "line", source: ctx.sourceId, filter: ["all", IS_POLYGON, IS_REGIONAL],
      layout: { visibility: visibility(ctx), ...LINE_JOIN },
      paint: linePaint({ color: ctx.theme.regional, width: 3, hoverWidth: 5, opacity: 0.8 * ctx.opacity, dashed: IS_UNCERTAIN, dashPattern: [4, 2], offset: 2 }),
    },
    ...polygonLayers(ctx, ctx.theme.zones, { fillOpacity: 0.2, hatchOpacity: 0.45, filter: ["all", IS_POLYGON, ["!", IS_REGIONAL]] }),
    ...pointLayers(ctx, ctx.theme.zones, { radius: 6 }),
    labelLayer(ctx, { size: 11, color: ctx.theme.zones, minzoom: 10, filter: LABEL_OF_POLYGON }),
    labelLayer(ctx, { id: "point-label", size: 11, color: ctx.theme.zones, minzoom: 10, filter: LABEL_OF_POINT, offset: [0, 0.8] }),
  ],
  legend: (theme) => [
    { label: { zh: "开发区与平台(示意范围)", en: "Zone or platform (schematic extent)" }, swatch: { shape: "fill", color: theme.zones, hatched: true, dashed: true } },
    { label: { zh: "一体化示范区及先行启动区(仅边线)", en: "Demonstration zone and pilot area (outline only)" }, swatch: { shape: "line", color: theme.regional } },
    { label: { zh: "平台(位置近似)", en: "Platform (approximate location)" }, swatch: { shape: "circle", color: theme.zones, hollow: true } },
  ],
  cardFields: [
    { key: "level_zh", label: { zh: "级别", en: "Level" } },
    { key: "level", label: { zh: "级别(英)", en: "Level (en)" } },
    { key: "zone_type", label: { zh: "类型", en: "Type" } },
    { key: "year", label: { zh: "设立年份", en: "Year" }, format: (v) => String(v ?? "—") }, // 2019, not 2,019
    { key: "official_area_km2", label: { zh: "官方面积", en: "Official area" }, format: km2 },
    { key: "official_area_source", label: { zh: "面积来源", en: "Area source" } },
    { key: "official_area_note", label: { zh: "面积说明", en: "Area note" } },
    { key: "township", label: { zh: "所在镇街", en: "Township" } },
  ],
};
