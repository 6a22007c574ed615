import { describe, expect, it } from "vitest";
import { findJsonSyntaxError, lineAndColumn, parseJsonText } from "./parse-json-text.ts";

/** V8 (Node 20) appends "at position N" for most errors; our scanner must agree on N. */
function v8Position(text: string): number | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const match = /position (\d+)/.exec((error as Error).message);
    return match ? Number(match[1]) : null;
  }
}

const BROKEN = [
  '{"type": "Point" "coordinates": [1, 2]}',
  '{"type": "Point", "coordinates": [1 2]}',
  '{"name": "魏塘街道",}',
  '[1, 2,]',
  "{'type': 'Point'}",
  '{"a": tru}',
  '{"a": 01}',
  '{"a": -}',
  '{"a" 1}',
  '{"a": 1} x',
  '{"a": "bad \\q escape"}',
  '{"a": NaN}',
  '{"a": 1.}',
  '{"a": 1e}',
  '{"a": "\\u12G4"}',
  '{"a": "line\nbreak"}',
  '{"a": 1}}',
  '{"features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [120.9, 30.8,]}}]}',
];

describe("findJsonSyntaxError", () => {
  it("accepts valid JSON", () => {
    expect(findJsonSyntaxError('{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {}}')).toBeNull();
  });

  for (const text of BROKEN) {
    it(`agrees with V8 on where ${JSON.stringify(text)} breaks`, () => {
      const found = findJsonSyntaxError(text);
      expect(found).not.toBeNull();
      const position = v8Position(text);
      if (position !== null) expect(found!.offset).toBe(position);
    });
  }

  it("explains trailing commas and single quotes in plain words", () => {
    expect(findJsonSyntaxError("[1, 2,]")!.reason).toContain("trailing comma");
    expect(findJsonSyntaxError('{"a": 1,}')!.reason).toContain("trailing comma");
    expect(findJsonSyntaxError("{'a': 1}")!.reason).toContain("double quotes");
  });

  it("points at the opening quote of an unterminated string", () => {
    expect(findJsonSyntaxError('{"name": "西塘')).toEqual({ offset: 9, reason: `string is never closed (missing '"')` });
  });

  it("does not overflow the stack on absurd nesting", () => {
    expect(findJsonSyntaxError("[".repeat(100_000))!.reason).toContain("nested more than");
  });
});

describe("lineAndColumn", () => {
  it("counts lines by \\n, also in CRLF files", () => {
    expect(lineAndColumn("ab\r\ncd", 4)).toEqual({ line: 2, column: 1 });
    expect(lineAndColumn("ab\ncd", 1)).toEqual({ line: 1, column: 2 });
  });
});

describe("parseJsonText", () => {
  it("strips a UTF-8 BOM silently", () => {
    expect(parseJsonText('\uFEFF{"name": "嘉善"}', "a.json")).toEqual({ ok: true, value: { name: "嘉善" } });
  });

  it("does not count the BOM as a column", () => {
    const result = parseJsonText('\uFEFF{"a" 1}', "a.json");
    expect(result.ok ? null : [result.issue.line, result.issue.column]).toEqual([1, 6]);
  });

  it("reports line and column in the message and as fields", () => {
    const result = parseJsonText('{\n  "type": "Point"\n  "coordinates": []\n}', "p.geojson");
    expect(result).toEqual({
      ok: false,
      issue: {
        file: "p.geojson",
        feature: null,
        line: 3,
        column: 3,
        rule: "json-syntax",
        message: `invalid JSON at line 3, column 3: expected ',' or '}' after a property value, found '"'`,
      },
    });
  });

  it("reports an empty file and a truncated file", () => {
    const empty = parseJsonText("  \n", "e.json");
    expect(empty.ok ? "" : empty.issue.message).toBe("invalid JSON at line 2, column 1: the file is empty");
    const truncated = parseJsonText('{"features": [', "t.json");
    expect(truncated.ok ? "" : truncated.issue.message).toContain("the end of the file");
  });

  it("refuses texts over the size limit without parsing them", () => {
    const result = parseJsonText("[" + "0,".repeat(100) + "0]", "big.json", 50);
    expect(result.ok ? "" : result.issue.message).toMatch(/^file is too large to check/);
  });
});
