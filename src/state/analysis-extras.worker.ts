/// <reference lib="webworker" />
/**
 * Engine calls the panel needs that the analysis worker's job protocol does not offer (area
 * statistics, facility matching). They run here so Turf never joins the main thread's chunks.
 */
import type { FeatureCollection } from "geojson";
import { areaStatistics, zoneTownshipOverlap, type AreaRow, type OverlapRow } from "../analysis/area-statistics.ts";
import { facilitiesByCategory, type Facility, type FacilityLayer, type LifeCircleStandards } from "../analysis/life-circle.ts";

export type ExtrasRequest =
  | { id: number; type: "area-statistics"; polygons: FeatureCollection; townships: FeatureCollection | null }
  | { id: number; type: "facilities-by-category"; layers: FacilityLayer[]; standards: LifeCircleStandards };

export type ExtrasResponse =
  | { id: number; ok: true; result: { rows: AreaRow[]; overlap: OverlapRow[] } | Record<string, Facility[]> }
  | { id: number; ok: false; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ExtrasRequest>) => {
  const request = event.data;
  try {
    const result = request.type === "area-statistics"
      ? { rows: areaStatistics(request.polygons), overlap: request.townships ? zoneTownshipOverlap(request.polygons, request.townships) : [] }
      : facilitiesByCategory(request.layers, request.standards);
    scope.postMessage({ id: request.id, ok: true, result } satisfies ExtrasResponse);
  } catch (error) {
    scope.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ExtrasResponse);
  }
};
