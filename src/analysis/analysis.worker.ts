/// <reference lib="webworker" />
/**
 * Module worker running analysis jobs off the main thread. Create it through client.ts. It imports only
 * the pure engine (Turf, kdbush, flatbush) — never MapLibre or deck.gl.
 */
import { runJob, type WorkerRequest, type WorkerResponse } from "./jobs.ts";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const running = new Map<number, AbortController>();
const post = (message: WorkerResponse) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  if (message.type === "cancel") {
    running.get(message.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(message.id, controller);
  runJob(message.job, { signal: controller.signal, onProgress: (fraction, stage) => post({ type: "progress", id: message.id, fraction, stage }) })
    .then((result) => post({ type: "result", id: message.id, result }))
    .catch((error: unknown) => post({
      type: "error",
      id: message.id,
      name: error instanceof Error ? error.name : "Error",
      message: error instanceof Error ? error.message : String(error),
    }))
    .finally(() => running.delete(message.id));
};
