import type { LayerDef } from "./layer-def.ts";
import { labelLayer, pointLayers, polygonLayers } from "./draw.ts";

export const innovationCentresLayer: LayerDef = {
  kind: "innovation-centres",
  group: "thematic",
  defaultVisible: true,
  searchable: true,
  styleLayers: (ctx) => [
    ...polygonLayers(ctx, ctx.theme.innovation),
    ...pointLayers(ctx, ctx.theme.innovation, { radius: 7 }),
    labelLayer(ctx, { size: 11, color: ctx.theme.innovation, offset: [0, 0.9] }),
  ],
  legend: (theme) => [
    { label: { zh: "两创中心(位置近似)", en: "Startup & relocation centre (approximate)" }, swatch: { shape: "circle", color: theme.innovation, hollow: true } },
  ],
  cardFields: [
    { key: "township", label: { zh: "所在镇街", en: "Township" } },
    { key: "planned_count", label: { zh: "规划数量", en: "Planned number" } },
  ],
};
