/** User intents that span several signals. */
import { bboxOf } from "../data/bbox.ts";
import { layers, select, updateLayer } from "./app-state.ts";
import { requestCamera } from "./camera.ts";

/** Selects a feature, makes its layer visible and frames it; features without geometry frame their township. */
export function focusFeature(layerId: string, featureId: string): void {
  const layer = layers.value.find((l) => l.id === layerId);
  const feature = layer?.fc.features.find((f) => String(f.properties?.id) === featureId);
  if (!layer || !feature) return;
  if (!layer.visible) updateLayer(layerId, { visible: true });
  select({ layerId, featureId });
  let bbox = bboxOf(feature.geometry);
  if (!bbox && feature.properties?.town_code) {
    const town = layers.value.flatMap((l) => (l.kind === "towns" ? l.fc.features : [])).find((f) => f.properties?.code === feature.properties?.town_code);
    bbox = bboxOf(town?.geometry);
  }
  if (bbox) requestCamera({ kind: "bounds", bbox, maxZoom: feature.geometry?.type === "Point" ? 13.5 : 13 });
}
