import { expect, test } from "vitest";
import { createAnalysisClient, type WorkerLike } from "./client.ts";
import type { AnalysisJob, WorkerRequest, WorkerResponse } from "./jobs.ts";

/** A fake worker that records requests and lets the test answer them. */
function fakeWorker({ terminable = false } = {}) {
  const sent: WorkerRequest[] = [];
  let listener: ((event: MessageEvent<WorkerResponse>) => void) | undefined;
  let onError: ((event: ErrorEvent) => void) | undefined;
  const state = { terminated: false };
  const worker: WorkerLike = {
    postMessage: (message) => { sent.push(message); },
    addEventListener: ((type: string, l: unknown) => {
      if (type === "message") listener = l as typeof listener;
      else onError = l as typeof onError;
    }) as WorkerLike["addEventListener"],
    ...(terminable ? { terminate: () => { state.terminated = true; } } : {}),
  };
  return {
    worker, sent, state,
    reply: (message: WorkerResponse) => listener!({ data: message } as MessageEvent<WorkerResponse>),
    crash: (message: string) => onError!({ message } as ErrorEvent),
  };
}

const job: AnalysisJob = { type: "coverage-by-polygon", stations: { type: "FeatureCollection", features: [] }, polygons: { type: "FeatureCollection", features: [] } };

test("resolves with the result and forwards progress", async () => {
  const fake = fakeWorker();
  const { runAnalysis } = createAnalysisClient(() => fake.worker);
  const progress: number[] = [];
  const promise = runAnalysis(job, { onProgress: (f) => progress.push(f) });
  const id = (fake.sent[0] as { id: number }).id;
  fake.reply({ type: "progress", id, fraction: 0.5, stage: "half" });
  fake.reply({ type: "result", id, result: { total: 1 } as never });
  await expect(promise).resolves.toEqual({ total: 1 });
  expect(progress).toEqual([0.5]);
});

test("abort rejects with AbortError and tells the worker to cancel", async () => {
  const fake = fakeWorker();
  const { runAnalysis } = createAnalysisClient(() => fake.worker);
  const controller = new AbortController();
  const promise = runAnalysis(job, { signal: controller.signal });
  controller.abort();
  await expect(promise).rejects.toMatchObject({ name: "AbortError" });
  expect(fake.sent[1]).toEqual({ type: "cancel", id: (fake.sent[0] as { id: number }).id });
});

/** A client that makes a fresh terminable fake worker each time it needs one; `made()` counts them. */
function clientOverFreshWorkers() {
  const workers = [fakeWorker({ terminable: true }), fakeWorker({ terminable: true })];
  let made = 0;
  const { runAnalysis } = createAnalysisClient(() => workers[made++]!.worker);
  return { workers, runAnalysis, made: () => made };
}

/** Runs a job and cancels it, as the panel's cancel button does. */
async function runAndCancel(runAnalysis: ReturnType<typeof createAnalysisClient>["runAnalysis"]): Promise<void> {
  const controller = new AbortController();
  const promise = runAnalysis(job, { signal: controller.signal });
  controller.abort();
  await expect(promise).rejects.toMatchObject({ name: "AbortError" });
}

test("abort stops a worker busy with nothing else at once, and the next job gets a fresh one", async () => {
  const { workers, runAnalysis, made } = clientOverFreshWorkers();
  await runAndCancel(runAnalysis);
  expect(workers[0]!.state.terminated).toBe(true);
  expect(workers[0]!.sent).toHaveLength(1); // no cancel message: the worker is gone
  const next = runAnalysis(job);
  expect(made()).toBe(2);
  const id = (workers[1]!.sent[0] as { id: number }).id;
  workers[1]!.reply({ type: "result", id, result: { total: 2 } as never });
  await expect(next).resolves.toEqual({ total: 2 });
});

test("a late error from a worker stopped on cancel does not touch its successor's jobs", async () => {
  const { workers, runAnalysis } = clientOverFreshWorkers();
  await runAndCancel(runAnalysis);
  const next = runAnalysis(job);
  workers[0]!.crash("late");
  workers[1]!.reply({ type: "result", id: (workers[1]!.sent[0] as { id: number }).id, result: { total: 4 } as never });
  await expect(next).resolves.toEqual({ total: 4 });
  expect(workers[1]!.state.terminated).toBe(false);
});

test("a crashed worker fails its jobs, is stopped, and the next job gets a fresh one", async () => {
  const { workers, runAnalysis, made } = clientOverFreshWorkers();
  const first = runAnalysis(job);
  workers[0]!.crash("out of memory");
  await expect(first).rejects.toThrow("analysis worker crashed: out of memory");
  expect(workers[0]!.state.terminated).toBe(true);
  void runAnalysis(job);
  expect(made()).toBe(2);
});

test("abort only cancels its own job while another runs in the same worker", async () => {
  const fake = fakeWorker({ terminable: true });
  const { runAnalysis } = createAnalysisClient(() => fake.worker);
  const controller = new AbortController();
  const aborted = runAnalysis(job, { signal: controller.signal });
  const other = runAnalysis(job);
  controller.abort();
  await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
  expect(fake.state.terminated).toBe(false);
  expect(fake.sent[2]).toEqual({ type: "cancel", id: (fake.sent[0] as { id: number }).id });
  fake.reply({ type: "result", id: (fake.sent[1] as { id: number }).id, result: { total: 3 } as never });
  await expect(other).resolves.toEqual({ total: 3 });
});

test("a worker error becomes a useful message", async () => {
  const fake = fakeWorker();
  const { runAnalysis } = createAnalysisClient(() => fake.worker);
  const promise = runAnalysis(job);
  fake.reply({ type: "error", id: (fake.sent[0] as { id: number }).id, name: "GeoInputError", message: "stations, feature \"x\": bad" });
  await expect(promise).rejects.toThrow('analysis failed: stations, feature "x": bad');
});
