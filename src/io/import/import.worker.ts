/// <reference lib="webworker" />
import { handleImportRequest } from "./import-worker-handler";
import type { WorkerRequest } from "./worker-messages";

let acknowledge: (() => void) | undefined;
const nextAck = () => new Promise<void>((resolve) => (acknowledge = resolve));

/** One import per worker: the client starts a fresh worker per file and terminates it to cancel. */
self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  if (event.data.type === "ack") {
    acknowledge?.();
    return;
  }
  void handleImportRequest(event.data, (message) => self.postMessage(message), nextAck);
};
