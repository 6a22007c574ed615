import { expect, test } from "vitest";
import { createAnalysisClient, type WorkerLike } from "./client.ts";
import type { AnalysisJob, WorkerRequest, WorkerResponse } from "./jobs.ts";

/** A fake worker that records requests and lets the test answer them. */
function fakeWorker() {
  const sent: WorkerRequest[] = [];
  let listener: ((event: MessageEvent<WorkerResponse>) => void) | undefined;
  const worker: WorkerLike = {
    postMessage: (message) => { sent.push(message); },
    addEventListener: ((type: string, l: (event: MessageEvent<WorkerResponse>) => void) => { if (type === "message") listener = l; }) as WorkerLike["addEventListener"],
  };
  return { worker, sent, reply: (message: WorkerResponse) => listener!({ data: message } as MessageEvent<WorkerResponse>) };
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

test("a worker error becomes a useful message", async () => {
  const fake = fakeWorker();
  const { runAnalysis } = createAnalysisClient(() => fake.worker);
  const promise = runAnalysis(job);
  fake.reply({ type: "error", id: (fake.sent[0] as { id: number }).id, name: "GeoInputError", message: "stations, feature \"x\": bad" });
  await expect(promise).rejects.toThrow('analysis failed: stations, feature "x": bad');
});
