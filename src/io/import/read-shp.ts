import type { Geometry, Position } from "geojson";
import { pointInRing } from "../../data/point-in-ring.ts";

/** One record of a .shp: its geometry (null for Null shapes) or why it could not be read. */
export type ShpRecord = { geometry: Geometry | null; problem?: string };

export interface ShpContents {
  shapeType: number;
  records: ShpRecord[];
  /** Set when the file ends early or has a broken record; records before it are kept. */
  truncated?: string;
}

const SHAPE_NAMES: Record<number, string> = {
  0: "Null", 1: "Point", 3: "PolyLine", 5: "Polygon", 8: "MultiPoint",
  11: "PointZ", 13: "PolyLineZ", 15: "PolygonZ", 18: "MultiPointZ",
  21: "PointM", 23: "PolyLineM", 25: "PolygonM", 28: "MultiPointM", 31: "MultiPatch",
};
const HAS_Z = new Set([11, 13, 15, 18]);
const BASE_TYPE: Record<number, number> = { 1: 1, 11: 1, 21: 1, 3: 3, 13: 3, 23: 3, 5: 5, 15: 5, 25: 5, 8: 8, 18: 8, 28: 8 };

/** Twice the signed area; positive = counter-clockwise (x east, y north). */
function signedArea2(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return sum;
}

function closeRing(ring: Position[]): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

/**
 * Builds GeoJSON polygons from shapefile rings. In a .shp outer rings run clockwise and holes
 * counter-clockwise, in any order; each hole goes to the smallest shell that contains it. A "hole" no shell
 * contains is taken as a shell (files with reversed winding exist). Output follows RFC 7946: shells
 * counter-clockwise, holes clockwise.
 */
export function assemblePolygon(rings: Position[][]): Geometry | null {
  const usable = rings.filter((r) => r.length >= 3).map(closeRing).filter((r) => r.length >= 4);
  const shells: { ring: Position[]; area: number; holes: Position[][] }[] = [];
  const holes: Position[][] = [];
  for (const ring of usable) {
    const area = signedArea2(ring);
    if (area < 0) shells.push({ ring: [...ring].reverse(), area: -area, holes: [] });
    else if (area > 0) holes.push(ring);
  }
  for (const hole of holes) {
    const containing = shells
      .filter((shell) => hole.some((p) => pointInRing(p, shell.ring)))
      .sort((a, b) => a.area - b.area)[0];
    if (containing) containing.holes.push([...hole].reverse());
    else shells.push({ ring: hole, area: signedArea2(hole), holes: [] });
  }
  if (shells.length === 0) return null;
  const polygons = shells.map((shell) => [shell.ring, ...shell.holes]);
  return polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0] } : { type: "MultiPolygon", coordinates: polygons };
}

/** Reads point data of a multi-part record; every count is checked against the record length first. */
function readParts(view: DataView, start: number, end: number, withParts: boolean, hasZ: boolean): Position[][] | string {
  const numParts = withParts ? view.getInt32(start + 36, true) : 1;
  const numPoints = view.getInt32(start + (withParts ? 40 : 36), true);
  const partsAt = start + (withParts ? 44 : 40);
  const pointsAt = partsAt + (withParts ? numParts * 4 : 0);
  if (numParts < 0 || numPoints < 0 || pointsAt + numPoints * 16 > end) return `part/point counts (${numParts}/${numPoints}) do not fit the record`;
  const zAt = pointsAt + numPoints * 16 + 16;
  const withZ = hasZ && zAt + numPoints * 8 <= end;
  const starts = withParts ? Array.from({ length: numParts }, (_, i) => view.getInt32(partsAt + i * 4, true)) : [0];
  const parts: Position[][] = [];
  for (let p = 0; p < starts.length; p++) {
    const from = starts[p];
    const to = p + 1 < starts.length ? starts[p + 1] : numPoints;
    if (from < 0 || to > numPoints || from > to) return `part ${p} has an invalid start index`;
    const part: Position[] = [];
    for (let i = from; i < to; i++) {
      const x = view.getFloat64(pointsAt + i * 16, true);
      const y = view.getFloat64(pointsAt + i * 16 + 8, true);
      part.push(withZ ? [x, y, view.getFloat64(zAt + i * 8, true)] : [x, y]);
    }
    parts.push(part);
  }
  return parts;
}

const finite = (positions: Position[]) => positions.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y));

function readRecord(view: DataView, start: number, end: number): ShpRecord {
  const type = view.getInt32(start, true);
  if (type === 0) return { geometry: null };
  const base = BASE_TYPE[type];
  if (!base) return { geometry: null, problem: `unsupported shape type ${SHAPE_NAMES[type] ?? type}` };
  const hasZ = HAS_Z.has(type);
  if (base === 1) {
    if (start + 20 > end) return { geometry: null, problem: "point record too short" };
    const x = view.getFloat64(start + 4, true);
    const y = view.getFloat64(start + 12, true);
    const coordinates = hasZ && start + 28 <= end ? [x, y, view.getFloat64(start + 20, true)] : [x, y];
    return finite([coordinates]) ? { geometry: { type: "Point", coordinates } } : { geometry: null, problem: "point is not finite" };
  }
  if (start + 44 > end) return { geometry: null, problem: "record too short" };
  const parts = readParts(view, start, end, base !== 8, hasZ);
  if (typeof parts === "string") return { geometry: null, problem: parts };
  if (!parts.every(finite)) return { geometry: null, problem: "coordinates are not finite" };
  if (base === 8) return { geometry: parts[0].length ? { type: "MultiPoint", coordinates: parts[0] } : null };
  if (base === 3) {
    const lines = parts.filter((part) => part.length >= 2);
    if (lines.length === 0) return { geometry: null };
    return { geometry: lines.length === 1 ? { type: "LineString", coordinates: lines[0] } : { type: "MultiLineString", coordinates: lines } };
  }
  return { geometry: assemblePolygon(parts) };
}

/**
 * Reads an ESRI .shp (Point, MultiPoint, PolyLine, Polygon and their Z/M variants; M values dropped, Z kept).
 * Never throws on broken records: reading stops at the first record that does not fit, with `truncated` set.
 * Throws a plain Error only when the header itself is not a shapefile header.
 *
 * @example readShp(bytes).records[0].geometry // { type: "Polygon", coordinates: [...] }
 */
export function readShp(bytes: Uint8Array): ShpContents {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 100 || view.getInt32(0, false) !== 9994) throw new Error("not a .shp file (bad header)");
  const declaredLength = view.getInt32(24, false) * 2;
  const end = declaredLength >= 100 && declaredLength <= bytes.length ? declaredLength : bytes.length;
  const shapeType = view.getInt32(32, true);
  const records: ShpRecord[] = [];
  let offset = 100;
  let truncated: string | undefined;
  while (offset + 8 <= end) {
    const contentLength = view.getInt32(offset + 4, false) * 2;
    const start = offset + 8;
    // Some writers pad the file with zero bytes after the last record.
    if (contentLength === 0 && view.getInt32(offset, false) === 0) break;
    if (contentLength < 4 || start + contentLength > end) {
      truncated = `record ${records.length + 1} at byte ${offset} does not fit the file`;
      break;
    }
    records.push(readRecord(view, start, start + contentLength));
    offset = start + contentLength;
  }
  return { shapeType, records, ...(truncated ? { truncated } : {}) };
}

export function shapeTypeName(type: number): string {
  return SHAPE_NAMES[type] ?? `type ${type}`;
}
