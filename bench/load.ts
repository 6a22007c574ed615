/**
 * `npm run bench:load`: serves the production build and, in headless Chromium, measures the time from
 * navigation to the first map idle with the default layers (median of N fresh browser profiles) and
 * the gzip size of the JavaScript the first view loads. Compared with a naive baseline measured in
 * the same run: the same page with every code chunk (deck.gl included) loaded eagerly up front.
 * Targets (issue #2): idle ≤ 2.0 s; first-view JS ≤ 650 kB gzip.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launch, mapIdle, ROOT, serveDist } from "../test/browser/harness.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const json = process.argv.includes("--json");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(url: string, eagerAll: boolean): Promise<{ idleMs: number; jsGzipBytes: number }> {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const js = new Map<string, number>();
    page.on("response", async (res) => {
      if (!/\.m?js(\?|$)/.test(res.url()) || res.request().resourceType() === "worker") return;
      const body = await res.body().catch(() => null);
      if (body) js.set(res.url(), gzipSync(body).length);
    });
    if (eagerAll) {
      // Baseline: every chunk the build produced is fetched and evaluated before the app starts.
      const chunks = readdirSync(join(ROOT, "dist/assets")).filter((f) => f.endsWith(".js"));
      await page.addInitScript((names: string[]) => {
        (window as unknown as { __eager: Promise<unknown> }).__eager = Promise.all(names.map((n) => import(`/assets/${n}`).catch(() => null)));
      }, chunks);
    }
    const start = Date.now();
    await page.goto(url);
    if (eagerAll) await page.evaluate(() => (window as unknown as { __eager: Promise<unknown> }).__eager);
    await mapIdle(page, 60_000);
    const idleMs = Date.now() - start;
    await page.waitForTimeout(200);
    return { idleMs, jsGzipBytes: [...js.values()].reduce((a, b) => a + b, 0) };
  } finally {
    await browser.close();
  }
}

const served = await serveDist();
try {
  const fast: { idleMs: number; jsGzipBytes: number }[] = [];
  const naive: { idleMs: number; jsGzipBytes: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    fast.push(await measure(served.baseUrl, false));
    naive.push(await measure(served.baseUrl, true));
  }
  const result = {
    runs: RUNS,
    idle_ms: median(fast.map((r) => r.idleMs)),
    baseline_idle_ms: median(naive.map((r) => r.idleMs)),
    first_view_js_gzip_kb: Math.round(median(fast.map((r) => r.jsGzipBytes)) / 1024),
    baseline_js_gzip_kb: Math.round(median(naive.map((r) => r.jsGzipBytes)) / 1024),
    dist_js_total_gzip_kb: Math.round(
      readdirSync(join(ROOT, "dist/assets")).filter((f) => /\.m?js$/.test(f)).reduce((sum, f) => sum + gzipSync(readFileSync(join(ROOT, "dist/assets", f))).length, 0) / 1024,
    ),
    targets: { idle_ms: 2000, first_view_js_gzip_kb: 650 },
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(`load benchmark (median of ${RUNS} fresh profiles, headless Chromium, SwiftShader WebGL)`);
    console.log(`  navigation → map idle      ${result.idle_ms} ms   (baseline, all chunks eager: ${result.baseline_idle_ms} ms; ratio ${(result.baseline_idle_ms / result.idle_ms).toFixed(2)}×)  target ≤ 2000 ms`);
    console.log(`  first-view JS (gzip)       ${result.first_view_js_gzip_kb} kB  (baseline: ${result.baseline_js_gzip_kb} kB; ratio ${(result.baseline_js_gzip_kb / result.first_view_js_gzip_kb).toFixed(2)}×)  target ≤ 650 kB`);
    console.log(`  all JS in dist (gzip)      ${result.dist_js_total_gzip_kb} kB`);
  }
} finally {
  await served.close();
}
