import type { Feature, FeatureCollection, Geometry } from "geojson";
import { forEachPosition } from "../crs/map-positions";
import { asImportError } from "./import-error";
import { importFile } from "./import-file";
import type { ImportInput, ImportResult } from "./types";
import type { Slot, WorkerImportRequest, WorkerMessage } from "./worker-messages";
import { xmldomParseXml } from "./xmldom-parse-xml";

/**
 * Results go out as feature chunks of about this many positions, so the page deserialises them in small
 * slices (each a separate task) instead of freezing on one huge message.
 */
const CHUNK_POSITIONS = 10_000;
const CHUNK_FEATURES = 1_000;

function positionsIn(feature: Feature<Geometry | null>): number {
  let count = 0;
  forEachPosition({ type: "FeatureCollection", features: [feature] }, () => void count++);
  return count;
}

/**
 * Splits an import result into worker messages: feature chunks per collection, then the rest of the result
 * with collections replaced by slot numbers. A collection used twice (raw === fc when nothing was
 * converted) is sent once and comes back as one shared object.
 */
export function* resultMessages(result: ImportResult): Generator<WorkerMessage> {
  const slots = new Map<FeatureCollection<Geometry | null>, number>();
  const slotOf = (fc: FeatureCollection<Geometry | null>): Slot => {
    if (!slots.has(fc)) slots.set(fc, slots.size);
    return { slot: slots.get(fc)! };
  };
  const skeleton =
    result.kind === "layers"
      ? { ...result, layers: result.layers.map((layer) => ({ ...layer, fc: slotOf(layer.fc), raw: slotOf(layer.raw) })) }
      : { ...result, layers: result.layers.map((layer) => ({ ...layer, fc: slotOf(layer.fc) })) };
  for (const [fc, slot] of slots) {
    let chunk: Feature<Geometry | null>[] = [];
    let positions = 0;
    for (const feature of fc.features) {
      chunk.push(feature);
      positions += positionsIn(feature);
      if (positions >= CHUNK_POSITIONS || chunk.length >= CHUNK_FEATURES) {
        yield { type: "features", slot, features: chunk };
        chunk = [];
        positions = 0;
      }
    }
    if (chunk.length > 0) yield { type: "features", slot, features: chunk };
  }
  yield { type: "done", skeleton };
}

const READ_PROGRESS_STEP = 4 * 1024 * 1024;

/** Reads a File in the worker with byte progress (File.stream where available). */
const isImportInput = (file: File | ImportInput): file is ImportInput => (file as ImportInput).bytes instanceof Uint8Array;

async function readBytes(file: File | ImportInput, post: (message: WorkerMessage) => void): Promise<ImportInput> {
  if (isImportInput(file)) return file;
  const total = file.size;
  if (typeof file.stream !== "function") return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  const bytes = new Uint8Array(total);
  const reader = file.stream().getReader();
  let done = 0;
  let reported = 0;
  for (;;) {
    const { value, done: finished } = await reader.read();
    if (finished) break;
    bytes.set(value.subarray(0, Math.max(0, total - done)), done);
    done += value.length;
    if (done - reported >= READ_PROGRESS_STEP) {
      reported = done;
      post({ type: "progress", progress: { phase: "read", done, total, unit: "bytes" } });
    }
  }
  return { name: file.name, bytes: bytes.subarray(0, Math.min(done, total)) };
}

/**
 * What the worker does with one request: read, import (XML through @xmldom/xmldom, since workers have no
 * DOMParser), then post the result in chunks — or one "error" message carrying the ImportError's plain form.
 * With `nextAck`, each chunk waits for the page's acknowledgement: without that flow control the page
 * received 100+ queued chunks back to back and froze for 1.5 s (100 MB test in Chromium).
 */
export async function handleImportRequest(
  request: WorkerImportRequest,
  post: (message: WorkerMessage) => void,
  nextAck?: () => Promise<void>,
): Promise<void> {
  try {
    const input = await readBytes(request.file, post);
    const result = await importFile(input, {
      ...request.options,
      parseXml: xmldomParseXml,
      onProgress: (progress) => post({ type: "progress", progress }),
    });
    for (const message of resultMessages(result)) {
      post(message);
      if (message.type === "features" && nextAck) await nextAck();
    }
  } catch (error) {
    post({ type: "error", error: asImportError(request.file.name, error).toJSON() });
  }
}
