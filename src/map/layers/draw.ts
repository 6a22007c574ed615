/**
 * Building blocks shared by the layer modules: polygons, lines, points and labels, each drawn so
 * that `schematic` and `approximate` features look different (hatched fills, dashed lines,
 * hollow symbols) and hover/selection show through feature-state.
 */
import type { ExpressionSpecification, LayerSpecification, SymbolLayerSpecification } from "maplibre-gl";
import { MAP_FONT } from "../theme.ts";
import type { StyleContext } from "./layer-def.ts";

export const IS_UNCERTAIN: ExpressionSpecification = ["in", ["get", "status"], ["literal", ["schematic", "approximate"]]];
export const IS_POLYGON: ExpressionSpecification = ["in", ["geometry-type"], ["literal", ["Polygon", "MultiPolygon"]]];
export const IS_LINE: ExpressionSpecification = ["in", ["geometry-type"], ["literal", ["LineString", "MultiLineString"]]];
export const IS_POINT: ExpressionSpecification = ["in", ["geometry-type"], ["literal", ["Point", "MultiPoint"]]];

/**
 * The one source holding a label point per feature of every layer (`labelPoints`, tagged with
 * `label_layer`), and filters on it. One source for all: each source costs the map worker about as
 * much as its data does (five per-layer sources added ~0.1 s to start-up, empty or not).
 */
export const LABEL_POINTS = "atlas:label-points";
export const LABEL_OF_POLYGON: ExpressionSpecification = ["==", ["get", "label_of"], "Polygon"];
export const LABEL_OF_POINT: ExpressionSpecification = ["==", ["get", "label_of"], "Point"];
export const HOVERED: ExpressionSpecification = ["boolean", ["feature-state", "hover"], false];
export const SELECTED: ExpressionSpecification = ["boolean", ["feature-state", "selected"], false];

/**
 * One shader variant per layer type. MapLibre compiles a program for every mix of constant and
 * data-driven paint properties, and software WebGL (SwiftShader: headless browsers, VMs, some
 * projector PCs) takes ~0.2 s per compile. So every line, circle and fill layer drives the same
 * properties from data, wrapping constants in this no-op (same value either way).
 */
export const same = (value: unknown): ExpressionSpecification => ["case", HOVERED, value, value] as ExpressionSpecification;
const dash = (pattern: number[]): ExpressionSpecification => same(["literal", pattern]);

/**
 * Line paint: width grows on hover; dashes where `dashed` says (an expression or a constant). With
 * `selected`, the selected feature's line turns into the highlight, in the same layer: a separate
 * highlight layer would draw, and have the worker build, every feature's line a second time.
 */
export function linePaint(
  { color, width, opacity, hoverWidth = width, dashed = false, dashPattern = [3, 2], offset, selected }: {
    color: string; width: number; opacity: number | ExpressionSpecification; hoverWidth?: number;
    dashed?: boolean | ExpressionSpecification; dashPattern?: number[]; offset?: number;
    selected?: { color: string; width: number };
  },
) {
  const plainOpacity = typeof opacity === "number" ? same(opacity) : opacity;
  return {
    "line-color": selected ? (["case", SELECTED, selected.color, color] as ExpressionSpecification) : same(color),
    "line-width": (selected ? ["case", SELECTED, selected.width, HOVERED, hoverWidth, width] : ["case", HOVERED, hoverWidth, width]) as ExpressionSpecification,
    "line-opacity": selected ? (["case", SELECTED, 1, opacity] as ExpressionSpecification) : plainOpacity,
    "line-dasharray": typeof dashed === "boolean"
      ? dash(dashed ? dashPattern : [1, 0])
      : (["case", dashed, ["literal", dashPattern], ["literal", [1, 0]]] as ExpressionSpecification),
    ...(offset !== undefined ? { "line-offset": offset } : {}),
  };
}

/** Circle paint with every property data-driven (see `same`). */
export function circlePaint(
  { radius, color, opacity, strokeColor = color, strokeWidth = 0 }: {
    radius: number | ExpressionSpecification; color: string | ExpressionSpecification; opacity: number | ExpressionSpecification;
    strokeColor?: string | ExpressionSpecification; strokeWidth?: number | ExpressionSpecification;
  },
) {
  const dd = (v: unknown) => (Array.isArray(v) ? (v as ExpressionSpecification) : same(v));
  return {
    "circle-radius": dd(radius),
    "circle-color": dd(color),
    "circle-opacity": dd(opacity),
    "circle-stroke-color": dd(strokeColor),
    "circle-stroke-width": dd(strokeWidth),
  };
}

