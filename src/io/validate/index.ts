/** The atlas validator: one implementation for shipped data, user files and whole packages. */
export { makeReport, mergeReports, type Issue, type ValidationReport } from "./types.ts";
export { FILE_RULES, PACKAGE_RULES, type RuleId, type RuledIssue } from "./issue-collector.ts";
export { MAX_TEXT_CHARS, parseJsonText, findJsonSyntaxError, lineAndColumn } from "./parse-json-text.ts";
export { validateGeoJsonText, validateGeoJsonObject, checkGeoJsonText, featureLabel, type ValidateGeoJsonOptions } from "./validate-geojson.ts";
export {
  validatePackage,
  registerPackageCheck,
  MANIFEST_FILE,
  type PackageCheck,
  type PackageCheckContext,
  type ReadPackageFile,
  type LoadedLayer,
  type ValidatePackageOptions,
} from "./validate-package.ts";
export { findRingSelfIntersections } from "./ring-self-intersections.ts";
export { detectShiftedDatum } from "./coordinate-hints.ts";
