/** deck.gl interleaved into MapLibre's own WebGL context (added after style load: see stack notes). */
import { MapLibreOverlay } from "@deck.gl/maplibre";
import type { Layer } from "@deck.gl/core";
import type { MapBridge } from "../bridge.ts";

export interface DeckOverlay {
  setLayers(layers: Layer[]): void;
}

export function createDeckOverlay(bridge: MapBridge): DeckOverlay {
  const overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
  bridge.addControl(overlay);
  return { setLayers: (layers) => overlay.setProps({ layers }) };
}
