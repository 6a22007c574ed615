/** Public API of the importers, CRS handling, exporters and project files (see README.md here). */
export { importFile, importFiles, reconvertLayer } from "./import-file";
export { importInWorker, type ImportInWorkerControls } from "./client";
export { ImportError, type ImportMessage } from "./import-error";
export {
  MAX_IMPORT_BYTES,
  type CrsReport,
  type ImportedLayer,
  type ImportInput,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
  type LayersImport,
  type PackageImport,
  type ParseXml,
} from "./types";
export type { WorkerImportOptions } from "./worker-messages";
export { crsChoices, crsFromCode, type CrsInfo } from "../crs/crs-info";
export { detectCrs, offsetSystemHint, type CrsDetection, type CrsHints } from "../crs/detect-crs";
export { convertToWgs84, positionWgs84ToGcj02, wgs84ToGcj02 } from "../crs/convert-to-wgs84";
export { prjToCrs } from "../crs/prj-to-crs";
export { toGeoJson, type ToGeoJsonOptions } from "../export/to-geojson";
export { toCsv, toWkt, type ToCsvOptions } from "../export/to-csv";
export { toKml, type ToKmlOptions } from "../export/to-kml";
export { exportProject, importProject, type Project, type ProjectLayer } from "../project/project-file";
