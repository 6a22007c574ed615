/**
 * `npm run data:build [-- --out <dir>]`: regenerates geodata/ (or writes into <dir>) from installed
 * npm packages and the hand-placed sources, and prints a summary per layer.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPackage } from "./data/build-package.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function parseOutDir(args: string[]): string {
  const at = args.indexOf("--out");
  if (at === -1) return join(ROOT, "geodata");
  const dir = args[at + 1];
  if (!dir) throw new Error("usage: tsx scripts/build-data.ts [--out <dir>]");
  return resolve(dir);
}

function main(): number {
  let outDir: string;
  try {
    outDir = parseOutDir(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  try {
    const built = buildPackage(ROOT);
    mkdirSync(outDir, { recursive: true });
    for (const [file, contents] of Object.entries(built.files)) writeFileSync(join(outDir, file), contents);
    console.log(`wrote ${Object.keys(built.files).length} files to ${outDir}`);
    console.log(`county area (geodesic, WGS84 outline): ${built.countyAreaKm2} km² (official 506.88 km²)`);
    for (const layer of built.summary) {
      const mix = Object.entries(layer.statusMix).map(([status, n]) => `${status} ${n}`).join(", ");
      console.log(`${layer.id.padEnd(19)} ${String(layer.features).padStart(4)} features  ${(layer.build ?? "").padEnd(11)}  ${mix}`);
      console.log(`${"".padEnd(19)} sources: ${layer.sources.join("; ")}`);
    }
    return 0;
  } catch (error) {
    console.error(`data:build failed: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = main();
