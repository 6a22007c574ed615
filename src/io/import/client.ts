import { cancelledError, ImportError, tooLargeError } from "./import-error";
import { MAX_IMPORT_BYTES, type ImportProgress, type ImportResult } from "./types";
import { createResultAssembler, type WorkerImportOptions, type WorkerMessage, type WorkerRequest } from "./worker-messages";

/** The part of a Worker the client uses; tests pass an in-process stand-in. */
export interface ImportWorker {
  postMessage(message: WorkerRequest): void;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface ImportInWorkerControls {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  /** @default a module worker built from ./import.worker.ts */
  createWorker?: () => ImportWorker;
}

const createImportWorker = (): ImportWorker =>
  new Worker(new URL("./import.worker.ts", import.meta.url), { type: "module", name: "import" }) as unknown as ImportWorker;

/**
 * Imports a user file in a Web Worker so the page stays responsive: progress (bytes read, rows parsed,
 * features converted), cancel through `signal` (the worker is terminated), files above `maxBytes`
 * (default 200 MB) refused before reading. Resolves to the same ImportResult as `importFile`; rejects
 * with an ImportError.
 *
 * @example
 * const controller = new AbortController();
 * const result = await importInWorker(file, { crs: "EPSG:4549" }, { onProgress: (p) => console.log(p), signal: controller.signal });
 */
export function importInWorker(
  file: File,
  options: WorkerImportOptions = {},
  { onProgress, signal, createWorker = createImportWorker }: ImportInWorkerControls = {},
): Promise<ImportResult> {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  if (file.size > maxBytes) return Promise.reject(tooLargeError(file.name, file.size, maxBytes));
  if (signal?.aborted) return Promise.reject(cancelledError(file.name));
  return new Promise((resolve, reject) => {
    const worker = createWorker();
    const assembler = createResultAssembler();
    const finish = (settle: () => void) => {
      worker.terminate();
      signal?.removeEventListener("abort", cancel);
      settle();
    };
    const cancel = () => finish(() => reject(cancelledError(file.name)));
    signal?.addEventListener("abort", cancel, { once: true });
    worker.onmessage = ({ data }) => {
      switch (data.type) {
        case "progress":
          onProgress?.(data.progress);
          break;
        case "features":
          assembler.addFeatures(data.slot, data.features);
          worker.postMessage({ type: "ack" });
          break;
        case "done":
          finish(() => resolve(assembler.finish(data.skeleton)));
          break;
        case "error":
          finish(() => reject(ImportError.fromMessage(data.error)));
      }
    };
    worker.onerror = (event) => {
      finish(() => reject(new ImportError(file.name, { zh: `导入线程出错：${event.message}`, en: `the import worker failed: ${event.message}` })));
    };
    worker.postMessage({ type: "import", file, options });
  });
}
