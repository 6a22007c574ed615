/**
 * `npm run atlas -- check <file-or-package-dir> [--json]`: validates a GeoJSON file or a data
 * package. Only file I/O and printing live here; the rules are in src/io/validate/.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { GeoJSON } from "geojson";
import {
  MANIFEST_FILE,
  MAX_TEXT_CHARS,
  checkGeoJsonText,
  validateGeoJsonText,
  validatePackage,
  type Issue,
  type PackageCheck,
  type ValidationReport,
} from "../../io/validate/index.ts";

/** The shipped package; checking it also checks the shipped story against it. */
const SHIPPED_PACKAGE = fileURLToPath(new URL("../../../geodata", import.meta.url));

export const summary = "validate a GeoJSON file or a data package directory (--json for machine output)";

const USAGE = `usage: npm run atlas -- check <file.geojson|file.json|package-dir> [--json] [--reference <outline.geojson>] [--story <story.json>]

  A directory (or its manifest.json) is checked as a data package: manifest, every layer file,
  provenance on every feature, unique ids. A .geojson/.json file is checked on its own.
  --json       print { "ok", "errors": [...], "warnings": [...] } instead of text
  --reference  a trusted WGS84 outline (e.g. the county); data that matches it only after a
               GCJ-02/BD-09 → WGS84 conversion is flagged (a package uses its county layer)
  --story      also check a story file against the package (geodata/ is always checked
               with the shipped story, src/story/jiashan.story.json)
  Exit codes: 0 valid (warnings allowed), 1 invalid, 2 wrong usage.`;

interface CheckArguments {
  target: string;
  json: boolean;
  referencePath: string | null;
  storyPath: string | null;
}

/** Parses the command line; returns a usage problem as a string. */
function parseArguments(args: string[]): CheckArguments | "help" | string {
  const targets: string[] = [];
  let json = false;
  let referencePath: string | null = null;
  let storyPath: string | null = null;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--json") json = true;
    else if (arg === "--reference" || arg === "--story") {
      const value = args[index + 1];
      if (value === undefined || value.startsWith("-")) return `${arg} needs a file`;
      if (arg === "--reference") referencePath = value;
      else storyPath = value;
      index += 1;
    } else if (arg.startsWith("-")) return `unknown option ${arg}`;
    else targets.push(arg);
  }
  if (targets.length !== 1) return targets.length === 0 ? "missing the file or directory to check" : "give exactly one file or directory";
  return { target: targets[0], json, referencePath, storyPath };
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseArguments(args);
  if (parsed === "help") {
    console.log(USAGE);
    return 0;
  }
  if (typeof parsed === "string") return usageError(parsed);
  const { target, json, referencePath, storyPath } = parsed;
  const reference = referencePath === null ? undefined : await readReference(referencePath);
  if (reference === null) return usageError(`--reference ${referencePath}: not a readable, valid GeoJSON file`);
  const storyChecks = await loadStoryChecks(target, storyPath);
  if (storyChecks === null) return usageError(`--story ${storyPath}: not a readable JSON file`);

  const kind = await stat(target).then(
    (stats) => (stats.isDirectory() ? "directory" : "file"),
    () => null,
  );
  if (kind === null) return usageError(`no such file or directory: ${target}`);

  let report: ValidationReport;
  let checked: string;
  if (kind === "directory" || path.basename(target) === MANIFEST_FILE) {
    const directory = kind === "directory" ? target : path.dirname(target);
    checked = directory;
    report = await validatePackage((relativePath) => readTextFile(path.join(directory, relativePath)), displayDirectory(directory), {
      reference,
      checks: storyChecks,
    });
  } else if (/\.(geo)?json$/i.test(target)) {
    checked = target;
    report = await checkFile(target, reference);
  } else {
    return usageError(`expected a .geojson or .json file or a package directory, got ${target}`);
  }

  if (json) console.log(JSON.stringify(report, null, 2));
  else printReport(report, checked);
  return report.ok ? 0 : 1;
}

