import { centroid } from "@turf/turf";
import type { Feature, FeatureCollection, Geometry, Position } from "geojson";

export interface ToCsvOptions {
  /** @default "," */
  delimiter?: "," | ";" | "\t" | "|";
  /** Start with a UTF-8 byte order mark so Excel opens Chinese text correctly. @default false */
  excelBom?: boolean;
  /**
   * How non-point geometry is written. "wkt": a `wkt` column with the full shape (points too);
   * "centroid": lng/lat of the centroid (points: the point itself); "none": attributes only.
   * Points always get `lng`/`lat` columns unless "none". @default "wkt"
   */
  geometry?: "wkt" | "centroid" | "none";
  /** Line ending. @default "\r\n" (RFC 4180) */
  newline?: "\r\n" | "\n";
}

type Row = Record<string, unknown>;

function wktPositions(positions: Position[]): string {
  return positions.map((p) => p.join(" ")).join(", ");
}

/** Geometry as WKT (2D or 3D positions as given). */
export function toWkt(geometry: Geometry): string {
  switch (geometry.type) {
    case "Point":
      return `POINT (${geometry.coordinates.join(" ")})`;
    case "MultiPoint":
      return `MULTIPOINT (${geometry.coordinates.map((p) => `(${p.join(" ")})`).join(", ")})`;
    case "LineString":
      return `LINESTRING (${wktPositions(geometry.coordinates)})`;
    case "MultiLineString":
      return `MULTILINESTRING (${geometry.coordinates.map((l) => `(${wktPositions(l)})`).join(", ")})`;
    case "Polygon":
      return `POLYGON (${geometry.coordinates.map((r) => `(${wktPositions(r)})`).join(", ")})`;
    case "MultiPolygon":
      return `MULTIPOLYGON (${geometry.coordinates.map((p) => `(${p.map((r) => `(${wktPositions(r)})`).join(", ")})`).join(", ")})`;
    case "GeometryCollection":
      return `GEOMETRYCOLLECTION (${geometry.geometries.map(toWkt).join(", ")})`;
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function quote(text: string, delimiter: string): string {
  return /["\r\n]/.test(text) || text.includes(delimiter) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

function geometryColumns(feature: Feature<Geometry | null>, mode: NonNullable<ToCsvOptions["geometry"]>): Row {
  const geometry = feature.geometry;
  if (mode === "none" || !geometry) return {};
  if (geometry.type === "Point") {
    const [lng, lat] = geometry.coordinates;
    return mode === "wkt" ? { lng, lat, wkt: toWkt(geometry) } : { lng, lat };
  }
  if (mode === "wkt") return { wkt: toWkt(geometry) };
  const [lng, lat] = centroid(geometry).geometry.coordinates;
  return { lng, lat };
}

/**
 * Writes a table: attribute columns (union of all keys, in first-seen order; objects as JSON) plus geometry
 * columns — `lng`/`lat` for points, and a `wkt` column or centroid `lng`/`lat` for other shapes (see
 * `geometry`). Quotes fields holding the delimiter, quotes, line breaks or edge spaces (RFC 4180).
 * Accepts a FeatureCollection or plain rows.
 *
 * @example toCsv(fc, { excelBom: true, geometry: "centroid" }) // "\uFEFFname,lng,lat\r\n魏塘街道,120.9258,30.8411\r\n"
 */
export function toCsv(input: FeatureCollection<Geometry | null> | Row[], options: ToCsvOptions = {}): string {
  const { delimiter = ",", excelBom = false, geometry = "wkt", newline = "\r\n" } = options;
  const rows: Row[] = Array.isArray(input)
    ? input
    : input.features.map((feature) => {
        const own = { ...(feature.properties ?? {}) };
        const extra = geometryColumns(feature, geometry);
        // Geometry columns win over attributes of the same name; say so by renaming the attribute.
        for (const key of Object.keys(extra)) if (key in own) own[`${key}_attribute`] = own[key];
        return { ...own, ...extra };
      });
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (!seen.has(key)) seen.add(key) && columns.push(key);
  const lines = [columns, ...rows.map((row) => columns.map((c) => cellText(row[c])))].map((cells) => cells.map((c) => quote(c, delimiter)).join(delimiter));
  return (excelBom ? "\uFEFF" : "") + lines.join(newline) + newline;
}
