/**
 * Validation of a whole data package: manifest.json plus every layer file it lists, with the
 * atlas's provenance rules. File access is injected (`readFile`), so this runs in Node and in the
 * browser alike.
 */
import type { FeatureCollection } from "geojson";
import { KIND_GEOMETRIES, LAYER_KINDS, STATUSES, STATUS_RANK, type Manifest, type ManifestLayer, type Status } from "../../data/types.ts";
import { IssueCollector, type Level, type RuleId } from "./issue-collector.ts";
import { describeKind, isJsonObject as isObject } from "./json-value.ts";
import { parseJsonText } from "./parse-json-text.ts";
import { makeReport, mergeReports, type Issue, type ValidationReport } from "./types.ts";
import { checkGeoJsonText, featureLabel, type ValidateGeoJsonOptions } from "./validate-geojson.ts";

/**
 * Reads a file of the package by its path relative to the manifest; null when it does not exist.
 * It may throw an Error whose message explains why a file cannot be read (too large, not UTF-8…).
 */
export type ReadPackageFile = (relativePath: string) => Promise<string | null>;

/** One layer as loaded for package checks; `collection` is null when the file is missing or not a FeatureCollection. */
export interface LoadedLayer {
  layer: ManifestLayer;
  /** The file's name as it appears in issues (package directory + relative path). */
  fileName: string;
  collection: FeatureCollection | null;
}

/** Everything a package-wide check may look at. */
export interface PackageCheckContext {
  dirName: string;
  manifest: Manifest;
  layers: LoadedLayer[];
  readFile: ReadPackageFile;
  /** Joins the package directory and a relative path, for `Issue.file`. */
  displayPath(relativePath: string): string;
}

/**
 * A package-wide rule. Register new ones with {@link registerPackageCheck}; e.g. the planned story
 * check (chapters naming unknown layer ids, missing translations, figures without a source).
 */
export interface PackageCheck {
  name: string;
  run(context: PackageCheckContext): Promise<{ errors: Issue[]; warnings: Issue[] }> | { errors: Issue[]; warnings: Issue[] };
}

const registeredChecks: PackageCheck[] = [];

/**
 * Adds a check that {@link validatePackage} runs after the built-in ones. Returns a function that
 * removes it again (for tests).
 *
 * @example
 * const unregister = registerPackageCheck({ name: "story", run: (context) => checkStory(context) });
 */
export function registerPackageCheck(check: PackageCheck): () => void {
  registeredChecks.push(check);
  return () => {
    const index = registeredChecks.indexOf(check);
    if (index !== -1) registeredChecks.splice(index, 1);
  };
}

export interface ValidatePackageOptions extends ValidateGeoJsonOptions {
  /** Checks to run instead of the registered ones. @default the checks added with registerPackageCheck */
  checks?: PackageCheck[];
}

export const MANIFEST_FILE = "manifest.json";

const LAYER_GEOMETRIES = ["Point", "LineString", "Polygon", "Mixed", "None"] as const;
const GEOMETRY_TYPES_BY_LAYER: Record<string, string[]> = {
  Point: ["Point", "MultiPoint"],
  LineString: ["LineString", "MultiLineString"],
  Polygon: ["Polygon", "MultiPolygon"],
};
const PROVENANCE_TEXT_FIELDS = ["id", "name", "name_en", "source", "method"] as const;

/**
 * Validates a data package: the manifest's schema, that every layer file exists and is valid
 * GeoJSON, provenance on every feature, unique layer and feature ids, and that no layer claims a
 * better status than its worst feature. Then runs the registered package checks. A valid `county`
 * layer serves as the reference outline for the GCJ-02/BD-09 offset check of the other layers.
 *
 * @example
 * const report = await validatePackage((path) => fs.readFile(`geodata/${path}`, "utf8").catch(() => null), "geodata");
 * report.ok // → true when the package can ship
 */
