import type { Feature, FeatureCollection, Geometry, GeoJsonProperties } from "geojson";
import { WGS84 } from "../crs/crs-info";
import { decodeText } from "./decode-text";
import { geoJsonCheckWarnings } from "./geojson-check";
import { cancelledError, fileMessage, ImportError, type ImportMessage } from "./import-error";
import type { ImportOptions, RawLayer } from "./types";

const GEOMETRY_TYPES = new Set(["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]);
/** Deeper GeometryCollections are refused: nobody needs them and recursion must stay bounded. */
const MAX_COLLECTION_DEPTH = 4;

type Check = { ok: true; geometry: Geometry } | { ok: false; problem: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function isPosition(value: unknown): value is number[] {
  return Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === "number" && Number.isFinite(n));
}

function positionsProblem(value: unknown, depth: number, minLength: number, ring: boolean): string | undefined {
  if (!Array.isArray(value)) return "coordinates are not an array";
  if (depth === 0) return isPosition(value) ? undefined : `position ${JSON.stringify(value).slice(0, 40)} is not [lng, lat] numbers`;
  if (depth === 1) {
    if (value.length < minLength) return `needs at least ${minLength} positions, has ${value.length}`;
    for (const p of value) if (!isPosition(p)) return `position ${JSON.stringify(p).slice(0, 40)} is not [lng, lat] numbers`;
    if (ring) {
      const first = value[0] as number[];
      const last = value[value.length - 1] as number[];
      if (first[0] !== last[0] || first[1] !== last[1]) return "a polygon ring is not closed";
    }
    return undefined;
  }
  for (const part of value) {
    const problem = positionsProblem(part, depth - 1, minLength, ring);
    if (problem) return problem;
  }
  return undefined;
}

function checkGeometry(value: unknown, depth = 0): Check {
  if (!isObject(value) || typeof value.type !== "string") return { ok: false, problem: "geometry has no type" };
  if (!GEOMETRY_TYPES.has(value.type)) return { ok: false, problem: `unknown geometry type "${String(value.type).slice(0, 40)}"` };
  if (value.type === "GeometryCollection") {
    if (depth >= MAX_COLLECTION_DEPTH || !Array.isArray(value.geometries)) return { ok: false, problem: "GeometryCollection is nested too deep or has no geometries" };
    for (const member of value.geometries) {
      const check = checkGeometry(member, depth + 1);
      if (!check.ok) return check;
    }
    return { ok: true, geometry: value as unknown as Geometry };
  }
  const shape: Record<string, [number, number, boolean]> = {
    Point: [0, 0, false],
    MultiPoint: [1, 1, false],
    LineString: [1, 2, false],
    MultiLineString: [2, 2, false],
    Polygon: [2, 4, true],
    MultiPolygon: [3, 4, true],
  };
  const [nesting, minLength, ring] = shape[value.type];
  const problem = positionsProblem(value.coordinates, nesting, minLength, ring);
  return problem ? { ok: false, problem: `${value.type}: ${problem}` } : { ok: true, geometry: value as unknown as Geometry };
}

function toFeatures(root: Record<string, unknown>, file: string): unknown[] {
  switch (root.type) {
    case "FeatureCollection":
      if (!Array.isArray(root.features)) throw new ImportError(file, { zh: "FeatureCollection 缺少 features 数组", en: 'FeatureCollection has no "features" array' });
      return root.features;
    case "Feature":
      return [root];
    default:
      if (typeof root.type === "string" && GEOMETRY_TYPES.has(root.type)) return [{ type: "Feature", properties: {}, geometry: root }];
      throw new ImportError(file, {
        zh: `不是 GeoJSON：根对象的 type 为 ${JSON.stringify(root.type ?? null).slice(0, 40)}`,
        en: `not GeoJSON: the root object's type is ${JSON.stringify(root.type ?? null).slice(0, 40)}`,
      });
  }
}

/** The old (2008) GeoJSON `crs` member, e.g. {"type":"name","properties":{"name":"EPSG:4549"}}. */
function declaredCrs(root: Record<string, unknown>): string | undefined {
  const crs = root.crs;
  if (!isObject(crs) || !isObject(crs.properties)) return undefined;
  return typeof crs.properties.name === "string" ? crs.properties.name : undefined;
}

/**
 * Reads GeoJSON text (UTF-8, BOM allowed) — a FeatureCollection, Feature or bare geometry — into raw layer
 * features. Features with broken geometry are skipped with a warning naming the feature; a broken root is
 * an ImportError. Properties are kept as the file has them.
 *
 * @example importGeoJson({ name: "a.geojson", bytes }, warnings, { onProgress }).fc.features.length
 */
export function importGeoJson(file: { name: string; bytes: Uint8Array }, warnings: ImportMessage[], options: ImportOptions = {}): RawLayer {
  const { text } = decodeText(file.bytes);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ImportError(file.name, { zh: `JSON 语法错误：${detail}`, en: `invalid JSON: ${detail}` });
  }
  if (!isObject(root)) throw new ImportError(file.name, { zh: "JSON 根不是对象", en: "the JSON root is not an object" });
  const features: Feature<Geometry | null>[] = [];
  const candidates = toFeatures(root, file.name);
  candidates.forEach((candidate, index) => {
    if (index % 10_000 === 0) {
      if (options.signal?.aborted) throw cancelledError(file.name);
      options.onProgress?.({ phase: "parse", done: index, total: candidates.length, unit: "features" });
    }
    const skip = (zh: string, en: string) => warnings.push(fileMessage(file.name, { zh: `${zh}，已跳过`, en: `${en}; skipped` }, index));
    if (!isObject(candidate) || candidate.type !== "Feature") return skip("不是 Feature 对象", "not a Feature object");
    let properties: GeoJsonProperties = {};
    if (isObject(candidate.properties)) properties = candidate.properties;
    else if (candidate.properties !== null && candidate.properties !== undefined) {
      warnings.push(fileMessage(file.name, { zh: "properties 不是对象，已置空", en: "properties is not an object; emptied" }, index));
    }
    let geometry: Geometry | null = null;
    if (candidate.geometry !== null && candidate.geometry !== undefined) {
      const check = checkGeometry(candidate.geometry);
      if (!check.ok) return skip(`几何无效（${check.problem}）`, `invalid geometry (${check.problem})`);
      geometry = check.geometry;
    }
    const id = typeof candidate.id === "string" || typeof candidate.id === "number" ? { id: candidate.id } : {};
    features.push({ type: "Feature", ...id, properties, geometry });
  });
  warnings.push(...geoJsonCheckWarnings(root, file.name));
  const fc: FeatureCollection<Geometry | null> = { type: "FeatureCollection", features };
  return {
    name: file.name.replace(/\.[^.]+$/, ""),
    fc,
    declaredCrs: declaredCrs(root),
    fallbackCrs: WGS84,
    notes: [{ zh: `GeoJSON：${features.length} 个要素`, en: `GeoJSON: ${features.length} features` }],
  };
}
