/**
 * Main-thread face of the analysis worker: `runAnalysis(job, { onProgress, signal })`.
 */
import { abortError, type AnalysisJob, type AnalysisResult, type ProgressHandler, type WorkerRequest, type WorkerResponse } from "./jobs.ts";

export type { AnalysisJob, AnalysisResult } from "./jobs.ts";

/** The part of `Worker` the client uses (so tests can pass a fake). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: "message", listener: (event: MessageEvent<WorkerResponse>) => void): void;
  addEventListener(type: "error", listener: (event: ErrorEvent) => void): void;
  terminate?(): void;
}

export interface RunAnalysisOptions {
  onProgress?: ProgressHandler;
  signal?: AbortSignal;
}

/**
 * A client over one worker; jobs are multiplexed by id.
 * @example const { runAnalysis } = createAnalysisClient(() => new Worker(new URL("./analysis.worker.ts", import.meta.url), { type: "module" }));
 */
export function createAnalysisClient(createWorker: () => WorkerLike) {
  let worker: WorkerLike | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void; onProgress?: ProgressHandler }>();

  const connect = (): WorkerLike => {
    if (worker) return worker;
    const created = createWorker();
    created.addEventListener("message", (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      const job = pending.get(message.id);
      if (!job) return;
      if (message.type === "progress") job.onProgress?.(message.fraction, message.stage);
      else {
        pending.delete(message.id);
        if (message.type === "result") job.resolve(message.result);
        else job.reject(message.name === "AbortError" ? abortError() : Object.assign(new Error(`analysis failed: ${message.message}`), { name: message.name }));
      }
    });
    created.addEventListener("error", (event: ErrorEvent) => {
      // A worker stopped on cancel has nothing left to fail; its successor's jobs are not its own.
      if (worker !== created) return;
      for (const job of pending.values()) job.reject(new Error(`analysis worker crashed: ${event.message || "unknown error"}`));
      pending.clear();
      worker = undefined;
      created.terminate?.();
    });
    worker = created;
    return created;
  };

  /**
   * Runs a job in the worker. Resolves with its result; rejects with an AbortError when `signal`
   * aborts, or with an Error whose message says what went wrong.
   */
  function runAnalysis<J extends AnalysisJob>(job: J, { onProgress, signal }: RunAnalysisOptions = {}): Promise<AnalysisResult<J>> {
    if (signal?.aborted) return Promise.reject(abortError());
    const id = nextId++;
    const target = connect();
    return new Promise<AnalysisResult<J>>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
      signal?.addEventListener("abort", () => {
        if (!pending.delete(id)) return;
        reject(abortError());
        // The worker only sees a cancel between a job's stages, which can be seconds apart on a big
        // grid: with nothing else in it, stop it now, and the next job starts a fresh one.
        if (pending.size === 0 && target === worker && target.terminate) {
          target.terminate();
          worker = undefined;
        } else target.postMessage({ type: "cancel", id });
      }, { once: true });
      target.postMessage({ type: "run", id, job });
    });
  }

  return { runAnalysis };
}

const defaultClient = createAnalysisClient(() => new Worker(new URL("./analysis.worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike);

/**
 * Runs an analysis job in the shared module worker.
 * @example
 * const controller = new AbortController();
 * const { compliance } = await runAnalysis({ type: "life-circle", demand, layers, standards }, { onProgress: (f) => bar.value = f, signal: controller.signal });
 */
export const runAnalysis = defaultClient.runAnalysis;