function usageError(message: string): number {
  console.error(`atlas check: ${message}\n\n${USAGE}`);
  return 2;
}

/** Directory as shown in issues: relative to the current directory, forward slashes, no trailing slash. */
function displayDirectory(directory: string): string {
  const relative = path.relative(process.cwd(), directory) || ".";
  return (relative.startsWith("..") ? directory : relative).split(path.sep).join("/").replace(/\/+$/, "");
}

/**
 * The story check to run with a package check: the given story, or the shipped story when the
 * shipped package is checked, else none. Null if the given story cannot be read.
 */
async function loadStoryChecks(target: string, storyPath: string | null): Promise<PackageCheck[] | null> {
  const isShippedPackage = [path.resolve(target), path.dirname(path.resolve(target))].includes(SHIPPED_PACKAGE);
  if (storyPath === null && !isShippedPackage) return [];
  // Loaded only when needed, so a broken story module cannot stop plain file checks.
  const { storyPackageCheck, STORY_FILE } = await import("../../story/validate-story.ts");
  if (storyPath === null) return [storyPackageCheck()];
  try {
    const text = await readTextFile(storyPath);
    return text === null ? null : [storyPackageCheck(JSON.parse(text.replace(/^\uFEFF/, "")), storyPath === STORY_FILE ? STORY_FILE : storyPath)];
  } catch {
    return null;
  }
}

/** A valid GeoJSON reference outline, or null if it cannot be read or is invalid. */
async function readReference(filePath: string): Promise<GeoJSON | null> {
  try {
    const text = await readTextFile(filePath);
    const checked = text === null ? null : checkGeoJsonText(text, filePath);
    return checked?.report.ok ? (checked.value as GeoJSON) : null;
  } catch {
    return null;
  }
}

async function checkFile(filePath: string, reference: GeoJSON | undefined): Promise<ValidationReport> {
  const fileName = filePath.split(path.sep).join("/");
  try {
    const text = await readTextFile(filePath);
    return validateGeoJsonText(text ?? "", fileName, { reference });
  } catch (readError) {
    const message = readError instanceof Error ? readError.message : String(readError);
    return { ok: false, errors: [{ file: fileName, feature: null, message }], warnings: [] };
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a file as UTF-8 text; null if it does not exist. Throws a plain-language Error for files
 * that are too large or not UTF-8 (RFC 7946 requires UTF-8; Chinese data is often GBK).
 */
async function readTextFile(filePath: string): Promise<string | null> {
  const size = await stat(filePath).then(
    (stats) => (stats.isFile() ? stats.size : null),
    () => null,
  );
  if (size === null) return null;
  if (size > MAX_TEXT_CHARS) {
    throw new Error(`file is too large to check (${Math.round(size / 2 ** 20)} MB, limit ${MAX_TEXT_CHARS / 2 ** 20} MB); split it into smaller files`);
  }
  const bytes = await readFile(filePath);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new Error("file is not valid UTF-8 text (perhaps GBK/GB18030); re-save it as UTF-8");
  }
}

function formatIssue(issue: Issue, level: "error" | "warning"): string {
  const parts = [issue.file, ...(issue.feature === null ? [] : [issue.feature]), `${level === "warning" ? "warning: " : ""}${issue.message}`];
  return parts.join(": ");
}

function printReport(report: ValidationReport, checked: string) {
  for (const issue of report.errors) console.log(formatIssue(issue, "error"));
  for (const issue of report.warnings) console.log(formatIssue(issue, "warning"));
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  console.log(
    report.ok
      ? `✓ ${checked}: valid${report.warnings.length > 0 ? `, ${count(report.warnings.length, "warning")}` : ""}`
      : `✗ ${checked}: ${count(report.errors.length, "error")}, ${count(report.warnings.length, "warning")}`,
  );
}
