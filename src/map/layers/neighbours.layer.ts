import type { FeatureCollection, Point } from "geojson";
import { bboxOf, type BBox } from "../../data/bbox.ts";
import { labelAnchor } from "../label-anchor.ts";
import type { LayerDef } from "./layer-def.ts";
import { labelLayer, nameField, polygonLayers } from "./draw.ts";

/**
 * Half the width and height, in degrees, of the window the labels are placed in: about the part
 * of the neighbours the default view of Jiashan shows on a 1366×768 screen beside the layer panel.
 */
const WINDOW_HALF: [number, number] = [0.25, 0.13];

/**
 * One label point per district, inside the part of it that borders Jiashan, so the names show in
 * the county view (MapLibre's own polygon label point lies far off-screen for large districts). The
 * districts ring the county, so the middle of their combined extent is the county's neighbourhood.
 */
export function neighbourLabels(fc: FeatureCollection): FeatureCollection<Point> {
  const all = bboxOf({ type: "GeometryCollection", geometries: fc.features.flatMap((f) => (f.geometry ? [f.geometry] : [])) });
  if (!all) return { type: "FeatureCollection", features: [] };
  const [cx, cy] = [(all[0] + all[2]) / 2, (all[1] + all[3]) / 2];
  const window: BBox = [cx - WINDOW_HALF[0], cy - WINDOW_HALF[1], cx + WINDOW_HALF[0], cy + WINDOW_HALF[1]];
  const features: FeatureCollection<Point>["features"] = [];
  for (const f of fc.features) {
    const g = f.geometry;
    if (g?.type !== "Polygon" && g?.type !== "MultiPolygon") continue;
    const at = labelAnchor(g, window);
    if (!at) continue;
    const p = f.properties ?? {};
    features.push({
      type: "Feature", id: f.id ?? p.id,
      properties: { id: p.id, name: p.name, name_en: p.name_en, province: p.province, province_en: p.province_en },
      geometry: { type: "Point", coordinates: at },
    });
  }
  return { type: "FeatureCollection", features };
}

export const neighboursLayer: LayerDef = {
  kind: "neighbours",
  group: "context",
  defaultVisible: true,
  searchable: true,
  labelPoints: neighbourLabels,
  styleLayers: (ctx) => {
    // District name, and its province or municipality smaller beneath: 青浦区 / 上海市.
    const label = labelLayer(ctx, {
      size: 14, color: ctx.theme.neighbourLabel,
      text: ["format", nameField(ctx), {}, "\n", {}, nameField(ctx, "province"), { "font-scale": 0.8 }],
    });
    return [
      ...polygonLayers(ctx, ctx.theme.neighbourLabel, { fillOpacity: 0.12, lineWidth: 1 }),
      // Context labels give way to thematic ones; moving around the anchor keeps them on screen.
      { ...label, layout: { ...label.layout, "text-variable-anchor": ["center", "bottom", "top", "left", "right"], "text-radial-offset": 1 } },
    ];
  },
  legend: (theme) => [{ label: { zh: "相邻区县", en: "Neighbouring districts" }, swatch: { shape: "fill", color: theme.neighbourLabel } }],
  cardFields: [
    { key: "code", label: { zh: "行政区划代码", en: "Admin code" } },
    { key: "province", label: { zh: "省级", en: "Province" } },
  ],
};
