/**
 * `npm run bench:load`: serves the production build and, in headless Chromium, measures the time from
 * navigation to the first map idle with the default layers (median of N fresh browser profiles) and
 * the gzip size of the JavaScript the first view loads. Two baselines are measured in the same run:
 * the naive one, the same page with every code chunk (deck.gl included) loaded eagerly up front; and
 * the floor, MapLibre alone with an empty style (bench/floor), which no map page can beat here.
 * Timed loads run without request interception: Playwright's routing turns off the HTTP cache and
 * sends every request through this process. JavaScript sizes come from one separate, observed load.
 * Targets (issue #2): idle ≤ 2.0 s; first-view JS ≤ 650 kB gzip.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launch, mapIdle, ROOT, serveDist } from "../test/browser/harness.ts";
import { importEverything, timeToIdle } from "./fresh-load.ts";
import { median } from "./median.ts";

const FLOOR_OUT = join(ROOT, "dist-bench-floor");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const json = process.argv.includes("--json");

/** Gzip bytes of the JavaScript a load fetches (worker scripts aside), observed on one load. */
async function firstViewJs(url: string, eagerAll: boolean): Promise<number> {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const js = new Map<string, number>();
    page.on("response", async (res) => {
      if (!/\.m?js(\?|$)/.test(res.url()) || res.request().resourceType() === "worker") return;
      const body = await res.body().catch(() => null);
      if (body) js.set(res.url(), gzipSync(body).length);
    });
    if (eagerAll) await importEverything(page);
    await page.goto(url);
    await mapIdle(page, 60_000);
    await page.waitForTimeout(500);
    return [...js.values()].reduce((a, b) => a + b, 0);
  } finally {
    await browser.close();
  }
}

execFileSync(join(ROOT, "node_modules/.bin/vite"), ["build", "bench/floor", "--outDir", FLOOR_OUT, "--emptyOutDir", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
const served = await serveDist();
const floor = await serveDist({ root: "bench/floor", outDir: FLOOR_OUT });
try {
  const app: number[] = [];
  const naive: number[] = [];
  const empty: number[] = [];
  // Interleaved, so a slow spell of the machine touches all three alike.
  for (let i = 0; i < RUNS; i++) {
    app.push(await timeToIdle(served.baseUrl));
    naive.push(await timeToIdle(served.baseUrl, { eagerAll: true }));
    empty.push(await timeToIdle(floor.baseUrl));
  }
  const appJs = await firstViewJs(served.baseUrl, false);
  const naiveJs = await firstViewJs(served.baseUrl, true);
  const result = {
    runs: RUNS,
    idle_ms: median(app),
    idle_ms_all: app,
    baseline_idle_ms: median(naive),
    floor_idle_ms: median(empty),
    first_view_js_gzip_kb: Math.round(appJs / 1024),
    baseline_js_gzip_kb: Math.round(naiveJs / 1024),
    dist_js_total_gzip_kb: Math.round(
      readdirSync(join(ROOT, "dist/assets")).filter((f) => /\.m?js$/.test(f)).reduce((sum, f) => sum + gzipSync(readFileSync(join(ROOT, "dist/assets", f))).length, 0) / 1024,
    ),
    targets: { idle_ms: 2000, first_view_js_gzip_kb: 650 },
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`load benchmark (median of ${RUNS} fresh profiles, headless Chromium, SwiftShader WebGL)`);
    console.log(`  navigation → map idle      ${result.idle_ms} ms   (runs: ${app.join(", ")})  target ≤ 2000 ms`);
    console.log(`    naive, all chunks eager  ${result.baseline_idle_ms} ms   (ratio ${(result.baseline_idle_ms / result.idle_ms).toFixed(2)}×)`);
    console.log(`    floor, empty MapLibre    ${result.floor_idle_ms} ms   (the app costs ${result.idle_ms - result.floor_idle_ms} ms beyond it)`);
    console.log(`  first-view JS (gzip)       ${result.first_view_js_gzip_kb} kB  (baseline: ${result.baseline_js_gzip_kb} kB; ratio ${(result.baseline_js_gzip_kb / result.first_view_js_gzip_kb).toFixed(2)}×)  target ≤ 650 kB`);
    console.log(`  all JS in dist (gzip)      ${result.dist_js_total_gzip_kb} kB`);
  }
} finally {
  await served.close();
  await floor.close();
}
