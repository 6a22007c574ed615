import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { ImportMessage } from "./import-error";
import type { ImportInput, ImportOptions, ImportProgress, ImportResult } from "./types";

/** Options that can cross into the worker (no functions, no signal). */
export type WorkerImportOptions = Omit<ImportOptions, "parseXml" | "onProgress" | "signal">;

export interface WorkerImportRequest {
  type: "import";
  /** A browser File (read inside the worker) or bytes already in memory. */
  file: File | ImportInput;
  options: WorkerImportOptions;
}

/** Sent by the page after it has taken in a "features" chunk; the worker sends the next one only then. */
export interface WorkerAck {
  type: "ack";
}

export type WorkerRequest = WorkerImportRequest | WorkerAck;

/** A FeatureCollection stand-in inside the result skeleton; its features arrive in "features" messages. */
export interface Slot {
  slot: number;
}

export type WorkerMessage =
  | { type: "progress"; progress: ImportProgress }
  | { type: "features"; slot: number; features: Feature<Geometry | null>[] }
  | { type: "done"; skeleton: unknown }
  | { type: "error"; error: ImportMessage };

/** Collects worker messages back into an ImportResult (the inverse of `resultMessages`). */
export function createResultAssembler() {
  const features = new Map<number, Feature<Geometry | null>[]>();
  const collections = new Map<number, FeatureCollection<Geometry | null>>();
  const collectionFor = (slot: number) => {
    if (!collections.has(slot)) collections.set(slot, { type: "FeatureCollection", features: features.get(slot) ?? [] });
    return collections.get(slot)!;
  };
  return {
    addFeatures(slot: number, chunk: Feature<Geometry | null>[]): void {
      const list = features.get(slot) ?? [];
      for (const feature of chunk) list.push(feature);
      features.set(slot, list);
    },
    finish(skeleton: unknown): ImportResult {
      const result = skeleton as ImportResult & { layers: { fc: Slot; raw?: Slot }[] };
      const layers = result.layers.map((layer) => ({
        ...layer,
        fc: collectionFor(layer.fc.slot),
        ...(layer.raw ? { raw: collectionFor(layer.raw.slot) } : {}),
      }));
      return { ...result, layers } as ImportResult;
    },
  };
}
