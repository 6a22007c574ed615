import type { FeatureCollection, Geometry } from "geojson";

export interface ToGeoJsonOptions {
  /** Decimal places kept in coordinates; 7 ≈ 1 cm. Omit to keep full precision. @default undefined */
  coordinateDecimals?: number;
  /** Pretty-print with this indent. @default 0 (compact) */
  indent?: number;
}

/**
 * Serialises a FeatureCollection as RFC 7946 GeoJSON text (WGS84, no `crs` member).
 *
 * @example toGeoJson(fc, { coordinateDecimals: 7 }) // '{"type":"FeatureCollection","features":[…]}'
 */
export function toGeoJson(fc: FeatureCollection<Geometry | null>, { coordinateDecimals, indent = 0 }: ToGeoJsonOptions = {}): string {
  const factor = coordinateDecimals === undefined ? undefined : 10 ** coordinateDecimals;
  const roundCoordinates = (key: string, value: unknown) => {
    if (factor === undefined || key !== "coordinates") return value;
    const round = (v: unknown): unknown => (Array.isArray(v) ? v.map(round) : typeof v === "number" ? Math.round(v * factor) / factor : v);
    return round(value);
  };
  return JSON.stringify({ type: "FeatureCollection", features: fc.features }, roundCoordinates, indent || undefined);
}
