/**
 * Deterministic JSON output for the data package: fixed key order, rounded coordinates,
 * one feature per line (diff-friendly) and a trailing newline, so re-runs are byte-identical.
 */
import type { Geometry, Position } from "geojson";

/** Properties every feature starts with, in this order; all others follow alphabetically. */
const LEADING_KEYS = [
  "id",
  "name",
  "name_en",
  "name_pinyin",
  "status",
  "accuracy_m",
  "source",
  "method",
  "figures",
];

/**
 * Returns a copy of `properties` with the provenance keys first and the rest sorted.
 * @example orderProperties({ b: 1, id: "x", a: 2 }) // { id: "x", a: 2, b: 1 }
 */
export function orderProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of LEADING_KEYS) if (key in properties) ordered[key] = properties[key];
  for (const key of Object.keys(properties).sort()) if (!(key in ordered)) ordered[key] = properties[key];
  return ordered;
}

/** Rounds a number to `decimals` places without producing "-0". */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}

function roundPositions(coordinates: unknown, decimals: number): unknown {
  if (typeof coordinates === "number") return roundTo(coordinates, decimals);
  return (coordinates as unknown[]).map((c) => roundPositions(c, decimals));
}

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/**
 * Drops consecutive duplicate positions and zero-width spikes (A→B→A) — rounding creates both —
 * while keeping rings closed.
 */
function dedupeRing(ring: Position[]): Position[] {
  const open = ring.slice(0, -1);
  const out: Position[] = [];
  for (const p of open) {
    if (out.length && samePosition(out[out.length - 1]!, p)) continue;
    if (out.length >= 2 && samePosition(out[out.length - 2]!, p)) { out.pop(); continue; }
    out.push(p);
  }
  while (out.length >= 3 && (samePosition(out[0]!, out[out.length - 1]!) || samePosition(out[1]!, out[out.length - 1]!))) {
    if (samePosition(out[0]!, out[out.length - 1]!)) out.pop();
    else out.shift();
  }
  return out.length ? [...out, out[0]!] : ring;
}

/**
 * Rounds every coordinate of a geometry to `decimals` places (5 ≈ 1 m, 4 ≈ 10 m at this latitude).
 * @example roundGeometry({ type: "Point", coordinates: [120.123456, 30.987654] }, 5) // [120.12346, 30.98765]
 */
export function roundGeometry<G extends Geometry>(geometry: G, decimals: number): G {
  if (geometry.type === "GeometryCollection") throw new Error("roundGeometry: GeometryCollection is not used in the package");
  const coordinates = roundPositions(geometry.coordinates, decimals);
  if (geometry.type === "Polygon") return { type: "Polygon", coordinates: (coordinates as Position[][]).map(dedupeRing) } as G;
  if (geometry.type === "MultiPolygon")
    return { type: "MultiPolygon", coordinates: (coordinates as Position[][][]).map((poly) => poly.map(dedupeRing)) } as G;
  return { type: geometry.type, coordinates } as G;
}

interface SerializableFeature {
  type: "Feature";
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

/** Serializes a FeatureCollection with one feature per line and ordered properties. */
export function serializeCollection(features: SerializableFeature[]): string {
  const lines = features.map((f) =>
    JSON.stringify({ type: "Feature", properties: orderProperties(f.properties), geometry: f.geometry }),
  );
  return `{"type":"FeatureCollection","features":[\n${lines.join(",\n")}\n]}\n`;
}

/** Serializes plain JSON (manifest, standards) with two-space indent and a trailing newline. */
export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
