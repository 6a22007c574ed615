import type { LayerDef } from "./layer-def.ts";
import { IS_LINE, labelLayer, lineLayers, pointLayers, polygonLayers } from "./draw.ts";

/** User files: every geometry type in the layer's own colour. */
export const importedLayer: LayerDef = {
  kind: "imported",
  group: "thematic",
  defaultVisible: true,
  searchable: true,
  styleLayers: (ctx) => [
    ...polygonLayers(ctx, ctx.theme.imported, { fillOpacity: 0.25 }),
    ...lineLayers(ctx, ctx.theme.imported, { width: 2 }),
    ...pointLayers(ctx, ctx.theme.imported, { radius: 5 }),
    labelLayer(ctx, { size: 11, color: ctx.theme.imported, minzoom: 11, filter: ["!", IS_LINE], offset: [0, 0.8] }),
  ],
  legend: (theme) => [{ label: { zh: "导入的数据", en: "Imported data" }, swatch: { shape: "fill", color: theme.imported } }],
  cardFields: [],
};
