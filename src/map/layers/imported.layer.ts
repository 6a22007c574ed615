import type { LayerDef } from "./layer-def.ts";
import { labelLayer, lineLayers, pointLayers, polygonLayers } from "./draw.ts";

/** User files and drawings: every geometry type in the layer's own colour (chosen in the layer panel). */
export const importedLayer: LayerDef = {
  kind: "imported",
  group: "thematic",
  defaultVisible: true,
  searchable: true,
  mapProperties: ["id", "name", "name_en", "status"],
  styleLayers: (ctx) => {
    const color = ctx.color ?? ctx.theme.imported;
    return [
      ...polygonLayers(ctx, color, { fillOpacity: 0.25 }),
      ...lineLayers(ctx, color, { width: 2 }),
      ...pointLayers(ctx, color, { radius: 5 }),
      labelLayer(ctx, { size: 11, color, minzoom: 11, offset: [0, 0.8] }),
    ];
  },
  legend: (theme) => [{ label: { zh: "导入的数据", en: "Imported data" }, swatch: { shape: "fill", color: theme.imported } }],
  cardFields: [],
};
