/** Every layer kind the explorer can draw, in drawing order (first = bottom). */
import type { LayerKind } from "../../data/types.ts";
import type { LayerDef } from "./layer-def.ts";
import { countyLayer } from "./county.layer.ts";
import { emergencyLayer } from "./emergency.layer.ts";
import { importedLayer } from "./imported.layer.ts";
import { innovationCentresLayer } from "./innovation-centres.layer.ts";
import { neighboursLayer } from "./neighbours.layer.ts";
import { townsLayer } from "./towns.layer.ts";
import { villagesLayer } from "./villages.layer.ts";
import { waterLayer } from "./water.layer.ts";
import { zonesLayer } from "./zones.layer.ts";

export const LAYER_DEFS: LayerDef[] = [
  neighboursLayer, countyLayer, townsLayer, waterLayer, zonesLayer, innovationCentresLayer, villagesLayer, emergencyLayer, importedLayer,
];

const BY_KIND = new Map<LayerKind, LayerDef>(LAYER_DEFS.map((d) => [d.kind, d]));

export function layerDef(kind: LayerKind): LayerDef {
  const def = BY_KIND.get(kind);
  if (!def) throw new Error(`No layer definition for kind "${kind}"`);
  return def;
}

export const drawOrder = (kind: LayerKind) => LAYER_DEFS.findIndex((d) => d.kind === kind);

/** Label priority, lowest first: township names win over zone names when they collide. */
const LABEL_ORDER: LayerKind[] = ["villages", "neighbours", "zones", "water", "innovation-centres", "imported", "emergency", "county", "towns"];

export const labelRank = (kind: LayerKind) => LABEL_ORDER.indexOf(kind);
