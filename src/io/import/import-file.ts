import type { FeatureCollection, Position, Geometry } from "geojson";
import { unzipSync } from "fflate";
import type { Manifest } from "../../data/types";
import { crsFromCode, type CrsInfo } from "../crs/crs-info";
import { positionMapperToWgs84 } from "../crs/convert-to-wgs84";
import { detectCrs, offsetSystemHint } from "../crs/detect-crs";
import { forEachPosition, mapPositions } from "../crs/map-positions";
import { prjToCrs } from "../crs/prj-to-crs";
import { detectFormat } from "./detect-format";
import { importCsv } from "./import-csv";
import { asImportError, cancelledError, fileMessage, ImportError, tooLargeError, type ImportMessage } from "./import-error";
import { importGeoJson } from "./import-geojson";
import { groupShapefiles, importShapefile } from "./import-shapefile";
import { importXml } from "./import-xml";
import {
  MAX_IMPORT_BYTES,
  type CrsReport,
  type ImportedLayer,
  type ImportInput,
  type ImportOptions,
  type ImportResult,
  type PackageImport,
  type RawLayer,
} from "./types";

function checkSize(file: string, size: number, maxBytes: number): void {
  if (size > maxBytes) throw tooLargeError(file, size, maxBytes);
}

function checkAborted(file: string, options: ImportOptions): void {
  if (options.signal?.aborted) throw cancelledError(file);
}

/** Unzips with a cap on the total unpacked size (a zip bomb must not take the tab down). */
function unzip(file: ImportInput, maxBytes: number): ImportInput[] {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(file.bytes, {
      filter: (entry) => {
        if (entry.name.endsWith("/") || /(^|\/)(__MACOSX|\.)/.test(entry.name)) return false;
        total += entry.originalSize;
        return total <= maxBytes;
      },
    });
  } catch (error) {
    throw new ImportError(file.name, { zh: `不是有效的 ZIP 压缩包：${(error as Error).message}`, en: `not a valid ZIP archive: ${(error as Error).message}` });
  }
  if (total > maxBytes) checkSize(file.name, total, maxBytes);
  return Object.entries(entries).map(([name, bytes]) => ({ name, bytes }));
}

function swapAxes(fc: FeatureCollection<Geometry | null>): FeatureCollection<Geometry | null> {
  return mapPositions(fc, ([x, y, ...rest]) => [y, x, ...rest]);
}

function chooseCrs(raw: RawLayer, fileName: string, options: ImportOptions, warnings: ImportMessage[]): CrsReport {
  if (options.crs) {
    const crs = crsFromCode(options.crs);
    if (!crs) throw new ImportError(fileName, { zh: `未知坐标系“${options.crs}”`, en: `unknown coordinate system "${options.crs}"` });
    return { crs, confidence: "declared", axesSwapped: false, reason: { zh: `按用户选择的 ${crs.label.zh} 转换`, en: `converted from ${crs.label.en}, as chosen` } };
  }
  if (raw.fixedCrs) {
    const hint = offsetSystemHint({ fileName, columnNames: raw.columnNames });
    if (hint) {
      warnings.push(
        fileMessage(fileName, {
          zh: `名称“${hint.clue}”提示坐标可能来自${hint.crs.label.zh}，但该格式规定为 WGS84，未作转换；如确属前者，请改选坐标系`,
          en: `the name "${hint.clue}" suggests ${hint.crs.label.en}, but this format is WGS84 by definition and was not converted; choose that CRS if the name is right`,
        }),
      );
    }
    return {
      crs: raw.fixedCrs,
      confidence: "declared",
      axesSwapped: false,
      reason: { zh: "KML/GPX 按规范为 WGS84 经纬度，未作转换（若来自高德/百度导出，请改选坐标系）", en: "KML/GPX coordinates are WGS84 by specification; not converted (if exported from AMap/Baidu, choose that CRS)" },
    };
  }
  if (raw.prj && !prjToCrs(raw.prj)) {
    warnings.push(fileMessage(fileName, { zh: ".prj 无法解析，改为按坐标数值判断", en: "the .prj could not be read; guessing from the coordinates instead" }));
  }
  const detection = detectCrs(raw.fc, {
    fileName,
    columnNames: raw.columnNames,
    prj: raw.prj,
    declared: raw.declaredCrs,
    expectedLngLat: options.expectedLngLat,
    referenceOutline: options.referenceOutline,
  });
  if (!detection && raw.fallbackCrs) {
    return {
      crs: raw.fallbackCrs,
      confidence: "low",
      axesSwapped: false,
      reason: { zh: "坐标不像经纬度，也不像已知投影；按格式规定当作 WGS84，请核对", en: "coordinates look neither like degrees nor like a known grid; taken as WGS84 as the format prescribes. Please check" },
    };
  }
  if (!detection) {
    throw new ImportError(fileName, {
      zh: "无法判断坐标系（既非经纬度，也不像中国常用的投影坐标）；请手动选择坐标系后重试",
      en: "cannot tell the coordinate system (not degrees, and not like a common Chinese projected grid); choose one and retry",
    });
  }
  return { crs: detection.crs, confidence: detection.confidence, reason: detection.reason, axesSwapped: detection.axesSwapped ?? false };
}