/** Fill paint: no antialiased outline (outlines are line layers), opacity data-driven. */
export const fillPaint = (color: string, opacity: number | ExpressionSpecification) =>
  ({ "fill-color": color, "fill-opacity": typeof opacity === "number" ? same(opacity) : opacity, "fill-antialias": false });

/**
 * Line joins for every line layer. Round joins fan extra triangles out at each vertex of a detailed
 * outline; on software WebGL they were a fifth of a full frame (364 → 293 ms of GPU-process CPU),
 * and at these widths (1–6 px) a miter join looks the same.
 */
export const LINE_JOIN = { "line-join": "miter" } as const;

export const visibility = (ctx: StyleContext) => (ctx.visible ? "visible" : "none") as "visible" | "none";

/** A bilingual property in the map's language: `key` in Chinese, `key_en` (else `key`) in English. */
export function nameField(ctx: StyleContext, key = "name"): ExpressionSpecification {
  return ctx.lang === "zh" ? ["get", key] : ["coalesce", ["get", `${key}_en`], ["get", key]];
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
      paint: fillPaint(color, ["case", HOVERED, Math.min(1, fillOpacity * 2.2) * opacity, fillOpacity * opacity]),
    },
    {
      id: `${sourceId}-hatch`, type: "fill", source: sourceId, filter: uncertain, layout,
      paint: { "fill-pattern": hatchImage(color), "fill-opacity": ["case", HOVERED, Math.min(1, hatchOpacity * 1.6) * opacity, hatchOpacity * opacity], "fill-antialias": false },
    },
    {
      id: `${sourceId}-line`, type: "line", source: sourceId, filter, layout: { ...layout, ...LINE_JOIN },
      paint: linePaint({ color, width: lineWidth, hoverWidth: lineWidth * 2, opacity, dashed: IS_UNCERTAIN, selected: { color: ctx.theme.highlight, width: 4 } }),
    },
  ];
}

export function lineLayers(ctx: StyleContext, color: string, { width = 2.5 } = {}): LayerSpecification[] {
  const { sourceId, opacity } = ctx;
  return [
    {
      id: `${sourceId}-path`, type: "line", source: sourceId, filter: IS_LINE,
      layout: { visibility: visibility(ctx), ...LINE_JOIN, "line-cap": "round" },
      paint: linePaint({ color, width, hoverWidth: width * 2, opacity, dashed: IS_UNCERTAIN, dashPattern: [2, 1.5], selected: { color: ctx.theme.highlight, width: Math.max(4, width + 1.5) } }),
    },
  ];
}

/** Circles: solid where the location is known, hollow where it is approximate or schematic. */
export function pointLayers(ctx: StyleContext, color: string, { radius = 6, filter = IS_POINT }: { radius?: number; filter?: ExpressionSpecification } = {}): LayerSpecification[] {
  const { sourceId, opacity, theme } = ctx;
  return [
    {
      id: `${sourceId}-point`, type: "circle", source: sourceId, filter,
      layout: { visibility: visibility(ctx) },
      paint: circlePaint({
        radius: ["case", HOVERED, radius * 1.5, radius],
        color: ["case", IS_UNCERTAIN, theme.halo, color],
        opacity,
        strokeColor: ["case", SELECTED, theme.highlight, color],
        strokeWidth: ["case", SELECTED, 4, 2],
      }),
    },
  ];
}

export function labelLayer(
  ctx: StyleContext,
  { id = "label", filter, size = 12, color = ctx.theme.ink, minzoom, placement = "point", offset, text = nameField(ctx) }: {
    id?: string; filter?: ExpressionSpecification; size?: number; color?: string; minzoom?: number;
    placement?: "point" | "line"; offset?: [number, number]; text?: ExpressionSpecification;
  } = {},
  // Point labels come from one point per feature, so a polygon is named once, not once per tile.
  source = placement === "line" ? ctx.sourceId : LABEL_POINTS,
): SymbolLayerSpecification {
  const own: ExpressionSpecification = ["==", ["get", "label_layer"], ctx.sourceId];
  const where = source === LABEL_POINTS ? (filter ? ["all", own, filter] as ExpressionSpecification : own) : filter;
  return {
    id: `${ctx.sourceId}-${id}`, type: "symbol", source, ...(where ? { filter: where } : {}), ...(minzoom !== undefined ? { minzoom } : {}),
    layout: {
      visibility: visibility(ctx),
      "text-field": text,
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
