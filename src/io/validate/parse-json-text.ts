/**
 * JSON parsing with error positions that do not depend on the JS engine: V8, SpiderMonkey and
 * JavaScriptCore word (and locate) JSON.parse errors differently, so when JSON.parse fails we
 * rescan the text ourselves to find the first offending character.
 */
import type { RuledIssue } from "./issue-collector.ts";

/** 200 MB of UTF-16 text; beyond this a browser tab is likely to run out of memory while parsing. */
export const MAX_TEXT_CHARS = 200 * 1024 * 1024;

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; issue: RuledIssue };

/**
 * Parses JSON text, accepting a leading UTF-8 byte-order mark. On failure returns one issue with
 * a 1-based line and column and a plain reason.
 *
 * @example
 * parseJsonText('{"type": "Point",\n "coordinates": [1 2]}', "a.geojson")
 * // → { ok: false, issue: { file: "a.geojson", feature: null, line: 2, column: 20, rule: "json-syntax",
 * //      message: "invalid JSON at line 2, column 20: expected ',' or ']' after an array element, found '2'" } }
 */
export function parseJsonText(text: string, fileName: string, maxChars = MAX_TEXT_CHARS): JsonParseResult {
  if (text.length > maxChars) {
    return {
      ok: false,
      issue: {
        file: fileName,
        feature: null,
        message: `file is too large to check (${formatMegabytes(text.length)}, limit ${formatMegabytes(maxChars)}); split it into smaller files`,
        rule: "file-too-large",
      },
    };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const bomLength = text.length - body.length;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (parseError) {
    const found = findJsonSyntaxError(body) ?? {
      offset: body.length,
      reason: parseError instanceof Error ? parseError.message : "not valid JSON",
    };
    const { line, column } = lineAndColumn(text, found.offset + bomLength);
    // The BOM is invisible in editors, so do not count it as a column.
    const shownColumn = line === 1 && bomLength > 0 ? column - bomLength : column;
    return {
      ok: false,
      issue: {
        file: fileName,
        feature: null,
        message: `invalid JSON at line ${line}, column ${shownColumn}: ${found.reason}`,
        line,
        column: shownColumn,
        rule: "json-syntax",
      },
    };
  }
}

function formatMegabytes(chars: number): string {
  return `${Math.round(chars / (1024 * 1024))} MB`;
}

/** 1-based line and column of a UTF-16 offset; lines end at "\n" (a preceding "\r" is part of the line). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let index = text.indexOf("\n"); index !== -1 && index < end; index = text.indexOf("\n", index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: end - lineStart + 1 };
}

const MAX_DEPTH = 1000;

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/**
 * Finds the first JSON syntax error in `text` (RFC 8259), or null if the text is valid JSON.
 * Linear time; it builds no values.
 */
export function findJsonSyntaxError(text: string): { offset: number; reason: string } | null {
  let position = 0;

  const describe = (at: number): string =>
    at >= text.length ? "the end of the file" : `'${text[at] === "\n" ? "\\n" : text[at]}'`;
  const fail = (reason: string, at = position): never => {
    throw new JsonSyntaxError(at, reason);
  };
  const skipWhitespace = () => {
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) break;
      position += 1;
    }
  };

  const scanString = () => {
    const start = position;
    position += 1;
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code === 0x22) {
        position += 1;
        return;
      }
      if (code < 0x20) fail("control character (e.g. a raw line break) inside a string; escape it");
      if (code === 0x5c) {
        const escape = text[position + 1];
        if (escape === "u") {
          const hexLength = /^[0-9a-fA-F]{0,4}/.exec(text.slice(position + 2, position + 6))![0].length;
          if (hexLength < 4) fail("invalid \\u escape in a string (needs 4 hex digits)", position + 2 + hexLength);
          position += 6;
          continue;
        }
        // Engines point at the character after the backslash; so do we.
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) fail(`invalid escape '\\${escape ?? ""}' in a string`, position + 1);
        position += 2;
        continue;
      }
      position += 1;
    }
    fail("string is never closed (missing '\"')", start);
  };

  const scanNumber = () => {
    const sign = text[position] === "-" ? 1 : 0;
    const match = /^(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(position + sign, position + sign + 400));
    if (!match) fail(`expected a digit after '-', found ${describe(position + sign)}`, position + sign);
    position += sign + match![0].length;
    // "1." and "1e" are incomplete numbers, not a number followed by junk.
    const incomplete = /^(\.|[eE][+-]?)/.exec(text.slice(position, position + 2));
    if (incomplete) fail(`expected a digit after '${incomplete[0]}' in a number, found ${describe(position + incomplete[0].length)}`, position + incomplete[0].length);
  };

  const scanValue = (depth: number) => {
    skipWhitespace();
    if (depth > MAX_DEPTH) fail(`values nested more than ${MAX_DEPTH} levels deep`);
    const char = text[position];
    if (char === "{") return scanObject(depth);
    if (char === "[") return scanArray(depth);
    if (char === '"') return scanString();
    if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) return scanNumber();
    for (const literal of ["true", "false", "null"]) {
      if (text.startsWith(literal, position)) {
        position += literal.length;
        return;
      }
    }
    if (char === "]" || char === "}") fail(`unexpected ${describe(position)} where a value was expected (trailing comma?)`);
    if (char === "'") fail("strings must use double quotes, not single quotes");
    if (/^(NaN|-?Infinity|undefined)/.test(text.slice(position, position + 10))) fail("NaN, Infinity and undefined are not allowed in JSON");
    fail(`unexpected ${describe(position)} where a value was expected`);
  };

  const scanObject = (depth: number) => {
    position += 1;
    skipWhitespace();
    if (text[position] === "}") {
      position += 1;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text[position] !== '"') {
        fail(
          text[position] === "}"
            ? "unexpected '}' after ',' (trailing comma?)"
            : `expected a property name in double quotes, found ${describe(position)}`,
        );
      }
      scanString();
      skipWhitespace();
      if (text[position] !== ":") fail(`expected ':' after a property name, found ${describe(position)}`);
      position += 1;
      scanValue(depth + 1);
      skipWhitespace();
      if (text[position] === ",") {
        position += 1;
        continue;
      }
      if (text[position] === "}") {
        position += 1;
        return;
      }
      fail(`expected ',' or '}' after a property value, found ${describe(position)}`);
    }
  };

  const scanArray = (depth: number) => {
    position += 1;
    skipWhitespace();
    if (text[position] === "]") {
      position += 1;
      return;
    }
    for (;;) {
      scanValue(depth + 1);
      skipWhitespace();
      if (text[position] === ",") {
        position += 1;
        continue;
      }
      if (text[position] === "]") {
        position += 1;
        return;
      }
      fail(`expected ',' or ']' after an array element, found ${describe(position)}`);
    }
  };

  try {
    skipWhitespace();
    if (position >= text.length) fail("the file is empty");
    scanValue(0);
    skipWhitespace();
    if (position < text.length) fail(`unexpected ${describe(position)} after the end of the JSON value`);
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { offset: error.offset, reason: error.reason };
    throw error;
  }
}