/** Slack for files that store 180° as 180.0000019 (single-precision writers). */
const RANGE_SLACK_DEG = 1e-4;

function countOutOfRange(fc: FeatureCollection<Geometry | null>): number {
  let outside = 0;
  forEachPosition(fc, ([lng, lat]: Position) => {
    if (!(Math.abs(lng) <= 180 + RANGE_SLACK_DEG && Math.abs(lat) <= 90 + RANGE_SLACK_DEG)) outside++;
  });
  return outside;
}

function buildLayer(raw: RawLayer, rawFc: FeatureCollection<Geometry | null>, report: CrsReport, fileName: string, warnings: ImportMessage[]): ImportedLayer {
  let fc: FeatureCollection<Geometry | null>;
  try {
    const mapper = positionMapperToWgs84(report.crs);
    fc = mapper ? mapPositions(rawFc, mapper) : rawFc;
  } catch (error) {
    throw new ImportError(fileName, { zh: `坐标转换失败：${(error as Error).message}`, en: `coordinate conversion failed: ${(error as Error).message}` });
  }
  const outside = countOutOfRange(fc);
  if (outside > 0) {
    warnings.push(fileMessage(fileName, { zh: `${outside} 个坐标超出经纬度范围，坐标系可能不对`, en: `${outside} positions fall outside longitude/latitude range; the CRS may be wrong` }));
  }
  const converted = report.crs.code !== "WGS84";
  return {
    name: raw.name,
    fc,
    raw: rawFc,
    sourceCrs: report,
    notes: [...raw.notes, report.reason],
    provenance: {
      source: fileName,
      method: converted ? `imported by the user; converted from ${report.crs.label.en} to WGS84` : "imported by the user; coordinates used as WGS84",
      accuracy_m: report.crs.conversionAccuracy_m,
      status: "approximate",
    },
  };
}

function resolveLayer(raw: RawLayer, fileName: string, options: ImportOptions, warnings: ImportMessage[]): ImportedLayer {
  const report = chooseCrs(raw, fileName, options, warnings);
  return buildLayer(raw, report.axesSwapped ? swapAxes(raw.fc) : raw.fc, report, fileName, warnings);
}

/**
 * Converts an imported layer again from its raw coordinates with another CRS (the user's correction).
 *
 * @example reconvertLayer(layer, "GCJ02").fc // shifted ≈ 480 m at Jiashan
 */