export async function validatePackage(readFile: ReadPackageFile, dirName: string, options: ValidatePackageOptions = {}): Promise<ValidationReport> {
  const displayPath = (relativePath: string) => (dirName === "" || dirName === "." ? relativePath : `${dirName.replace(/[\\/]+$/, "")}/${relativePath}`);
  const manifestName = displayPath(MANIFEST_FILE);
  const manifestIssues = new IssueCollector(manifestName);
  const manifestText = await readFile(MANIFEST_FILE);
  if (manifestText === null) {
    manifestIssues.error("file-missing", null, `${MANIFEST_FILE} not found; a package directory needs one`);
    return manifestIssues.report();
  }
  const parsed = parseJsonText(manifestText, manifestName, options.maxChars);
  if (!parsed.ok) {
    manifestIssues.push("error", parsed.issue);
    return manifestIssues.report();
  }
  const manifest = checkManifest(parsed.value, manifestIssues);
  if (!manifest) return manifestIssues.report();

  const reports: ValidationReport[] = [manifestIssues.report()];
  const layers: LoadedLayer[] = [];
  // The county outline is checked first and, if valid, becomes the reference for spotting
  // GCJ-02/BD-09 offsets in the other layers (unless the caller gave a reference).
  const countyFirst = manifest.layers.filter((layer) => isObject(layer)).sort((a, b) => Number(b.kind === "county") - Number(a.kind === "county"));
  let reference = options.reference;
  for (const layer of countyFirst) {
    if (typeof layer.file !== "string" || typeof layer.id !== "string" || !isSafeRelativePath(layer.file)) continue;
    const fileName = displayPath(layer.file);
    let text: string | null;
    try {
      text = await readFile(layer.file);
    } catch (readError) {
      // e.g. the CLI refusing an oversized file before reading it
      const reason = readError instanceof Error ? readError.message : String(readError);
      reports.push(singleIssue("error", "file-missing", fileName, null, `layer "${layer.id}": cannot read "${layer.file}": ${reason}`));
      layers.push({ layer, fileName, collection: null });
      continue;
    }
    if (text === null) {
      reports.push(singleIssue("error", "file-missing", manifestName, null, `layer "${layer.id}": file "${layer.file}" not found`));
      layers.push({ layer, fileName, collection: null });
      continue;
    }
    const checked = checkGeoJsonText(text, fileName, { ...options, reference: layer.kind === "county" ? options.reference : reference });
    reports.push(checked.report);
    const collection = isFeatureCollection(checked.value) ? checked.value : null;
    if (layer.kind === "county" && collection && checked.report.ok) reference ??= collection;
    if (checked.value !== undefined && !collection) {
      reports.push(singleIssue("error", "not-geojson", fileName, null, `layer "${layer.id}": a layer file must hold a FeatureCollection`));
    }
    if (collection) reports.push(checkLayerFeatures(layer, collection, fileName));
    layers.push({ layer, fileName, collection });
  }
  reports.push(checkDuplicateFeatureIds(layers));

  const context: PackageCheckContext = { dirName, manifest, layers, readFile, displayPath };
  for (const check of options.checks ?? registeredChecks) {
    const found = await check.run(context);
    reports.push(makeReport(found.errors, found.warnings));
  }
  return mergeReports(reports);
}

function singleIssue(level: Level, rule: RuleId, file: string, feature: string | null, message: string): ValidationReport {
  const collector = new IssueCollector(file);
  collector.add(level, rule, feature, message);
  return collector.report();
}

const isText = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";
const isBilingual = (value: unknown) => isObject(value) && isText(value.zh) && isText(value.en);

function isFeatureCollection(value: unknown): value is FeatureCollection {
  return isObject(value) && value.type === "FeatureCollection" && Array.isArray(value.features);
}

/** Relative, inside the package, forward slashes: what the browser can fetch next to the manifest. */
function isSafeRelativePath(path: string): boolean {
  return path !== "" && !path.startsWith("/") && !/^[a-z]+:/i.test(path) && !path.includes("\\") && !path.split("/").includes("..");
}

