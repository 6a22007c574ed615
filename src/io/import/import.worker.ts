/// <reference lib="webworker" />
import { handleImportRequest } from "./import-worker-handler";
import type { WorkerImportRequest } from "./worker-messages";

/** One import per worker: the client starts a fresh worker per file and terminates it to cancel. */
self.onmessage = (event: MessageEvent<WorkerImportRequest>) => {
  void handleImportRequest(event.data, (message) => self.postMessage(message));
};
