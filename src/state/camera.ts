/**
 * Camera requests as state: components and the tour ask for a place, map/wire.ts flies there.
 * Keeps components free of map calls.
 */
import { signal } from "@preact/signals";
import type { BBox } from "../data/bbox.ts";
import type { View } from "./permalink.ts";

export type CameraRequest =
  | { kind: "bounds"; bbox: BBox; maxZoom?: number }
  | { kind: "view"; view: Partial<View> & { center: [number, number] }; durationMs?: number };

/** A new object each request, so asking for the same place twice still moves the camera. */
export const cameraRequest = signal<CameraRequest | null>(null);

export function requestCamera(request: CameraRequest): void {
  cameraRequest.value = request;
}
