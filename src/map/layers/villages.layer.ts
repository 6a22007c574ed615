import type { LayerDef } from "./layer-def.ts";
import { labelLayer, pointLayers } from "./draw.ts";

export const villagesLayer: LayerDef = {
  kind: "villages",
  group: "context",
  defaultVisible: true,
  searchable: true,
  styleLayers: (ctx) => [
    ...pointLayers(ctx, ctx.theme.villages, { radius: 3 }),
    labelLayer(ctx, { size: 10, color: ctx.theme.villages, minzoom: 12, offset: [0, 0.6] }),
  ],
  legend: (theme) => [{ label: { zh: "村/社区(仅有坐标者上图)", en: "Village/community (mapped only where located)" }, swatch: { shape: "circle", color: theme.villages, size: 5 } }],
  cardFields: [
    { key: "code", label: { zh: "行政区划代码", en: "Admin code" } },
    { key: "kind_zh", label: { zh: "类型", en: "Type" } },
    { key: "town_code", label: { zh: "所属镇街代码", en: "Township code" } },
  ],
};
