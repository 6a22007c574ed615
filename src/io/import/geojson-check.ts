import { validateGeoJsonObject } from "../validate/index.ts";
import { fileMessage, type ImportMessage } from "./import-error";

/** More than this many validator issues are summarised in one line. */
const MAX_LISTED_ISSUES = 10;

/**
 * Runs the shared GeoJSON validator (src/io/validate) over a parsed file and returns its findings as import
 * warnings. The importer has already skipped what it cannot use; this adds the finer points (winding,
 * forbidden members, bad bbox or id). A validator failure never blocks an import.
 */
export function geoJsonCheckWarnings(root: unknown, fileName: string): ImportMessage[] {
  let issues: { feature: string | null; message: string }[];
  try {
    const report = validateGeoJsonObject(root, fileName);
    issues = [...report.errors, ...report.warnings];
  } catch {
    return [];
  }
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) =>
    fileMessage(fileName, { zh: `GeoJSON 校验（英文原文）：${issue.message}`, en: `GeoJSON check: ${issue.message}` }, issue.feature ?? undefined),
  );
  if (issues.length > MAX_LISTED_ISSUES) {
    listed.push(fileMessage(fileName, { zh: `另有 ${issues.length - MAX_LISTED_ISSUES} 条校验问题未列出`, en: `${issues.length - MAX_LISTED_ISSUES} more check findings not listed` }));
  }
  return listed;
}