export function reconvertLayer(layer: ImportedLayer, crsCode: string): ImportedLayer {
  const crs: CrsInfo | undefined = crsFromCode(crsCode);
  const file = layer.provenance.source;
  if (!crs) throw new ImportError(file, { zh: `未知坐标系“${crsCode}”`, en: `unknown coordinate system "${crsCode}"` });
  const report: CrsReport = { crs, confidence: "declared", axesSwapped: layer.sourceCrs.axesSwapped, reason: { zh: `按用户选择的 ${crs.label.zh} 重新转换`, en: `re-converted from ${crs.label.en}, as chosen` } };
  // The last note is always the CRS reason (see buildLayer); it is replaced, the format notes stay.
  const raw: RawLayer = { name: layer.name, fc: layer.raw, notes: layer.notes.slice(0, -1) };
  return buildLayer(raw, layer.raw, report, file, []);
}

function isManifest(value: unknown): value is Manifest {
  const m = value as Manifest;
  return typeof m === "object" && m !== null && Array.isArray(m.layers) && m.layers.every((l) => typeof l?.file === "string" && typeof l?.id === "string");
}

function importPackage(archive: string, entries: ImportInput[], manifestEntry: ImportInput, warnings: ImportMessage[]): PackageImport {
  let manifest: unknown;
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestEntry.bytes));
  } catch (error) {
    throw new ImportError(`${archive}/${manifestEntry.name}`, { zh: `manifest.json 不是有效 JSON：${(error as Error).message}`, en: `manifest.json is not valid JSON: ${(error as Error).message}` });
  }
  if (!isManifest(manifest)) {
    throw new ImportError(`${archive}/${manifestEntry.name}`, { zh: "manifest.json 缺少 layers（每层需有 id 和 file）", en: "manifest.json lacks layers (each needs id and file)" });
  }
  const folder = manifestEntry.name.slice(0, manifestEntry.name.lastIndexOf("/") + 1);
  const layers = manifest.layers.map((layer) => {
    const path = folder + layer.file.replace(/^\.\//, "");
    const entry = entries.find((e) => e.name === path);
    if (!entry) throw new ImportError(`${archive}/${path}`, { zh: `数据包缺少图层文件（图层 ${layer.id}）`, en: `layer file missing from the package (layer ${layer.id})` });
    const raw = importGeoJson({ name: `${archive}/${path}`, bytes: entry.bytes }, warnings);
    return { layer, fc: raw.fc };
  });
  return { kind: "package", manifest, layers, warnings };
}

const IMPORTABLE_IN_ZIP = /\.(geojson|json|kml|gpx|tcx|csv|tsv|dsv)$/i;

async function importArchive(file: ImportInput, options: ImportOptions, warnings: ImportMessage[], maxBytes: number): Promise<ImportResult> {
  const entries = unzip(file, maxBytes);
  const manifest = entries
    .filter((e) => /(^|\/)manifest\.json$/i.test(e.name))
    .sort((a, b) => a.name.length - b.name.length)[0];
  if (manifest) return importPackage(file.name, entries, manifest, warnings);
  const layers: ImportedLayer[] = [];
  const shapefiles = groupShapefiles(entries).filter((set) => set.shp || set.dbf);
  for (const set of shapefiles) {
    checkAborted(file.name, options);
    const raw = importShapefile(set, options, warnings, file.name);
    layers.push(resolveLayer(raw, `${file.name}/${set.basename}`, options, warnings));
  }
  const kmls = entries.filter((e) => /\.kml$/i.test(e.name));
  const docKml = kmls.find((e) => /(^|\/)doc\.kml$/i.test(e.name)) ?? kmls.sort((a, b) => a.name.length - b.name.length)[0];
  const others = entries.filter((e) => IMPORTABLE_IN_ZIP.test(e.name) && !/\.kml$/i.test(e.name));
  for (const entry of [...(docKml ? [docKml] : []), ...others]) {
    checkAborted(file.name, options);
    const nested = await importSingle({ name: `${file.name}/${entry.name}`, bytes: entry.bytes }, options, warnings, maxBytes);
    if (nested.kind === "layers") layers.push(...nested.layers);
  }
  if (layers.length === 0) {
    throw new ImportError(file.name, { zh: "压缩包中没有可导入的数据（需 .shp、.kml、GeoJSON 或 CSV）", en: "the archive holds nothing importable (needs .shp, .kml, GeoJSON or CSV)" });
  }
  return { kind: "layers", layers, warnings };
}

