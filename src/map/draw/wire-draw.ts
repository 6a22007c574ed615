/**
 * Connects the drawing tools and the PNG export to the map: terra-draw is imported the first time a
 * tool is chosen, so the first view does not pay for it.
 */
import { effect, signal } from "@preact/signals";
import { drawMode, setMapImageSource } from "../../state/user-data.ts";
import type { MapBridge } from "../bridge.ts";
import { captureMap } from "./capture-map.ts";

/** True while terra-draw is being loaded. */
export const drawLoading = signal(false);

export function wireDrawing(bridge: MapBridge): void {
  setMapImageSource(() => captureMap(bridge));
  let controller: Promise<import("./draw-controller.ts").DrawController> | null = null;
  effect(() => {
    const mode = drawMode.value;
    if (!mode && !controller) return;
    if (!controller) {
      drawLoading.value = true;
      controller = import("./draw-controller.ts").then((m) => m.createDrawController(bridge));
      void controller.finally(() => (drawLoading.value = false));
    }
    controller.then((c) => c.setMode(mode)).catch((err: unknown) => {
      console.error("drawing tools failed to load:", err);
      drawMode.value = null;
    });
  });
}
