/**
 * Heuristics about which coordinate system a file is really in. Coordinates alone cannot prove a
 * datum, so everything here produces warnings worded with "may", except ranges that are
 * impossible for longitude/latitude.
 */
import Flatbush from "flatbush";
import gcoord from "gcoord";
import type { GeoJSON, Position } from "geojson";

/** Rough bounding box of China, `[minLng, minLat, maxLng, maxLat]`, for the swapped-axes guess. */
export const CHINA_BBOX = [73.4, 18.1, 135.1, 53.6] as const;

/** Per-feature tallies of suspicious positions; one issue per feature and kind is enough. */
export interface PositionTally {
  total: number;
  outOfRange: number;
  firstOutOfRange: Position | null;
  /** Invalid as [lng, lat] but valid as [lat, lng]. */
  swapped: number;
  firstSwapped: Position | null;
  /** Values far beyond degrees: metres of a projected CRS. */
  projected: number;
  firstProjected: Position | null;
  /** Valid, outside China, but inside China once swapped. */
  swappedIntoChina: number;
}

export function emptyTally(): PositionTally {
  return { total: 0, outOfRange: 0, firstOutOfRange: null, swapped: 0, firstSwapped: null, projected: 0, firstProjected: null, swappedIntoChina: 0 };
}

const inChina = (lng: number, lat: number) => lng >= CHINA_BBOX[0] && lng <= CHINA_BBOX[2] && lat >= CHINA_BBOX[1] && lat <= CHINA_BBOX[3];

/** Degrees never exceed 360 in magnitude; anything over 1000 is metres (Gauss–Krüger, UTM, Web Mercator). */
const PROJECTED_MIN_ABS = 1000;

export function tallyPosition(tally: PositionTally, [lng, lat]: Position) {
  tally.total += 1;
  const valid = Math.abs(lng) <= 180 && Math.abs(lat) <= 90;
  if (valid) {
    if (!inChina(lng, lat) && inChina(lat, lng)) tally.swappedIntoChina += 1;
    return;
  }
  tally.outOfRange += 1;
  tally.firstOutOfRange ??= [lng, lat];
  if (Math.max(Math.abs(lng), Math.abs(lat)) >= PROJECTED_MIN_ABS) {
    tally.projected += 1;
    tally.firstProjected ??= [lng, lat];
  } else if (Math.abs(lng) <= 90 && Math.abs(lat) <= 180) {
    tally.swapped += 1;
    tally.firstSwapped ??= [lng, lat];
  }
}

/** Names of the consumer-map datums that are shifted from WGS84 by design (GCJ-02 "Mars" and Baidu's BD-09). */
const SHIFTED_DATUM = /gcj[-_ ]?0?2|amap|gaode|autonavi|高德|火星|bd[-_ ]?09|baidu|百度|bmap|tencent|腾讯|qq ?map/i;

/** CRS names that mean WGS84 / CGCS2000 longitude-latitude, the atlas's own system. */
const LNG_LAT_CRS = /^(ogc:1\.3:)?crs:?84$|^epsg:+(\d+(\.\d+)*:)?(4326|4490)$|^wgs ?84$|^cgcs ?2000$/i;

/** Property keys where converters record a coordinate system. */
const CRS_PROPERTY_KEYS = ["crs", "srs", "coord_type", "coordtype", "coordsys", "coord_sys", "coordinate_system", "coordinates_type", "datum", "坐标系"];

/** True if a CRS name, file name or property value names GCJ-02/BD-09 or the maps that use them. */
export function namesShiftedDatum(name: string): boolean {
  return SHIFTED_DATUM.test(name);
}

/** Name in a legacy GeoJSON `crs` member (`{"type": "name", "properties": {"name": ...}}`), if any. */
export function legacyCrsName(root: Record<string, unknown>): string | null {
  const crs = root.crs;
  if (!crs || typeof crs !== "object") return null;
  const properties = (crs as Record<string, unknown>).properties;
  if (properties && typeof properties === "object") {
    const name = (properties as Record<string, unknown>).name ?? (properties as Record<string, unknown>).code;
    if (typeof name === "string" || typeof name === "number") return String(name);
  }
  return null;
}

export function isLngLatCrsName(name: string): boolean {
  return LNG_LAT_CRS.test(name.trim().replace(/^urn:ogc:def:crs:/i, ""));
}

