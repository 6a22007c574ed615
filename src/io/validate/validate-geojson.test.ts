/**
 * Fixture-driven rule tests: every file in test/fixtures/validate/bad/ must trigger the rule named
 * in its `<name>.expected.json`; every file in good/ must give no issue at all. Options for a case
 * sit in the fixture's "options" foreign member (paths relative to test/fixtures/validate/).
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FILE_RULES, type RuledIssue } from "./issue-collector.ts";
import { validateGeoJsonObject, validateGeoJsonText, type ValidateGeoJsonOptions } from "./validate-geojson.ts";

const FIXTURES = path.resolve(__dirname, "../../../test/fixtures/validate");

interface Expected {
  rule: string;
  level: "error" | "warning";
  feature: string | null;
  message: string[];
  line?: number;
  column?: number;
}

function optionsOf(text: string): ValidateGeoJsonOptions {
  let options: Record<string, unknown> = {};
  try {
    options = (JSON.parse(text.replace(/^\uFEFF/, "")) as { options?: Record<string, unknown> }).options ?? {};
  } catch {
    return {};
  }
  const reference = typeof options.reference === "string" ? JSON.parse(readFileSync(path.join(FIXTURES, options.reference), "utf8")) : undefined;
  return { ...options, reference } as ValidateGeoJsonOptions;
}

const geojsonIn = (dir: string) => readdirSync(path.join(FIXTURES, dir)).filter((name) => name.endsWith(".geojson"));

describe("bad fixtures trigger their rule", () => {
  for (const name of geojsonIn("bad")) {
    const base = name.replace(/\.geojson$/, "");
    it(base, () => {
      const text = readFileSync(path.join(FIXTURES, "bad", name), "utf8");
      const expected = JSON.parse(readFileSync(path.join(FIXTURES, "bad", `${base}.expected.json`), "utf8")) as Expected;
      const report = validateGeoJsonText(text, name, optionsOf(text));
      const issues = (expected.level === "error" ? report.errors : report.warnings) as RuledIssue[];
      const matching = issues.filter((issue) => issue.rule === expected.rule);
      expect(matching, JSON.stringify(report, null, 2)).not.toHaveLength(0);
      const [issue] = matching;
      expect(issue.file).toBe(name);
      expect(issue.feature).toBe(expected.feature);
      for (const part of expected.message) expect(issue.message).toContain(part);
      if (expected.line !== undefined) expect({ line: issue.line, column: issue.column }).toEqual({ line: expected.line, column: expected.column });
      // A warning-only case must stay valid: warnings never reject a file.
      expect(report.ok).toBe(expected.level === "warning");
    });
  }
});

describe("fixture coverage", () => {
  it("has a bad fixture for every file rule", () => {
    const covered = new Set(
      readdirSync(path.join(FIXTURES, "bad"))
        .filter((name) => name.endsWith(".expected.json"))
        .map((name) => (JSON.parse(readFileSync(path.join(FIXTURES, "bad", name), "utf8")) as Expected).rule),
    );
    expect(FILE_RULES.filter((rule) => !covered.has(rule))).toEqual([]);
  });
});

describe("good fixtures give no issues", () => {
  for (const name of geojsonIn("good")) {
    it(name, () => {
      const text = readFileSync(path.join(FIXTURES, "good", name), "utf8");
      const report = validateGeoJsonText(text, name, optionsOf(text));
      expect(report).toEqual({ ok: true, errors: [], warnings: [] });
    });
  }
});

describe("validateGeoJsonObject", () => {
  it("names features by properties.id, then properties.name, then #index", () => {
    const broken = { type: "Point", coordinates: [200, 0] };
    const report = validateGeoJsonObject(
      {
        type: "FeatureCollection",
        features: [
          { type: "Feature", properties: { id: "t1", name: "西塘镇" }, geometry: broken },
          { type: "Feature", properties: { name: "西塘镇" }, geometry: broken },
          { type: "Feature", properties: {}, geometry: broken },
        ],
      },
      "towns.geojson",
    );
    expect(report.errors.map((issue) => issue.feature)).toEqual(["t1", "西塘镇", "#2"]);
  });

  it("accepts geometry: null without any warning", () => {
    expect(validateGeoJsonObject({ type: "Feature", properties: { name: "嘉善县" }, geometry: null }, "a.geojson")).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it("rejects non-finite numbers that only parsed objects can hold", () => {
    const report = validateGeoJsonObject({ type: "Point", coordinates: [Number.NaN, 30] }, "a.geojson");
    expect(report.errors[0].message).toContain("finite number");
  });

  it("caps repeated issues of one rule and says how many were left out", () => {
    const features = Array.from({ length: 50 }, (_, index) => ({ type: "Feature", properties: { id: `p${index}` }, geometry: { type: "Point", coordinates: [500, 0] } }));
    const report = validateGeoJsonObject({ type: "FeatureCollection", features }, "many.geojson", { maxIssuesPerRule: 5 });
    expect(report.errors).toHaveLength(6);
    expect(report.errors[5].message).toBe("… and 45 more errors of the same kind (out-of-range) not listed");
  });

  it("reports GCJ-02 only with 'may' wording", () => {
    const text = readFileSync(path.join(FIXTURES, "bad", "reference-offset-shifted.geojson"), "utf8");
    const [warning] = validateGeoJsonText(text, "x.geojson", optionsOf(text)).warnings;
    expect(warning.message).toMatch(/^coordinates may be GCJ-02/);
  });
});

describe("large inputs", () => {
  it("checks a 100k-vertex ring for self-intersections in reasonable time", () => {
    const vertexCount = 100_000;
    const ring = Array.from({ length: vertexCount }, (_, index) => {
      const angle = (2 * Math.PI * index) / vertexCount;
      // A wavy circle: many short edges, no crossings.
      const radius = 0.1 + 0.001 * Math.sin(angle * 500);
      return [120.92 + radius * Math.cos(angle), 30.84 + radius * Math.sin(angle)];
    });
    ring.push(ring[0]);
    const started = performance.now();
    const report = validateGeoJsonObject({ type: "Polygon", coordinates: [ring] }, "big.geojson");
    const elapsedMs = performance.now() - started;
    expect(report).toEqual({ ok: true, errors: [], warnings: [] });
    expect(elapsedMs).toBeLessThan(5000);
  });

  it("finds a crossing in a 100k-vertex ring", () => {
    const ring = Array.from({ length: 100_000 }, (_, index) => [120 + index * 1e-5, 30 + (index % 2) * 1e-5]);
    ring.push([120.5, 29.9], [120.5, 30.1], ring[0]);
    const report = validateGeoJsonObject({ type: "Polygon", coordinates: [ring] }, "zigzag.geojson");
    expect(report.errors.map((issue) => (issue as RuledIssue).rule)).toContain("ring-self-intersection");
  });
});