async function importSingle(file: ImportInput, options: ImportOptions, warnings: ImportMessage[], maxBytes: number): Promise<ImportResult> {
  const { format, note } = detectFormat(file.name, file.bytes);
  if (note) warnings.push(fileMessage(file.name, note));
  const layer = (raw: RawLayer): ImportResult => ({ kind: "layers", layers: [resolveLayer(raw, file.name, options, warnings)], warnings });
  switch (format) {
    case "kmz-or-zip":
      return importArchive(file, options, warnings, maxBytes);
    case "geojson":
      return layer(importGeoJson(file, warnings, options));
    case "kml":
    case "gpx":
    case "tcx":
      return layer(importXml(file, format, options.parseXml));
    case "csv":
      return layer(importCsv(file, options, warnings));
    case "shp-part":
      return importFiles([file], options);
    default:
      throw new ImportError(file.name, {
        zh: "不支持的文件格式（支持 GeoJSON、KML/KMZ、GPX、CSV/TSV、Shapefile 压缩包、数据包）",
        en: "unsupported file format (supported: GeoJSON, KML/KMZ, GPX, CSV/TSV, zipped Shapefile, data package)",
      });
  }
}

/**
 * Imports one user file: detects the format (content first, extension second), reads it, decides the
 * source CRS (option > format rule > .prj > detection) and converts to WGS84. Every layer says what was
 * assumed. Bad input never throws anything but an ImportError naming the file.
 *
 * @example
 * const result = await importFile({ name: "towns.zip", bytes });
 * if (result.kind === "layers") result.layers[0].sourceCrs.reason.en // "read from the .prj: CGCS2000 3° …"
 */
export async function importFile(file: ImportInput, options: ImportOptions = {}): Promise<ImportResult> {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  try {
    checkSize(file.name, file.bytes.length, maxBytes);
    checkAborted(file.name, options);
    options.onProgress?.({ phase: "read", done: file.bytes.length, total: file.bytes.length, unit: "bytes" });
    const warnings: ImportMessage[] = [];
    const result = await importSingle(file, options, warnings, maxBytes);
    const features = result.layers.reduce((n, l) => n + l.fc.features.length, 0);
    options.onProgress?.({ phase: "convert", done: features, total: features, unit: "features" });
    return result;
  } catch (error) {
    throw asImportError(file.name, error);
  }
}

/**
 * Imports several files dropped together. Loose shapefile parts (.shp + .dbf + .prj + .cpg) are grouped
 * into one layer each; every other file is imported on its own. Results are merged into one list of layers.
 *
 * @example await importFiles([shp, dbf, prj, cpg]) // one layer
 */
export async function importFiles(files: ImportInput[], options: ImportOptions = {}): Promise<ImportResult> {
  const label = files.map((f) => f.name).join(", ");
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  try {
    checkSize(label, files.reduce((n, f) => n + f.bytes.length, 0), maxBytes);
    const warnings: ImportMessage[] = [];
    const layers: ImportedLayer[] = [];
    const shapefileParts = files.filter((f) => /\.(shp|dbf|shx|prj|cpg|cst)$/i.test(f.name));
    for (const set of groupShapefiles(shapefileParts)) {
      if (!set.shp && !set.dbf) continue;
      layers.push(resolveLayer(importShapefile(set, options, warnings), set.basename, options, warnings));
    }
    for (const file of files.filter((f) => !shapefileParts.includes(f))) {
      const result = await importSingle(file, options, warnings, maxBytes);
      if (result.kind === "package") return result;
      layers.push(...result.layers);
    }
    if (layers.length === 0) throw new ImportError(label, { zh: "没有可导入的数据", en: "nothing importable" });
    return { kind: "layers", layers, warnings };
  } catch (error) {
    throw asImportError(label, error);
  }
}
