import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { FeatureCollection, Geometry } from "geojson";
import { ImportError } from "../import/import-error";

/** A layer the user has in the explorer (imported or derived), with whatever metadata the UI keeps. */
export interface ProjectLayer {
  id: string;
  name: string;
  fc: FeatureCollection<Geometry | null>;
  /** JSON-safe UI metadata: style, visibility, source CRS report, provenance, … */
  meta?: Record<string, unknown>;
}

/** Everything a saved project holds. All values must be JSON-representable (no NaN, Infinity, undefined). */
export interface Project {
  layers: ProjectLayer[];
  drawings: FeatureCollection<Geometry | null>;
  scenarios: unknown[];
  settings: Record<string, unknown>;
}

export const PROJECT_FORMAT = "jiashan-atlas-project";
export const PROJECT_VERSION = 1;
/** Unpacked size limit for project files. */
const MAX_PROJECT_BYTES = 500 * 1024 * 1024;
/** Fixed entry timestamps keep exports byte-for-byte reproducible (local-time constructor: zip stores local time). */
const ENTRY_TIME = new Date(2026, 0, 1);

interface ProjectJson {
  format: typeof PROJECT_FORMAT;
  version: number;
  settings: Record<string, unknown>;
  scenarios: unknown[];
  drawings: string;
  layers: { id: string; name: string; meta?: Record<string, unknown>; file: string }[];
}

/**
 * Packs a project into a zip: `project.json` (settings, scenarios, layer list with metadata) plus one
 * GeoJSON file per layer and `drawings.geojson`. Layer files are named by position, never by user text.
 *
 * @example const bytes = exportProject({ layers, drawings, scenarios, settings }); // save as *.jsatlas.zip
 */
export function exportProject(project: Project): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const layers = project.layers.map((layer, index) => {
    const file = `layers/${String(index + 1).padStart(3, "0")}.geojson`;
    files[file] = strToU8(JSON.stringify(layer.fc));
    return { id: layer.id, name: layer.name, ...(layer.meta === undefined ? {} : { meta: layer.meta }), file };
  });
  files["drawings.geojson"] = strToU8(JSON.stringify(project.drawings));
  const manifest: ProjectJson = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    settings: project.settings,
    scenarios: project.scenarios,
    drawings: "drawings.geojson",
    layers,
  };
  files["project.json"] = strToU8(JSON.stringify(manifest, null, 2));
  return zipSync(files, { mtime: ENTRY_TIME, level: 6 });
}

function fail(file: string, zh: string, en: string): never {
  throw new ImportError(file, { zh, en });
}

function parseJson(entries: Record<string, Uint8Array>, path: string, file: string): unknown {
  const bytes = entries[path] ?? fail(file, `项目文件缺少 ${path}`, `the project file lacks ${path}`);
  try {
    return JSON.parse(strFromU8(bytes));
  } catch (error) {
    return fail(file, `${path} 不是有效 JSON：${(error as Error).message}`, `${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function isFeatureCollection(value: unknown): value is FeatureCollection<Geometry | null> {
  return typeof value === "object" && value !== null && (value as FeatureCollection).type === "FeatureCollection" && Array.isArray((value as FeatureCollection).features);
}

/**
 * Reads a project zip written by `exportProject`. Round-trips exactly (deep-equal) for JSON-representable
 * data. Anything else (not a zip, another format, a newer version, missing files) is an ImportError.
 *
 * @example const project = importProject(bytes, "my-project.zip");
 */
export function importProject(bytes: Uint8Array, fileName = "project.zip"): Project {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (entry) => (total += entry.originalSize) <= MAX_PROJECT_BYTES });
  } catch (error) {
    return fail(fileName, `不是有效的项目压缩包：${(error as Error).message}`, `not a valid project archive: ${(error as Error).message}`);
  }
  if (total > MAX_PROJECT_BYTES) fail(fileName, "项目文件解压后过大", "the project file unpacks to more than the size limit");
  const manifest = parseJson(entries, "project.json", fileName) as Partial<ProjectJson>;
  if (manifest?.format !== PROJECT_FORMAT) fail(fileName, "不是嘉善图集项目文件", "not a Jiashan Atlas project file");
  if (typeof manifest.version !== "number" || manifest.version > PROJECT_VERSION) {
    fail(fileName, `项目文件版本 ${String(manifest.version)} 高于本程序支持的 ${PROJECT_VERSION}`, `project version ${String(manifest.version)} is newer than this app supports (${PROJECT_VERSION})`);
  }
  if (!Array.isArray(manifest.layers) || !Array.isArray(manifest.scenarios) || typeof manifest.settings !== "object" || manifest.settings === null) {
    fail(fileName, "project.json 结构不完整", "project.json is incomplete");
  }
  const collection = (path: string) => {
    const value = parseJson(entries, path, fileName);
    return isFeatureCollection(value) ? value : fail(fileName, `${path} 不是 FeatureCollection`, `${path} is not a FeatureCollection`);
  };
  const layers = manifest.layers.map((entry) => {
    if (typeof entry?.id !== "string" || typeof entry.name !== "string" || typeof entry.file !== "string") fail(fileName, "图层条目不完整", "a layer entry is incomplete");
    return { id: entry.id, name: entry.name, ...(entry.meta === undefined ? {} : { meta: entry.meta }), fc: collection(entry.file) };
  });
  return { layers, drawings: collection(typeof manifest.drawings === "string" ? manifest.drawings : "drawings.geojson"), scenarios: manifest.scenarios, settings: manifest.settings as Record<string, unknown> };
}
