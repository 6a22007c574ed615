import { makeReport, type Issue, type ValidationReport } from "./types.ts";

/** Rules about a single GeoJSON file. Stable ids; tests and the app can key on them instead of on wording. */
export const FILE_RULES = [
  "file-too-large",
  "json-syntax",
  "not-geojson",
  "unknown-type",
  "forbidden-member",
  "bad-member",
  "bad-bbox",
  "bad-position",
  "position-extra-values",
  "out-of-range",
  "lat-lng-swapped",
  "projected-coordinates",
  "maybe-gcj02",
  "declared-crs",
  "line-too-short",
  "ring-too-short",
  "ring-not-closed",
  "ring-self-intersection",
  "self-intersection-check-skipped",
  "hole-outside-shell",
  "winding-order",
  "nested-geometry-collection",
  "single-geometry-collection",
] as const;

/** Rules about a data package as a whole. */
export const PACKAGE_RULES = ["manifest", "file-missing", "provenance", "duplicate-id", "layer-status", "layer-geometry"] as const;

/** Registered package checks may add their own rule ids. */
export type RuleId = (typeof FILE_RULES)[number] | (typeof PACKAGE_RULES)[number] | (string & {});

export type Level = "error" | "warning";

/** An issue tagged with the rule that produced it. `rule` is an extra field allowed in `--json` output. */
export type RuledIssue = Issue & { rule: RuleId };

/**
 * Collects issues for one file and caps how many of one rule are listed, so a broken 100k-vertex
 * polygon gives a readable report instead of 100k lines.
 */
export class IssueCollector {
  private readonly errors: RuledIssue[] = [];
  private readonly warnings: RuledIssue[] = [];
  private readonly counts = new Map<string, number>();

  constructor(
    readonly file: string,
    private readonly maxPerRule = 20,
  ) {}

  add(level: Level, rule: RuleId, feature: string | null, message: string, at?: { line: number; column: number }) {
    const key = `${level}:${rule}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count > this.maxPerRule) return;
    const issue: RuledIssue = { file: this.file, feature, message, rule, ...at };
    (level === "error" ? this.errors : this.warnings).push(issue);
  }

  error(rule: RuleId, feature: string | null, message: string) {
    this.add("error", rule, feature, message);
  }

  warning(rule: RuleId, feature: string | null, message: string) {
    this.add("warning", rule, feature, message);
  }

  /** Adds issues found elsewhere (e.g. a JSON syntax error) unchanged. */
  push(level: Level, issue: RuledIssue) {
    (level === "error" ? this.errors : this.warnings).push(issue);
  }

  report(): ValidationReport {
    const errors = [...this.errors];
    const warnings = [...this.warnings];
    for (const [key, count] of this.counts) {
      if (count <= this.maxPerRule) continue;
      const [level, rule] = key.split(/:(.*)/s) as [Level, string];
      const summary: RuledIssue = {
        file: this.file,
        feature: null,
        message: `… and ${count - this.maxPerRule} more ${level === "error" ? "errors" : "warnings"} of the same kind (${rule}) not listed`,
        rule,
      };
      (level === "error" ? errors : warnings).push(summary);
    }
    return makeReport(errors, warnings);
  }
}