/** A property of a feature that names a shifted datum, as `key=value`, or null. */
export function shiftedDatumProperty(properties: Record<string, unknown>): string | null {
  for (const key of CRS_PROPERTY_KEYS) {
    const value = properties[key];
    if (typeof value === "string" && SHIFTED_DATUM.test(value)) return `${key}=${value}`;
  }
  return null;
}

export interface OffsetFromReference {
  datum: "GCJ-02" | "BD-09";
  /** Typical distance (20th percentile, metres) from the data to the reference outline as given. */
  distanceAsGivenM: number;
  /** The same after converting the data from `datum` to WGS84. */
  distanceConvertedM: number;
}

const SAMPLE_SIZE = 2000;
const SEARCH_RADIUS_DEG = 0.02;
const METRES_PER_DEGREE = 111_320;

/**
 * Compares sampled data vertices with a WGS84 reference outline (e.g. the county boundary). If
 * converting the data from GCJ-02 (or BD-09) to WGS84 brings it much closer to the reference,
 * the data was probably digitised on AMap/Tencent (or Baidu) tiles. Needs data that shares some
 * edges with the reference; unrelated data simply yields null.
 *
 * @example
 * detectShiftedDatum([[120.93, 30.85], ...], countyOutline) // → { datum: "GCJ-02", distanceAsGivenM: 480, distanceConvertedM: 3 } or null
 */
export function detectShiftedDatum(positions: Position[], reference: GeoJSON): OffsetFromReference | null {
  const segments = referenceSegments(reference);
  if (segments.length === 0 || positions.length === 0) return null;
  const index = new Flatbush(segments.length);
  for (const [a, b] of segments) index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  index.finish();

  const step = Math.max(1, Math.floor(positions.length / SAMPLE_SIZE));
  const sample = positions.filter((_, i) => i % step === 0);
  const asGiven = lowQuantileDistance(sample, segments, index);
  if (asGiven < 100) return null;
  for (const datum of ["GCJ-02", "BD-09"] as const) {
    const from = datum === "GCJ-02" ? gcoord.GCJ02 : gcoord.BD09;
    const converted = sample.map((position) => gcoord.transform([position[0], position[1]] as [number, number], from, gcoord.WGS84) as Position);
    const distance = lowQuantileDistance(converted, segments, index);
    if (distance < asGiven * 0.35) return { datum, distanceAsGivenM: Math.round(asGiven), distanceConvertedM: Math.round(distance) };
  }
  return null;
}

function referenceSegments(reference: GeoJSON): [Position, Position][] {
  const segments: [Position, Position][] = [];
  const addLine = (line: Position[]) => {
    for (let i = 0; i + 1 < line.length; i += 1) segments.push([line[i], line[i + 1]]);
  };
  const visit = (node: GeoJSON | null): void => {
    if (!node) return;
    switch (node.type) {
      case "FeatureCollection":
        return node.features.forEach(visit);
      case "Feature":
        return visit(node.geometry);
      case "GeometryCollection":
        return node.geometries.forEach(visit);
      case "LineString":
        return addLine(node.coordinates);
      case "MultiLineString":
      case "Polygon":
        return node.coordinates.forEach(addLine);
      case "MultiPolygon":
        return node.coordinates.forEach((polygon) => polygon.forEach(addLine));
      default:
        return;
    }
  };
  visit(reference);
  return segments;
}

/** 20th-percentile distance in metres, so vertices away from the reference (inner borders) do not dominate. */
function lowQuantileDistance(sample: Position[], segments: [Position, Position][], index: Flatbush): number {
  const distances = sample.map(([lng, lat]) => {
    const candidates = index.search(lng - SEARCH_RADIUS_DEG, lat - SEARCH_RADIUS_DEG, lng + SEARCH_RADIUS_DEG, lat + SEARCH_RADIUS_DEG);
    let best = SEARCH_RADIUS_DEG * METRES_PER_DEGREE;
    for (const candidate of candidates) best = Math.min(best, distanceToSegmentM([lng, lat], segments[candidate]));
    return best;
  });
  distances.sort((a, b) => a - b);
  return distances[Math.floor(distances.length * 0.2)];
}

function distanceToSegmentM(point: Position, [a, b]: [Position, Position]): number {
  const scaleX = Math.cos((point[1] * Math.PI) / 180);
  const ax = a[0] * scaleX, ay = a[1], bx = b[0] * scaleX, by = b[1], px = point[0] * scaleX, py = point[1];
  const dx = bx - ax, dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy)) * METRES_PER_DEGREE;
}
