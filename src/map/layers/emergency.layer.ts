import type { ExpressionSpecification } from "maplibre-gl";
import type { LayerDef } from "./layer-def.ts";
import { circlePaint, HOVERED, IS_POINT, IS_UNCERTAIN, labelLayer, metres, SELECTED, visibility } from "./draw.ts";

const TIER_SIZE: ExpressionSpecification = ["match", ["get", "tier"], "county", 1.1, "town", 0.85, 0.6];

/** Icon per tier (square, circle, diamond), hollow when the location is assumed; drawn by icons.ts. */
const TIER_ICON: ExpressionSpecification = [
  "concat", "em:", ["coalesce", ["get", "tier"], "village"], ":", ["case", IS_UNCERTAIN, "hollow", "solid"],
];

export const emergencyLayer: LayerDef = {
  kind: "emergency",
  group: "thematic",
  defaultVisible: true,
  searchable: true,
  styleLayers: (ctx) => [
    {
      id: `${ctx.sourceId}-halo`, type: "circle", source: ctx.sourceId, filter: IS_POINT, layout: { visibility: visibility(ctx) },
      // Also the click target: icons are symbols, which hit-testing skips, so the halo is always there, just clear.
      paint: circlePaint({
        radius: ["case", SELECTED, 16, HOVERED, 14, 11],
        color: ctx.theme.highlight,
        opacity: ["case", ["any", SELECTED, HOVERED], 0.6 * ctx.opacity, 0],
      }),
    },
    {
      id: `${ctx.sourceId}-icon`, type: "symbol", source: ctx.sourceId, filter: IS_POINT,
      layout: { visibility: visibility(ctx), "icon-image": TIER_ICON, "icon-size": TIER_SIZE, "icon-allow-overlap": true, "icon-ignore-placement": true },
      paint: { "icon-opacity": ctx.opacity },
    },
    labelLayer(ctx, { size: 10, color: ctx.theme.emergencyCounty, minzoom: 11, offset: [0, 1.1] }),
  ],
  legend: (theme) => [
    { label: { zh: "县急救中心", en: "County emergency centre" }, swatch: { shape: "circle", color: theme.emergencyCounty, size: 12 } },
    { label: { zh: "镇急救分站", en: "Town sub-station" }, swatch: { shape: "circle", color: theme.emergencyTown, size: 9 } },
    { label: { zh: "村级急救哨点", en: "Village first-aid post" }, swatch: { shape: "circle", color: theme.emergencyVillage, size: 6 } },
    { label: { zh: "空心 = 位置为假定(驻地)", en: "Hollow = location assumed (at the seat)" }, swatch: { shape: "circle", color: theme.emergencyTown, hollow: true } },
  ],
  cardFields: [
    { key: "tier_zh", label: { zh: "层级", en: "Tier" } },
    { key: "tier", label: { zh: "层级(英)", en: "Tier (en)" } },
    { key: "service_radius_m", label: { zh: "服务半径", en: "Service radius" }, format: metres },
    { key: "radius_source", label: { zh: "半径依据", en: "Radius basis" } },
    { key: "placement", label: { zh: "选址说明", en: "Placement" } },
  ],
};
