/**
 * Shapes shared by every validator in this folder. Plain data only, so the same reports can be
 * printed by the CLI, shown by the app's import dialog and asserted in tests.
 */

/** One problem found in a file. */
export interface Issue {
  /** File name as the caller gave it (a path relative to the package for package checks). */
  file: string;
  /** `properties.id`, else `properties.name`, else `#<index>`; null for file-level problems. */
  feature: string | null;
  message: string;
  /** 1-based, only for problems tied to a place in the text (JSON syntax errors). */
  line?: number;
  /** 1-based, counted in UTF-16 code units like editors do. */
  column?: number;
}

/** `ok` is true when there are no errors; warnings never make a file invalid. */
export interface ValidationReport {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
}

/** Builds a report from its issue lists, so `ok` can never disagree with `errors`. */
export function makeReport(errors: Issue[], warnings: Issue[]): ValidationReport {
  return { ok: errors.length === 0, errors, warnings };
}

/** Concatenates reports (e.g. one per layer file) into one. */
export function mergeReports(reports: ValidationReport[]): ValidationReport {
  return makeReport(
    reports.flatMap((report) => report.errors),
    reports.flatMap((report) => report.warnings),
  );
}
