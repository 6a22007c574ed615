/**
 * Reads the map's pixels for the PNG export. The WebGL canvas is created without
 * `preserveDrawingBuffer` (keeping it costs memory and speed on every frame), so its buffer is only
 * valid during the frame that drew it: we ask for a repaint and copy the canvas inside that frame's
 * "render" event, before the browser presents and clears it. During start-up's paint hold frames
 * draw nothing until the map is complete (paint-hold.ts), so the copy waits for the hold to end.
 */
import type { MapBridge } from "../bridge.ts";

export interface MapSnapshot {
  /** A 2D copy of the map at device resolution. */
  canvas: HTMLCanvasElement;
  /** Device pixels per CSS pixel of the copy. */
  pixelRatio: number;
  /** Ground metres per CSS pixel at the map centre (Web Mercator). */
  metresPerPixel: number;
}

/** @example const snap = await captureMap(bridge); snap.canvas.toBlob(save) */
export async function captureMap(bridge: Pick<MapBridge, "map" | "paintHold">): Promise<MapSnapshot> {
  const map = bridge.map;
  await bridge.paintHold.settled();
  return new Promise((resolve, reject) => {
    map.once("render", () => {
      try {
        const source = map.getCanvas();
        const copy = document.createElement("canvas");
        copy.width = source.width;
        copy.height = source.height;
        copy.getContext("2d")!.drawImage(source, 0, 0);
        const lat = map.getCenter().lat;
        const metresPerPixel = (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
        resolve({ canvas: copy, pixelRatio: source.width / source.clientWidth, metresPerPixel });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    map.triggerRepaint();
  });
}
