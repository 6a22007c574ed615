/**
 * Building blocks shared by the layer modules: polygons, lines, points and labels, each drawn so
 * that `schematic` and `approximate` features look different (hatched fills, dashed lines,
 * hollow symbols) and hover/selection show through feature-state.
 */
import type { ExpressionSpecification, LayerSpecification } from "maplibre-gl";
import { MAP_FONT } from "../theme.ts";
import type { StyleContext } from "./layer-def.ts";

export const IS_UNCERTAIN: ExpressionSpecification = ["in", ["get", "status"], ["literal", ["schematic", "approximate"]]];
export const IS_POLYGON: ExpressionSpecification = ["in", ["geometry-type"], ["literal", ["Polygon", "MultiPolygon"]]];
export const IS_LINE: ExpressionSpecification = ["in", ["geometry-type"], ["literal", ["LineString", "MultiLineString"]]];
export const IS_POINT: ExpressionSpecification = ["in", ["geometry-type"], ["literal", ["Point", "MultiPoint"]]];
const HOVERED: ExpressionSpecification = ["boolean", ["feature-state", "hover"], false];
const SELECTED: ExpressionSpecification = ["boolean", ["feature-state", "selected"], false];

export const visibility = (ctx: StyleContext) => (ctx.visible ? "visible" : "none") as "visible" | "none";

export function nameField(ctx: StyleContext): ExpressionSpecification {
  return ctx.lang === "zh" ? ["get", "name"] : ["coalesce", ["get", "name_en"], ["get", "name"]];
}

/** The hatch image id for a colour; icons.ts draws it on demand. */
export const hatchImage = (color: string) => `hatch:${color}`;

export function polygonLayers(
  ctx: StyleContext,
  color: string,
  { fillOpacity = 0.18, hatchOpacity = 0.55, lineWidth = 1.5, filter = IS_POLYGON }: { fillOpacity?: number; hatchOpacity?: number; lineWidth?: number; filter?: ExpressionSpecification } = {},
): LayerSpecification[] {
  const { sourceId, opacity } = ctx;
  const layout = { visibility: visibility(ctx) };
  const certain: ExpressionSpecification = ["all", filter, ["!", IS_UNCERTAIN]];
  const uncertain: ExpressionSpecification = ["all", filter, IS_UNCERTAIN];
  return [
    {
      id: `${sourceId}-fill`, type: "fill", source: sourceId, filter: certain, layout,
      paint: { "fill-color": color, "fill-opacity": ["case", HOVERED, Math.min(1, fillOpacity * 2.2) * opacity, fillOpacity * opacity] },
    },
    {
      id: `${sourceId}-hatch`, type: "fill", source: sourceId, filter: uncertain, layout,
      paint: { "fill-pattern": hatchImage(color), "fill-opacity": ["case", HOVERED, Math.min(1, hatchOpacity * 1.6) * opacity, hatchOpacity * opacity] },
    },
    {
      id: `${sourceId}-line`, type: "line", source: sourceId, filter, layout: { ...layout, "line-join": "round" },
      paint: {
        "line-color": color,
        "line-opacity": opacity,
        "line-width": ["case", HOVERED, lineWidth * 2, lineWidth],
        "line-dasharray": ["case", IS_UNCERTAIN, ["literal", [3, 2]], ["literal", [1, 0]]],
      },
    },
    selectionOutline(ctx, filter),
  ];
}

export function lineLayers(ctx: StyleContext, color: string, { width = 2.5 } = {}): LayerSpecification[] {
  const { sourceId, opacity } = ctx;
  return [
    {
      id: `${sourceId}-path`, type: "line", source: sourceId, filter: IS_LINE,
      layout: { visibility: visibility(ctx), "line-join": "round", "line-cap": "round" },
      paint: {
        "line-color": color,
        "line-opacity": opacity,
        "line-width": ["case", HOVERED, width * 2, width],
        "line-dasharray": ["case", IS_UNCERTAIN, ["literal", [2, 1.5]], ["literal", [1, 0]]],
      },
    },
    selectionOutline(ctx, IS_LINE, "path-selected"),
  ];
}

/** A bright outline that only shows on the selected feature (filters cannot read feature-state). */
function selectionOutline(ctx: StyleContext, filter: ExpressionSpecification, suffix = "selected"): LayerSpecification {
  return {
    id: `${ctx.sourceId}-${suffix}`, type: "line", source: ctx.sourceId, filter,
    layout: { visibility: visibility(ctx), "line-join": "round" },
    paint: { "line-color": ctx.theme.highlight, "line-width": 4, "line-opacity": ["case", SELECTED, 1, 0] },
  };
}

/** Circles: solid where the location is known, hollow where it is approximate or schematic. */
export function pointLayers(ctx: StyleContext, color: string, { radius = 6, filter = IS_POINT }: { radius?: number; filter?: ExpressionSpecification } = {}): LayerSpecification[] {
  const { sourceId, opacity, theme } = ctx;
  return [
    {
      id: `${sourceId}-point`, type: "circle", source: sourceId, filter,
      layout: { visibility: visibility(ctx) },
      paint: {
        "circle-radius": ["case", HOVERED, radius * 1.5, radius],
        "circle-color": ["case", IS_UNCERTAIN, theme.halo, color],
        "circle-stroke-color": ["case", SELECTED, theme.highlight, color],
        "circle-stroke-width": ["case", SELECTED, 4, 2],
        "circle-opacity": opacity,
        "circle-stroke-opacity": opacity,
      },
    },
  ];
}

export function labelLayer(
  ctx: StyleContext,
  { id = "label", filter, size = 12, color = ctx.theme.ink, minzoom, placement = "point", offset }: {
    id?: string; filter?: ExpressionSpecification; size?: number; color?: string; minzoom?: number;
    placement?: "point" | "line"; offset?: [number, number];
  } = {},
  source = ctx.sourceId,
): LayerSpecification {
  return {
    id: `${ctx.sourceId}-${id}`, type: "symbol", source, ...(filter ? { filter } : {}), ...(minzoom !== undefined ? { minzoom } : {}),
    layout: {
      visibility: visibility(ctx),
      "text-field": nameField(ctx),
      "text-font": [MAP_FONT],
      "text-size": size,
      "symbol-placement": placement,
      ...(offset ? { "text-offset": offset, "text-anchor": "top" } : {}),
      "text-max-width": 8,
    },
    paint: { "text-color": color, "text-halo-color": ctx.theme.halo, "text-halo-width": 1.5, "text-opacity": ctx.opacity },
  };
}

/** Formats a number of square kilometres for a card. */
export const km2 = (value: unknown, lang: "zh" | "en") =>
  typeof value === "number" ? `${value.toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { maximumFractionDigits: 2 })} ${lang === "zh" ? "平方公里" : "km²"}` : String(value);

export const metres = (value: unknown, lang: "zh" | "en") =>
  typeof value === "number" ? (value >= 1000 ? `${(value / 1000).toLocaleString("en", { maximumFractionDigits: 1 })} ${lang === "zh" ? "公里" : "km"}` : `${value} ${lang === "zh" ? "米" : "m"}`) : String(value);

export const list = (value: unknown, _lang: "zh" | "en") => (Array.isArray(value) ? value.map(String).join("、") : String(value));