/** Checks the manifest's shape; returns it typed when its layer list is usable, else null. */
function checkManifest(value: unknown, issues: IssueCollector): Manifest | null {
  if (!isObject(value)) {
    issues.error("manifest", null, `the manifest must be a JSON object, found ${describeKind(value)}`);
    return null;
  }
  if (!isText(value.name)) issues.error("manifest", null, `"name" must be a non-empty string`);
  if (!isBilingual(value.title)) issues.error("manifest", null, `"title" must be { "zh": "…", "en": "…" } with both texts filled in`);
  if (!isText(value.version)) issues.error("manifest", null, `"version" must be a non-empty string`);
  if (value.crs !== "EPSG:4326") issues.error("manifest", null, `"crs" must be "EPSG:4326" (WGS84 longitude/latitude), found ${JSON.stringify(value.crs) ?? "nothing"}`);
  if (!Array.isArray(value.layers)) {
    issues.error("manifest", null, `"layers" must be an array of layer entries`);
    return null;
  }
  const seenIds = new Set<string>();
  const seenFiles = new Map<string, string>();
  value.layers.forEach((layer: unknown, index) => {
    if (!isObject(layer)) {
      issues.error("manifest", null, `layers[${index}] must be an object`);
      return;
    }
    const name = isText(layer.id) ? `layer "${layer.id}"` : `layers[${index}]`;
    const problem = (message: string) => issues.error("manifest", null, `${name}: ${message}`);
    if (!isText(layer.id)) problem(`"id" must be a non-empty string`);
    else if (seenIds.has(layer.id)) problem(`duplicate layer id "${layer.id}"`);
    // The map names a layer's derived sources "<id>:<part>" and tells them apart by the colon.
    else if (layer.id.includes(":")) problem(`"id" must not contain ":" (the map reserves it for the sources it derives from a layer)`);
    else seenIds.add(layer.id);
    if (!(LAYER_KINDS as readonly unknown[]).includes(layer.kind)) problem(`unknown "kind" ${JSON.stringify(layer.kind)}; expected one of ${LAYER_KINDS.join(", ")}`);
    if (!isText(layer.file)) problem(`"file" must be a path relative to the manifest`);
    else if (!isSafeRelativePath(layer.file)) problem(`"file" "${layer.file}" must be a relative path inside the package (no "..", no leading "/", forward slashes)`);
    else if (!/\.(geo)?json$/i.test(layer.file)) problem(`"file" "${layer.file}" must be a .geojson or .json file`);
    else if (seenFiles.has(layer.file)) issues.warning("manifest", null, `${name}: file "${layer.file}" is also used by layer "${seenFiles.get(layer.file)}"`);
    else seenFiles.set(layer.file, String(layer.id));
    if (!isBilingual(layer.title)) problem(`"title" must be { "zh": "…", "en": "…" } with both texts filled in`);
    if (!(LAYER_GEOMETRIES as readonly unknown[]).includes(layer.geometry)) problem(`"geometry" must be one of ${LAYER_GEOMETRIES.join(", ")}, found ${JSON.stringify(layer.geometry) ?? "nothing"}`);
    else {
      const shown = KIND_GEOMETRIES[layer.kind as keyof typeof KIND_GEOMETRIES] as readonly unknown[] | undefined;
      if (shown && GEOMETRY_TYPES_BY_LAYER[String(layer.geometry)] && !shown.includes(layer.geometry)) {
        problem(`"geometry" "${String(layer.geometry)}" is not shown for kind "${String(layer.kind)}", which draws ${shown.join(", ")}`);
      }
    }
    if (!(STATUSES as readonly unknown[]).includes(layer.status)) problem(`"status" must be one of ${STATUSES.join(", ")}, found ${JSON.stringify(layer.status) ?? "nothing"}`);
    if (!Array.isArray(layer.sources) || layer.sources.length === 0 || !layer.sources.every(isText)) problem(`"sources" must be a non-empty array of texts`);
    if (!isText(layer.licence)) problem(`"licence" must be a non-empty string`);
    if (!isBilingual(layer.attribution)) problem(`"attribution" must be { "zh": "…", "en": "…" } with both texts filled in`);
    if ("build" in layer && layer.build !== "generated" && layer.build !== "hand-placed") problem(`"build" must be "generated" or "hand-placed"`);
  });
  return value as unknown as Manifest;
}

