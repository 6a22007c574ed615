import type { Geometry, Position } from "geojson";

type Nested = Position | Nested[];

/** Sticky, so matching continues at `lastIndex` without slicing the text (WKT cells can be megabytes). */
const POSITION = /[-+\d.eE]+(?:\s+[-+\d.eE]+){1,3}/y;

/** Parses the parenthesised coordinate part of WKT into nested arrays; undefined if malformed. */
function parseNested(text: string): Nested | undefined {
  let at = 0;
  const skip = () => {
    while (text[at] === " " || text[at] === "\t" || text[at] === "\n" || text[at] === "\r") at++;
  };
  const parseGroup = (depth: number): Nested | undefined => {
    if (depth > 4) return undefined;
    skip();
    if (text[at] !== "(") {
      POSITION.lastIndex = at;
      const match = POSITION.exec(text);
      if (!match) return undefined;
      at += match[0].length;
      const position = match[0].trim().split(/\s+/).map(Number);
      return position.every(Number.isFinite) ? position : undefined;
    }
    at++;
    const items: Nested[] = [];
    for (;;) {
      const item = parseGroup(depth + 1);
      if (item === undefined) return undefined;
      items.push(item);
      skip();
      if (text[at] === ",") {
        at++;
        continue;
      }
      if (text[at] === ")") {
        at++;
        return items;
      }
      return undefined;
    }
  };
  const result = parseGroup(0);
  skip();
  return at === text.length ? result : undefined;
}

const isPosition = (value: Nested): value is Position => typeof value[0] === "number";
const depthOf = (value: Nested): number => (isPosition(value) ? 0 : 1 + depthOf(value[0] as Nested));

/**
 * Reads a WKT geometry (POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON; Z/M
 * markers accepted; an optional "SRID=…;" prefix ignored). Returns undefined for anything else.
 *
 * @example parseWkt("POINT (120.92 30.84)") // { type: "Point", coordinates: [120.92, 30.84] }
 */
export function parseWkt(text: string): Geometry | undefined {
  const match = /^\s*(?:SRID=\d+;\s*)?(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON)\s*(?:ZM|Z|M)?\s*(\(.*\))\s*$/is.exec(text);
  if (!match) return undefined;
  const type = match[1].toUpperCase();
  const nested = parseNested(match[2]);
  if (!nested || isPosition(nested)) return undefined;
  // MULTIPOINT may be written "(1 2, 3 4)" or "((1 2), (3 4))".
  const flatMultiPoint = type === "MULTIPOINT" && depthOf(nested) === 2 ? (nested as Nested[]).map((p) => (p as Nested[])[0]) : nested;
  const expected: Record<string, [Geometry["type"], number]> = {
    POINT: ["Point", 1],
    LINESTRING: ["LineString", 1],
    MULTIPOINT: ["MultiPoint", 1],
    POLYGON: ["Polygon", 2],
    MULTILINESTRING: ["MultiLineString", 2],
    MULTIPOLYGON: ["MultiPolygon", 3],
  };
  const [geometryType, depth] = expected[type];
  if (depthOf(flatMultiPoint) !== depth) return undefined;
  const coordinates = geometryType === "Point" ? (flatMultiPoint as Nested[])[0] : flatMultiPoint;
  if (geometryType === "Point" && (flatMultiPoint as Nested[]).length !== 1) return undefined;
  return { type: geometryType, coordinates } as Geometry;
}
