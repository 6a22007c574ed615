import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature } from "geojson";
import { describe, expect, it, vi } from "vitest";
import { FIXTURE_DIR } from "../../../scripts/make-import-fixtures";
import { importInWorker, type ImportWorker } from "./client";
import { ImportError } from "./import-error";
import { importFile } from "./import-file";
import { xmldomParseXml } from "./xmldom-parse-xml";
import { handleImportRequest, resultMessages } from "./import-worker-handler";
import type { WorkerMessage, WorkerRequest } from "./worker-messages";

const fixtureFile = (name: string) => new File([readFileSync(join(FIXTURE_DIR, name))], name);

/** Runs the real worker code in-process with the same ack flow control; messages are structured-cloned. */
function createInProcessWorker() {
  let acknowledge: (() => void) | undefined;
  const worker: ImportWorker & { terminated: boolean; acks: number } = {
    onmessage: null,
    onerror: null,
    terminated: false,
    acks: 0,
    postMessage(request: WorkerRequest) {
      if (request.type === "ack") {
        worker.acks++;
        acknowledge?.();
        return;
      }
      // Node 20 cannot structured-clone a File (browsers can), so the request goes across as is.
      const post = (message: WorkerMessage) => {
        if (!worker.terminated) setTimeout(() => worker.onmessage?.({ data: structuredClone(message) } as MessageEvent<WorkerMessage>));
      };
      void handleImportRequest(request, post, () => new Promise<void>((resolve) => (acknowledge = resolve)));
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}

describe("importInWorker", () => {
  it("gives the same result as importFile, with progress", async () => {
    const progress: string[] = [];
    const viaWorker = await importInWorker(fixtureFile("jiashan-gk120.zip"), {}, { createWorker: () => createInProcessWorker(), onProgress: (p) => progress.push(p.phase) });
    const direct = await importFile({ name: "jiashan-gk120.zip", bytes: new Uint8Array(readFileSync(join(FIXTURE_DIR, "jiashan-gk120.zip"))) }, { parseXml: xmldomParseXml });
    expect(viaWorker).toEqual(direct);
    expect(progress).toContain("convert");
  });

  it("reads KML in the worker through xmldom and keeps raw === fc when nothing was converted", async () => {
    const worker = createInProcessWorker();
    const result = await importInWorker(fixtureFile("jiashan-places.kmz"), {}, { createWorker: () => worker });
    expect(worker.acks).toBe(1);
    if (result.kind !== "layers") throw new Error("expected layers");
    expect(result.layers[0].fc.features).toHaveLength(5);
    expect(result.layers[0].raw).toBe(result.layers[0].fc);
  });

  it("rejects with the worker's ImportError, texts intact", async () => {
    const error = await importInWorker(new File(["{ nope"], "broken.geojson"), {}, { createWorker: () => createInProcessWorker() }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error.file).toBe("broken.geojson");
    expect(error.problem.zh).toContain("JSON 语法错误");
  });

  it("refuses oversized files before starting a worker", async () => {
    const createWorker = vi.fn(() => createInProcessWorker());
    const error = await importInWorker(new File([new Uint8Array(4096)], "big.csv"), { maxBytes: 1024 }, { createWorker }).catch((e) => e);
    expect(error.problem.en).toMatch(/too large/);
    expect(createWorker).not.toHaveBeenCalled();
  });

  it("cancels: terminates the worker and rejects", async () => {
    const controller = new AbortController();
    const worker = createInProcessWorker();
    const pending = importInWorker(fixtureFile("jiashan-gk120.zip"), {}, { createWorker: () => worker, signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e) => e);
    expect(error.problem.en).toContain("cancelled");
    expect(worker.terminated).toBe(true);
  });
});

describe("resultMessages", () => {
  it("chunks big collections so no single message carries more than 2,000 features or ~20,000 positions", async () => {
    const features: Feature[] = Array.from({ length: 12_000 }, (_, i) => ({ type: "Feature", properties: { i }, geometry: { type: "Point", coordinates: [120.9 + i * 1e-6, 30.8] } }));
    const line: Feature = { type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: Array.from({ length: 120_000 }, (_, i) => [120.9 + i * 1e-7, 30.8]) } };
    const bytes = new TextEncoder().encode(JSON.stringify({ type: "FeatureCollection", features: [...features, line] }));
    const result = await importFile({ name: "many.geojson", bytes });
    const messages = [...resultMessages(result)];
    const chunks = messages.filter((m): m is Extract<WorkerMessage, { type: "features" }> => m.type === "features");
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const chunk of chunks) expect(chunk.features.length).toBeLessThanOrEqual(2_000);
    expect(chunks.reduce((n, c) => n + c.features.length, 0)).toBe(12_001);
    expect(messages.at(-1)!.type).toBe("done");
  });
});
