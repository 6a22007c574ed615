/**
 * The validator against real-world test corpora (read-only, outside the repo):
 * mapbox/geojsonhint's good/bad suites with their expected messages, and placemark/check-geojson's
 * bad fixtures. See ../shared/refdata/corpus/README.md.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RuledIssue } from "./issue-collector.ts";
import { validateGeoJsonText } from "./validate-geojson.ts";

const CORPUS = path.resolve(__dirname, "../../../../shared/refdata/corpus");
const HINT = path.join(CORPUS, "geojsonhint");

/** geojsonhint message → the rule of ours that covers it (null: not detectable after JSON.parse). */
const HINT_MESSAGE_RULES: [RegExp, string | null][] = [
  [/^An object contained duplicate members/, null],
  [/cannot contain a "\w+" member/, "forbidden-member"],
  [/^"properties" member required/, "bad-member"],
  [/^"properties" member should be object/, "bad-member"],
  [/^Feature "id" member must have a string or number value/, "bad-member"],
  [/^"geometry" member required/, "not-geojson"],
  [/^"type" member should be string/, "not-geojson"],
  [/^"type" member required/, "not-geojson"],
  [/^Every feature must be an object/, "not-geojson"],
  [/^The geometries array in a GeometryCollection must contain only geometry objects/, "not-geojson"],
  [/^"features" member should be an array/, "not-geojson"],
  [/^"features" member required/, "not-geojson"],
  [/^"coordinates" member required/, "not-geojson"],
  [/^The root of a GeoJSON object must be an object/, "not-geojson"],
  [/^Parse error/, "json-syntax"],
  [/^a number was found where a coordinate array should have been found/, "bad-position"],
  [/^each element in a position must be a number/, "bad-position"],
  [/^"coordinates" member should be an array/, "bad-position"],
  [/^position should be an array/, "bad-position"],
  [/^position must have 2 or more elements/, "bad-position"],
  [/^position should not have more than 3 elements/, "position-extra-values"],
  [/^bbox|^each element in a bbox/, "bad-bbox"],
  [/^the first and last positions in a LinearRing/, "ring-not-closed"],
  [/^a LinearRing of coordinates needs to have four or more positions/, "ring-too-short"],
  [/^a line needs to have two or more coordinates/, "line-too-short"],
  [/^Expected \w+ but got \w+ \(case sensitive\)/, "unknown-type"],
  [/^GeoJSON features must have a type=feature member/, "unknown-type"],
  [/^The type \w+ is unknown/, "unknown-type"],
  [/^GeometryCollection should avoid nested geometry collections/, "nested-geometry-collection"],
  [/^GeometryCollection with a single geometry/, "single-geometry-collection"],
  [/should follow the right-hand rule/, "winding-order"],
];

/**
 * Where we deliberately differ from geojsonhint's level: RFC 7946 only says a single-member
 * GeometryCollection "SHOULD be avoided", so it is a warning here, not an error.
 */
const WARNING_HERE = new Set(["single-geometry-collection"]);

/**
 * geojsonhint checks structure only; its good/issue82 has latitudes like -107, which the map
 * cannot draw, so we reject it with exactly one out-of-range error.
 */
const GOOD_BUT_REJECTED: Record<string, string> = { "issue82.geojson": "out-of-range" };

interface HintMessage {
  message: string;
  level?: "message";
}

const rulesOf = (issues: RuledIssue[] | unknown[]) => new Set((issues as RuledIssue[]).map((issue) => issue.rule));

describe("geojsonhint good corpus", () => {
  const names = readdirSync(path.join(HINT, "good")).filter((name) => name.endsWith(".geojson"));
  it("is present", () => expect(names.length).toBe(18));
  for (const name of names) {
    it(name, () => {
      const report = validateGeoJsonText(readFileSync(path.join(HINT, "good", name), "utf8"), name);
      if (name in GOOD_BUT_REJECTED) {
        expect([...rulesOf(report.errors)]).toEqual([GOOD_BUT_REJECTED[name]]);
        expect(report.errors).toHaveLength(1);
      } else {
        expect(report).toEqual({ ok: true, errors: [], warnings: [] });
      }
    });
  }
});

describe("geojsonhint bad corpus", () => {
  const names = readdirSync(path.join(HINT, "bad")).filter((name) => name.endsWith(".geojson"));
  it("is present", () => expect(names.length).toBe(44));
  for (const name of names) {
    it(name, () => {
      const base = name.replace(/\.geojson$/, "");
      const expected = JSON.parse(readFileSync(path.join(HINT, "bad", `${base}.result`), "utf8")) as HintMessage[];
      const report = validateGeoJsonText(readFileSync(path.join(HINT, "bad", name), "utf8"), name);
      const errorRules = rulesOf(report.errors);
      const warningRules = rulesOf(report.warnings);
      let expectsError = false;
      for (const { message, level } of expected) {
        const mapping = HINT_MESSAGE_RULES.find(([pattern]) => pattern.test(message));
        expect(mapping, `no rule mapped for geojsonhint message: ${message}`).toBeDefined();
        const rule = mapping![1];
        if (rule === null) continue;
        const isWarning = level === "message" || WARNING_HERE.has(rule);
        expectsError ||= !isWarning;
        expect(isWarning ? warningRules : errorRules, `${message} → ${rule}\n${JSON.stringify(report, null, 2)}`).toContain(rule);
      }
      // Files whose only messages are warnings (or none, like excessive_precision_truncated) stay valid.
      expect(report.ok).toBe(!expectsError);
    });
  }
});

describe("check-geojson bad corpus", () => {
  const directory = path.join(CORPUS, "check-geojson", "bad");
  const expectedRule: Record<string, string> = {
    "badfeature-no-properties.geojson": "bad-member",
    "multipoint-nocoordinates.geojson": "not-geojson",
  };
  it("is present", () => expect(existsSync(directory) && readdirSync(directory).sort()).toEqual(Object.keys(expectedRule).sort()));
  for (const [name, rule] of Object.entries(expectedRule)) {
    it(`${name} is rejected`, () => {
      const report = validateGeoJsonText(readFileSync(path.join(directory, name), "utf8"), name);
      expect(report.ok).toBe(false);
      expect(rulesOf(report.errors)).toContain(rule);
    });
  }
});
