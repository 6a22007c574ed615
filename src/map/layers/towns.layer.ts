import type { Feature, FeatureCollection, Point } from "geojson";
import type { LayerDef } from "./layer-def.ts";
import { circlePaint, km2, labelLayer, list, polygonLayers } from "./draw.ts";

const seatOf = (f: Feature): number[] | null => {
  const seat = f.properties?.seat;
  return Array.isArray(seat) && seat.length === 2 ? (seat as number[]) : null;
};

/**
 * Township seats as points: a `seat` property where the feature has one, and a township given as a
 * point (a package of seats rather than areas) is its own seat.
 */
export function townSeats(fc: FeatureCollection): FeatureCollection<Point> {
  return {
    type: "FeatureCollection",
    features: fc.features.flatMap((f) => {
      const seat = seatOf(f);
      if (seat) return [{ type: "Feature" as const, properties: { ...f.properties }, geometry: { type: "Point" as const, coordinates: seat } }];
      return f.geometry?.type === "Point" ? [f as Feature<Point>] : [];
    }),
  };
}

/** Names sit at the seat rather than at a schematic cell's centre; an area without a seat is named inside it. */
function townLabelPlaces(fc: FeatureCollection): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: fc.features.map((f) => {
      const seat = seatOf(f);
      return seat ? { ...f, geometry: { type: "Point" as const, coordinates: seat } } : f;
    }),
  };
}

export const townsLayer: LayerDef = {
  kind: "towns",
  group: "thematic",
  defaultVisible: true,
  searchable: true,
  extraSources: (fc) => ({ seats: townSeats(fc) }),
  labelPoints: townLabelPlaces,
  styleLayers: (ctx) => [
    ...polygonLayers(ctx, ctx.theme.towns, { fillOpacity: 0.06, hatchOpacity: 0.18, lineWidth: 1.2 }),
    {
      id: `${ctx.sourceId}-seat`, type: "circle", source: `${ctx.sourceId}:seats`, layout: { visibility: ctx.visible ? "visible" : "none" },
      paint: circlePaint({ radius: 3, color: ctx.theme.towns, opacity: ctx.opacity }),
    },
    labelLayer(ctx, { id: "label", size: 14, color: ctx.theme.towns, offset: [0, 0.4] }),
  ],
  legend: (theme) => [
    { label: { zh: "镇/街道(示意边界)", en: "Township (schematic boundary)" }, swatch: { shape: "fill", color: theme.towns, hatched: true, dashed: true } },
    { label: { zh: "镇/街道驻地(GeoNames)", en: "Township seat (GeoNames)" }, swatch: { shape: "circle", color: theme.towns, size: 6 } },
  ],
  cardFields: [
    { key: "code", label: { zh: "行政区划代码", en: "Admin code" } },
    { key: "kind_zh", label: { zh: "类型", en: "Type" } },
    { key: "official_area_km2", label: { zh: "官方面积", en: "Official area" }, format: km2 },
    { key: "official_area_source", label: { zh: "面积来源", en: "Area source" } },
    { key: "computed_area_km2", label: { zh: "示意区块面积", en: "Area of schematic cell" }, format: km2 },
    { key: "former_towns", label: { zh: "撤并的原乡镇", en: "Former towns merged" }, format: list },
  ],
};
