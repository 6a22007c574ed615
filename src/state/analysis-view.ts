/**
 * The small part of the analysis state the first view needs: whether the panel is open, what the map
 * overlays should draw, and hooks for map clicks. The rest (analysis-state.ts) loads with the panel
 * and fills these in, so neither the panel nor the engine ships in the index chunk.
 */
import { signal } from "@preact/signals";
import type { AnalysisOverlay } from "./analysis-model.ts";

export type PanelMode = "closed" | "open" | "collapsed";

export const analysisPanel = signal<PanelMode>("closed");
/** What wireDeck draws for the analysis panel (written by analysis-state). */
export const analysisOverlay = signal<AnalysisOverlay | null>(null);

interface MapHandlers {
  click(lngLat: [number, number]): void;
}
let handlers: MapHandlers | null = null;

/** analysis-state registers what map clicks and station clicks do once it is loaded. */
export function registerAnalysisMapHandlers(next: MapHandlers): void {
  handlers = next;
}

export function analysisMapClick(lngLat: [number, number]): void {
  handlers?.click(lngLat);
}
