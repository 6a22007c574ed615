/**
 * `npm run bench:ab -- <outDir> <outDir> [...]`: compares production builds of the app (made with
 * `vite build --outDir <dir>`) by loading them in turn, in fresh Chromium profiles, RUNS times each
 * (default 11), and printing per build the median navigation → map idle and the median CPU time of
 * Chromium's GPU process per load (Linux: read from /proc).
 *
 * Why this exists: on a shared VM the same build's median drifts by ±0.2 s between bench runs, so
 * two separate `bench:load` runs cannot tell a 0.1 s change. Interleaving the builds load by load
 * exposes them to the same drift; the GPU process's CPU time, the busiest part of start-up on
 * software WebGL, moves with what a change saves even when the wall time is noisy.
 */
import { readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { ROOT, serveDist } from "../test/browser/harness.ts";
import { timeToIdle } from "./fresh-load.ts";
import { median } from "./median.ts";

const dirs = process.argv.slice(2);
const RUNS = Number(process.env.RUNS ?? 11);
if (dirs.length < 2) {
  console.error("usage: npm run bench:ab -- <outDir> <outDir> [...]   (builds made with vite build --outDir <dir>)");
  process.exit(2);
}

/** CPU milliseconds used so far by every running Chromium GPU process. */
function gpuProcessCpuMs(): number {
  let ms = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--type=gpu-process")) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ms += (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 10 ms ticks
    } catch {
      // the process ended while being read
    }
  }
  return ms;
}

const servers = await Promise.all(dirs.map((dir) => serveDist({ outDir: isAbsolute(dir) ? dir : join(ROOT, dir) })));
const results = dirs.map(() => ({ idle: [] as number[], gpu: [] as number[] }));
try {
  for (let run = 0; run < RUNS; run++) {
    for (const [i, server] of servers.entries()) {
      let gpu = 0;
      results[i]!.idle.push(await timeToIdle(server.baseUrl, { onIdle: () => (gpu = gpuProcessCpuMs()) }));
      results[i]!.gpu.push(gpu);
    }
  }
  console.log(`A/B: ${RUNS} interleaved fresh-profile loads per build`);
  for (const [i, dir] of dirs.entries()) {
    const r = results[i]!;
    console.log(`  ${dir.padEnd(24)} idle ${median(r.idle)} ms (runs: ${r.idle.join(", ")})   GPU process ${median(r.gpu)} ms CPU`);
  }
} finally {
  await Promise.all(servers.map((s) => s.close()));
}
