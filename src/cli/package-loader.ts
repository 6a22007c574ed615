/**
 * Node-side reading of a data package (manifest.json + layer files) for the analysis commands, and the
 * small amount of CLI plumbing they share: argument parsing and turning errors into exit codes.
 */
import { readFileSync, existsSync, statSync } from "node:fs";
import { resolve, dirname, isAbsolute } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { fileURLToPath } from "node:url";
import type { FeatureCollection } from "geojson";
import { LAYER_KINDS, STATUS_RANK, type Manifest, type ManifestLayer, type Status } from "../data/types.ts";
import { GeoInputError, assertValidCollection } from "../analysis/validate-geojson.ts";
import type { LifeCircleStandards } from "../analysis/life-circle.ts";

/** Wrong usage (unknown option, unknown layer, bad number): exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
/** The package is unreadable or invalid: exit code 1. */
export class PackageError extends Error {
  override name = "PackageError";
}

export const DEFAULT_PACKAGE_DIR = "geodata";

export interface LoadedLayer {
  /** Manifest entry, or a synthetic one for a file given by path. */
  layer: Pick<ManifestLayer, "id" | "kind" | "file" | "status"> & { fromFile?: boolean };
  path: string;
  collection: FeatureCollection;
}

export interface DataPackage {
  dir: string;
  manifest: Manifest;
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new PackageError(`${what}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PackageError(`${what}: ${path} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Reads `<dir>/manifest.json`.
 * @example const pkg = loadPackage("geodata"); pkg.manifest.layers.length
 */
export function loadPackage(dir: string = DEFAULT_PACKAGE_DIR): DataPackage {
  const manifestPath = resolve(dir, "manifest.json");
  if (!existsSync(manifestPath)) throw new PackageError(`no data package at ${dir}: ${manifestPath} does not exist`);
  const manifest = readJson(manifestPath, "manifest") as Manifest;
  if (!manifest || !Array.isArray(manifest.layers)) throw new PackageError(`${manifestPath}: "layers" must be an array`);
  return { dir: resolve(dir), manifest };
}

function readCollection(path: string, label: string): FeatureCollection {
  const collection = readJson(path, label) as FeatureCollection;
  try {
    assertValidCollection(collection, `${label} (${path})`);
  } catch (error) {
    throw new PackageError((error as Error).message);
  }
  return collection;
}

/**
 * Finds a layer by manifest id, then by kind (first layer of that kind), then as a GeoJSON file path.
 * Throws a {@link UsageError} listing what is available when nothing matches.
 * @example resolveLayer(pkg, "emergency").collection.features.length
 */
export function resolveLayer(pkg: DataPackage, ref: string): LoadedLayer {
  const entry = pkg.manifest.layers.find((l) => l.id === ref) ?? pkg.manifest.layers.find((l) => l.kind === ref);
  if (entry) {
    const path = resolve(pkg.dir, entry.file);
    return { layer: entry, path, collection: readCollection(path, `layer "${entry.id}"`) };
  }
  const path = isAbsolute(ref) ? ref : resolve(ref);
  if (/\.(geo)?json$/i.test(ref) && existsSync(path) && statSync(path).isFile()) {
    const collection = readCollection(path, `file ${ref}`);
    return { layer: { id: ref, kind: "imported" as ManifestLayer["kind"], file: ref, status: worstStatus(collection) ?? "approximate", fromFile: true }, path, collection };
  }
  const known = pkg.manifest.layers.map((l) => `${l.id} (${l.kind})`).join(", ");
  throw new UsageError(`unknown layer "${ref}": not a layer id or kind in ${pkg.dir}/manifest.json, nor a .geojson file (layers: ${known || "none"}; kinds: ${LAYER_KINDS.join(", ")})`);
}

/** The first layer of a kind, or undefined when the package has none. */
export function layerOfKind(pkg: DataPackage, kind: string): LoadedLayer | undefined {
  return pkg.manifest.layers.some((l) => l.kind === kind) ? resolveLayer(pkg, kind) : undefined;
}

/** The least trustworthy `status` among the features (undefined when none carries one). */
export function worstStatus(collection: FeatureCollection): Status | undefined {
  let worst: Status | undefined;
  for (const feature of collection.features) {
    const status = (feature.properties ?? {})["status"] as Status | undefined;
    if (status && status in STATUS_RANK && (!worst || STATUS_RANK[status] < STATUS_RANK[worst])) worst = status;
  }
  return worst;
}

/**
 * Default service radius per emergency tier from `<dir>/emergency-standards.json`
 * (`tiers.<tier>.service_radius_m`); empty when the file is absent.
 */
export function loadTierRadii(pkg: DataPackage): Record<string, number> {
  const path = resolve(pkg.dir, "emergency-standards.json");
  if (!existsSync(path)) return {};
  const data = readJson(path, "emergency standards") as { tiers?: Record<string, { service_radius_m?: unknown }> };
  const radii: Record<string, number> = {};
  for (const [tier, spec] of Object.entries(data.tiers ?? {})) {
    if (typeof spec?.service_radius_m === "number") radii[tier] = spec.service_radius_m;
  }
  return radii;
}

/** `<dir>/standards/life-circle.json`, falling back to the repository's geodata/standards. */
export function loadLifeCircleStandards(pkg: DataPackage): LifeCircleStandards {
  const own = resolve(pkg.dir, "standards/life-circle.json");
  const fallback = resolve(dirname(fileURLToPath(import.meta.url)), "../../geodata/standards/life-circle.json");
  const path = existsSync(own) ? own : fallback;
  const standards = readJson(path, "life-circle standards") as LifeCircleStandards;
  if (!Array.isArray(standards?.levels) || !Array.isArray(standards?.categories)) throw new PackageError(`${path}: expected "levels" and "categories" arrays`);
  return standards;
}

/** Parses options with node:util, turning its errors into {@link UsageError}s. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A number option: undefined when absent; a {@link UsageError} when not a number in range. */
export function numberOption(value: string | undefined, name: string, { min = -Infinity, integer = false } = {}): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < min || (integer && !Number.isInteger(number))) {
    throw new UsageError(`--${name} must be ${integer ? "an integer" : "a number"}${min > -Infinity ? ` ≥ ${min}` : ""} (got "${value}")`);
  }
  return number;
}

/**
 * Runs a command body and maps errors to exit codes: usage 2, bad data 1. Unexpected errors are
 * re-thrown for the dispatcher (exit 3); none of them prints a stack trace.
 */
export async function runCommand(name: string, usage: string, args: string[], body: () => Promise<number> | number): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usage);
    return 0;
  }
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`atlas ${name}: ${error.message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof PackageError || error instanceof GeoInputError) {
      console.error(`atlas ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/** Fixed-width table for human output (CJK characters count double). */
export function formatTable(header: string[], rows: Array<Array<string | number>>): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => width(r[c] ?? ""))));
  const line = (r: string[]) => r.map((cell, c) => (rows.some((r) => typeof r[c] === "number") ? " ".repeat(widths[c]! - width(cell)) + cell : cell + " ".repeat(widths[c]! - width(cell)))).join("  ");
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}