/** Provenance on every feature, geometry matching the layer, and the layer status no better than its worst feature. */
function checkLayerFeatures(layer: ManifestLayer, collection: FeatureCollection, fileName: string): ValidationReport {
  const issues = new IssueCollector(fileName);
  let worst: { status: Status; feature: string } | null = null;
  for (const [index, feature] of (collection.features as unknown[]).entries()) {
    if (!isObject(feature)) continue;
    const label = featureLabel(feature, index);
    const properties = isObject(feature.properties) ? feature.properties : {};
    const missing = PROVENANCE_TEXT_FIELDS.filter((field) => !isText(properties[field]));
    if (missing.length > 0) issues.error("provenance", label, `missing or empty ${missing.map((field) => `"${field}"`).join(", ")} in properties`);
    const accuracy = properties.accuracy_m;
    if (typeof accuracy !== "number" || !Number.isFinite(accuracy) || accuracy < 0) {
      issues.error("provenance", label, `"accuracy_m" must be a finite number of metres ≥ 0, found ${JSON.stringify(accuracy) ?? "nothing"}`);
    }
    const status = properties.status;
    if (!(STATUSES as readonly unknown[]).includes(status)) {
      issues.error("provenance", label, `"status" must be one of ${STATUSES.join(", ")}, found ${JSON.stringify(status) ?? "nothing"}`);
    } else if (!worst || STATUS_RANK[status as Status] < STATUS_RANK[worst.status]) {
      worst = { status: status as Status, feature: label };
    }
    const geometryType = isObject(feature.geometry) ? feature.geometry.type : null;
    const allowed = GEOMETRY_TYPES_BY_LAYER[layer.geometry];
    // Undefined for an unknown kind, which the manifest check already reports.
    const shown = KIND_GEOMETRIES[layer.kind] as (typeof KIND_GEOMETRIES)[keyof typeof KIND_GEOMETRIES] | undefined;
    if (layer.geometry === "None" && geometryType !== null) {
      issues.error("layer-geometry", label, `layer "${layer.id}" declares geometry "None" but this feature has a ${String(geometryType)}`);
    } else if (allowed && geometryType !== null && !allowed.includes(String(geometryType))) {
      issues.error("layer-geometry", label, `layer "${layer.id}" declares geometry "${layer.geometry}" but this feature has a ${String(geometryType)}`);
    } else if (!allowed && shown && geometryType !== null && !shown.some((type) => GEOMETRY_TYPES_BY_LAYER[type]!.includes(String(geometryType)))) {
      // A "Mixed" layer's feature the map would not draw: it would load and silently not show. (A
      // single declared geometry the kind cannot show is reported once, by the manifest check.)
      issues.error("kind-geometry", label, `a ${String(geometryType)} is not shown for kind "${layer.kind}", which draws ${shown.join(", ")}`);
    }
  }
  if (worst && (STATUSES as readonly unknown[]).includes(layer.status) && STATUS_RANK[layer.status] > STATUS_RANK[worst.status]) {
    issues.error(
      "layer-status",
      null,
      `layer "${layer.id}" declares status "${layer.status}" but feature "${worst.feature}" is only "${worst.status}"; a layer's status must be its worst feature's`,
    );
  }
  return issues.report();
}

/** Feature ids must be unique across the whole package (the app selects and links by id). */
function checkDuplicateFeatureIds(layers: LoadedLayer[]): ValidationReport {
  const firstSeen = new Map<string, string>();
  const collectors = new Map<string, IssueCollector>();
  for (const { collection, fileName } of layers) {
    collection?.features.forEach((feature) => {
      const id = isObject(feature) && isObject(feature.properties) ? feature.properties.id : undefined;
      if (!isText(id)) return;
      const previous = firstSeen.get(id);
      if (previous === undefined) {
        firstSeen.set(id, fileName);
        return;
      }
      const collector = collectors.get(fileName) ?? new IssueCollector(fileName);
      collectors.set(fileName, collector);
      collector.error("duplicate-id", id, `duplicate feature id "${id}" (already used in ${previous})`);
    });
  }
  return mergeReports([...collectors.values()].map((collector) => collector.report()));
}
