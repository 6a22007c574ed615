/**
 * GeoJSON validation (RFC 7946 plus the atlas's own expectations: WGS84 lng/lat, valid rings).
 * Pure TypeScript — text or parsed data in, a report out — so the CLI and the app's import share it.
 */
import type { GeoJSON, Position } from "geojson";
import {
  detectShiftedDatum,
  emptyTally,
  isLngLatCrsName,
  legacyCrsName,
  namesShiftedDatum,
  shiftedDatumProperty,
  tallyPosition,
  type PositionTally,
} from "./coordinate-hints.ts";
import { IssueCollector } from "./issue-collector.ts";
import { describeKind, isJsonObject as isObject, type JsonObject } from "./json-value.ts";
import { MAX_TEXT_CHARS, parseJsonText } from "./parse-json-text.ts";
import { findRingSelfIntersections } from "./ring-self-intersections.ts";
import { makeReport, type ValidationReport } from "./types.ts";

export interface ValidateGeoJsonOptions {
  /** Texts longer than this (UTF-16 code units) are rejected unparsed. @default 200 MB */
  maxChars?: number;
  /**
   * A trusted WGS84 outline (e.g. the county boundary). When given, data that lines up with it
   * only after a GCJ-02→WGS84 (or BD-09→WGS84) conversion is flagged. @default undefined
   */
  reference?: GeoJSON;
  /** Rings with more vertices skip the self-intersection check (with a warning). @default 500_000 */
  maxRingVertices?: number;
  /** How many issues of one rule are listed per file before they are summarised. @default 20 */
  maxIssuesPerRule?: number;
}

/** What a check of a text yields: the report, and the parsed value when the JSON was readable. */
export interface CheckedGeoJson {
  report: ValidationReport;
  value: unknown;
}

const GEOMETRY_TYPES = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"];
const GEOJSON_TYPES = [...GEOMETRY_TYPES, "Feature", "FeatureCollection"];

/** RFC 7946 §7.1: members that would change what an object means. */
const FORBIDDEN_MEMBERS: Record<"FeatureCollection" | "Feature" | "geometry", string[]> = {
  FeatureCollection: ["coordinates", "geometries", "geometry", "properties"],
  Feature: ["coordinates", "geometries", "features"],
  geometry: ["geometry", "properties", "features"],
};

/**
 * Validates GeoJSON text: JSON syntax (with line and column), structure, positions, rings and
 * coordinate-system hints. A leading UTF-8 BOM is accepted.
 *
 * @example
 * validateGeoJsonText('{"type":"Point","coordinates":[30.84, 120.92]}', "poi.geojson").errors[0].message
 * // → "coordinates look like [lat, lng] (e.g. [30.84, 120.92]); GeoJSON positions are [lng, lat], swap them"
 */
export function validateGeoJsonText(text: string, fileName: string, options: ValidateGeoJsonOptions = {}): ValidationReport {
  return checkGeoJsonText(text, fileName, options).report;
}

/** Like {@link validateGeoJsonText}, also returning the parsed value (undefined if the JSON was unreadable). */
export function checkGeoJsonText(text: string, fileName: string, options: ValidateGeoJsonOptions = {}): CheckedGeoJson {
  const parsed = parseJsonText(text, fileName, options.maxChars ?? MAX_TEXT_CHARS);
  if (!parsed.ok) {
    return { report: makeReport([parsed.issue], []), value: undefined };
  }
  return { report: validateGeoJsonObject(parsed.value, fileName, options), value: parsed.value };
}

/**
 * Validates already-parsed GeoJSON (e.g. the output of an importer).
 *
 * @example
 * validateGeoJsonObject({ type: "Feature", properties: { name: "魏塘街道" }, geometry: null }, "towns.geojson").ok // → true
 */
export function validateGeoJsonObject(value: unknown, fileName: string, options: ValidateGeoJsonOptions = {}): ValidationReport {
  return new GeoJsonWalker(fileName, options).run(value);
}

/** How a feature is named in messages: `properties.id`, `properties.name`, the Feature `id`, else `#<index>`. */
export function featureLabel(feature: JsonObject, index: number): string {
  const properties = isObject(feature.properties) ? feature.properties : {};
  for (const candidate of [properties.id, properties.name, feature.id]) {
    if ((typeof candidate === "string" && candidate.trim() !== "") || typeof candidate === "number") return String(candidate);
  }
  return `#${index}`;
}

const formatPosition = (position: Position) => `[${position.join(", ")}]`;

class GeoJsonWalker {
  private readonly issues: IssueCollector;
  private readonly maxRingVertices: number;
  /** Valid lng/lat positions, kept only when a reference outline is to be compared. */
  private readonly referencePositions: Position[] | null;
  /** Polygons whose rings are wound against RFC 7946's right-hand rule; reported once per file. */
  private windingPolygons = 0;
  private firstWindingFeature: string | null = null;
  private reportedPropertyDatumHint = false;
  private tally: PositionTally = emptyTally();

  constructor(
    private readonly fileName: string,
    private readonly options: ValidateGeoJsonOptions,
  ) {
    this.issues = new IssueCollector(fileName, options.maxIssuesPerRule ?? 20);
    this.maxRingVertices = options.maxRingVertices ?? 500_000;
    this.referencePositions = options.reference ? [] : null;
  }

  run(root: unknown): ValidationReport {
    if (!isObject(root)) {
      this.issues.error("not-geojson", null, `the file must hold a JSON object (a FeatureCollection, Feature or geometry), found ${describeKind(root)}`);
      return this.issues.report();
    }
    this.checkDatumHints(root);
    const type = this.checkType(root, null, GEOJSON_TYPES, "the root object");
    if (type === "FeatureCollection") this.checkFeatureCollection(root);
    else if (type === "Feature") this.checkFeature(root, featureLabel(root, 0));
    else if (type) {
      this.tally = emptyTally();
      this.checkGeometry(root, null, false);
      this.reportTally(null);
    }
    this.reportWinding();
    this.checkReferenceOffset();
    return this.issues.report();
  }

  private checkDatumHints(root: JsonObject) {
    const crsName = legacyCrsName(root);
    if (crsName !== null && namesShiftedDatum(crsName)) {
      this.issues.warning("maybe-gcj02", null, `the "crs" member names "${crsName}": coordinates may be GCJ-02 or BD-09, which are offset by hundreds of metres from WGS84; convert them to WGS84 before use`);
    } else if (crsName !== null && !isLngLatCrsName(crsName)) {
      this.issues.warning("declared-crs", null, `the "crs" member names "${crsName}", but the atlas expects WGS84 longitude/latitude (EPSG:4326); coordinates may be in another system`);
    }
    const baseName = this.fileName.split(/[\\/]/).pop() ?? this.fileName;
    if (namesShiftedDatum(baseName)) {
      this.issues.warning("maybe-gcj02", null, `the file name suggests AMap/Baidu (GCJ-02 or BD-09) coordinates; if so they are offset by hundreds of metres from WGS84 and must be converted before use`);
    }
  }

  /** Checks the "type" member and returns it if it is one of `allowed`. */
  private checkType(object: JsonObject, feature: string | null, allowed: string[], where: string): string | null {
    if (!("type" in object)) {
      this.issues.error("not-geojson", feature, `${where} has no "type" member, so it is not GeoJSON`);
      return null;
    }
    const type = object.type;
    if (typeof type !== "string") {
      this.issues.error("not-geojson", feature, `${where}: "type" must be a string, found ${describeKind(type)}`);
      return null;
    }
    if (allowed.includes(type)) return type;
    const expected = allowed.length === 1 ? `"${allowed[0]}"` : `one of ${allowed.join(", ")}`;
    const caseInsensitive = GEOJSON_TYPES.find((known) => known.toLowerCase() === type.toLowerCase());
    if (caseInsensitive && allowed.includes(caseInsensitive)) {
      this.issues.error("unknown-type", feature, `${where}: type "${type}" should be "${caseInsensitive}" (GeoJSON types are case-sensitive)`);
    } else if (caseInsensitive) {
      this.issues.error("not-geojson", feature, `${where}: expected type ${expected}, found a ${caseInsensitive}`);
    } else {
      this.issues.error("unknown-type", feature, `${where}: unknown type "${type}"; expected ${expected}`);
    }
    return null;
  }

  private checkForbiddenMembers(object: JsonObject, kind: keyof typeof FORBIDDEN_MEMBERS, feature: string | null) {
    for (const member of FORBIDDEN_MEMBERS[kind]) {
      if (member in object) {
        this.issues.error("forbidden-member", feature, `a ${kind} must not have a "${member}" member (RFC 7946 §7.1: it would change what the object means)`);
      }
    }
  }

  private checkBbox(object: JsonObject, feature: string | null) {
    if (!("bbox" in object)) return;
    const bbox = object.bbox;
    if (!Array.isArray(bbox)) {
      this.issues.error("bad-bbox", feature, `"bbox" must be an array of 4 or 6 numbers, found ${describeKind(bbox)}`);
    } else if (bbox.length !== 4 && bbox.length !== 6) {
      this.issues.error("bad-bbox", feature, `"bbox" must have 4 (2D) or 6 (3D) numbers, found ${bbox.length}`);
    } else if (!bbox.every((value) => typeof value === "number" && Number.isFinite(value))) {
      this.issues.error("bad-bbox", feature, `every element of "bbox" must be a number`);
    }
  }

  private checkFeatureCollection(collection: JsonObject) {
    this.checkForbiddenMembers(collection, "FeatureCollection", null);
    this.checkBbox(collection, null);
    if (!("features" in collection)) {
      this.issues.error("not-geojson", null, `the FeatureCollection has no "features" member`);
      return;
    }
    const features = collection.features;
    if (!Array.isArray(features)) {
      this.issues.error("not-geojson", null, `"features" must be an array, found ${describeKind(features)}`);
      return;
    }
    features.forEach((feature: unknown, index) => {
      if (!isObject(feature)) {
        this.issues.error("not-geojson", `#${index}`, `every member of "features" must be a Feature object, found ${describeKind(feature)}`);
        return;
      }
      const label = featureLabel(feature, index);
      if (this.checkType(feature, label, ["Feature"], `features[${index}]`)) this.checkFeature(feature, label);
    });
  }

  private checkFeature(feature: JsonObject, label: string) {
    this.checkForbiddenMembers(feature, "Feature", label);
    this.checkBbox(feature, label);
    if ("id" in feature && typeof feature.id !== "string" && typeof feature.id !== "number") {
      this.issues.error("bad-member", label, `the Feature "id" must be a string or a number, found ${describeKind(feature.id)}`);
    }
    if (!("properties" in feature)) {
      this.issues.error("bad-member", label, `the Feature has no "properties" member (use "properties": {} or null)`);
    } else if (feature.properties !== null && !isObject(feature.properties)) {
      this.issues.error("bad-member", label, `"properties" must be an object or null, found ${describeKind(feature.properties)}`);
    } else if (feature.properties && !this.reportedPropertyDatumHint) {
      const hint = shiftedDatumProperty(feature.properties);
      if (hint) {
        this.reportedPropertyDatumHint = true;
        this.issues.warning("maybe-gcj02", label, `property ${hint} suggests GCJ-02/BD-09 coordinates, which are offset by hundreds of metres from WGS84; convert them before use`);
      }
    }
    if (!("geometry" in feature)) {
      this.issues.error("not-geojson", label, `the Feature has no "geometry" member (use "geometry": null for a feature without a location)`);
      return;
    }
    if (feature.geometry === null) return;
    if (!isObject(feature.geometry)) {
      this.issues.error("not-geojson", label, `"geometry" must be a geometry object or null, found ${describeKind(feature.geometry)}`);
      return;
    }
    this.tally = emptyTally();
    this.checkGeometry(feature.geometry, label, false);
    this.reportTally(label);
  }

  private checkGeometry(geometry: JsonObject, label: string | null, insideCollection: boolean) {
    const type = this.checkType(geometry, label, GEOMETRY_TYPES, "the geometry");
    if (!type) return;
    this.checkForbiddenMembers(geometry, "geometry", label);
    this.checkBbox(geometry, label);
    if (type === "GeometryCollection") {
      this.checkGeometryCollection(geometry, label, insideCollection);
      return;
    }
    if (!("coordinates" in geometry)) {
      this.issues.error("not-geojson", label, `the ${type} has no "coordinates" member`);
      return;
    }
    const coordinates = geometry.coordinates;
    if (!Array.isArray(coordinates)) {
      this.issues.error("bad-position", label, `"coordinates" of a ${type} must be an array, found ${describeKind(coordinates)}`);
      return;
    }
    switch (type) {
      case "Point":
        this.checkPosition(coordinates, label, type);
        return;
      case "MultiPoint":
        this.checkPositions(coordinates, label, type);
        return;
      case "LineString":
        this.checkLine(coordinates, label, type, "the line");
        return;
      case "MultiLineString":
        this.checkArrayOf(coordinates, label, type, (line, index) => this.checkLine(line, label, type, `line ${index + 1}`));
        return;
      case "Polygon":
        this.checkPolygon(coordinates, label, type, "the polygon");
        return;
      case "MultiPolygon":
        this.checkArrayOf(coordinates, label, type, (polygon, index) => this.checkPolygon(polygon, label, type, `polygon ${index + 1}`));
        return;
    }
  }

  private checkGeometryCollection(collection: JsonObject, label: string | null, insideCollection: boolean) {
    if (insideCollection) {
      this.issues.error("nested-geometry-collection", label, `a GeometryCollection inside a GeometryCollection is not supported; flatten it`);
    }
    const geometries = collection.geometries;
    if (!Array.isArray(geometries)) {
      this.issues.error("not-geojson", label, `a GeometryCollection needs a "geometries" array, found ${describeKind(geometries)}`);
      return;
    }
    if (geometries.length === 1) {
      this.issues.warning("single-geometry-collection", label, `a GeometryCollection with a single geometry; use that geometry (or a Multi* type) directly`);
    }
    for (const geometry of geometries) {
      if (isObject(geometry)) this.checkGeometry(geometry, label, true);
      else this.issues.error("not-geojson", label, `"geometries" must contain only geometry objects, found ${describeKind(geometry)}`);
    }
  }

  /** Checks a level of nesting that must be an array of arrays; calls `each` on the members. */
  private checkArrayOf(value: unknown[], label: string | null, type: string, each: (member: unknown[], index: number) => void) {
    value.forEach((member, index) => {
      if (Array.isArray(member)) each(member, index);
      else this.issues.error("bad-position", label, `found ${describeKind(member)} where an array was expected (coordinates nested too shallowly for a ${type})`);
    });
  }

  /** Returns the positions if all are valid, else null (later ring checks need them all). */
  private checkPositions(value: unknown[], label: string | null, type: string): Position[] | null {
    let allValid = true;
    const positions: Position[] = [];
    for (const member of value) {
      const position = this.checkPosition(member, label, type);
      if (position) positions.push(position);
      else allValid = false;
    }
    return allValid ? positions : null;
  }

  private checkPosition(value: unknown, label: string | null, type: string): Position | null {
    if (!Array.isArray(value)) {
      this.issues.error("bad-position", label, `found ${describeKind(value)} where a position [lng, lat] was expected (coordinates nested too shallowly for a ${type})`);
      return null;
    }
    if (value.some(Array.isArray)) {
      this.issues.error("bad-position", label, `found an array of arrays where a position [lng, lat] was expected (coordinates nested too deeply for a ${type})`);
      return null;
    }
    if (value.length < 2) {
      this.issues.error("bad-position", label, `a position needs at least 2 numbers [lng, lat], found ${value.length}`);
      return null;
    }
    const notNumber = value.find((element) => typeof element !== "number" || !Number.isFinite(element));
    if (notNumber !== undefined) {
      this.issues.error("bad-position", label, `position ${JSON.stringify(value)} holds ${describeKind(notNumber)}${typeof notNumber === "string" ? ` ("${notNumber}")` : ""}; every element must be a finite number`);
      return null;
    }
    if (value.length > 3) {
      this.issues.warning("position-extra-values", label, `a position has ${value.length} numbers; GeoJSON positions should have 2 or 3 ([lng, lat] or [lng, lat, height])`);
    }
    const position = value as Position;
    tallyPosition(this.tally, position);
    if (this.referencePositions && Math.abs(position[0]) <= 180 && Math.abs(position[1]) <= 90) this.referencePositions.push(position);
    return position;
  }

  private checkLine(value: unknown[], label: string | null, type: string, where: string) {
    const positions = this.checkPositions(value, label, type);
    if (positions && positions.length < 2) {
      this.issues.error("line-too-short", label, `${where} has ${positions.length} position; a line needs at least 2`);
    }
  }

  private checkPolygon(value: unknown[], label: string | null, type: string, where: string) {
    const rings: Position[][] = [];
    let allValid = true;
    this.checkArrayOf(value, label, type, (member, index) => {
      const ring = this.checkPositions(member, label, type);
      const ringName = index === 0 ? `${where}'s outer ring` : `${where}'s hole ${index}`;
      if (ring && this.checkRing(ring, label, ringName)) rings[index] = ring;
      else allValid = false;
    });
    if (value.length === 0 || !allValid || rings.length !== value.length) return;
    if (!followsRightHandRule(rings)) {
      this.windingPolygons += 1;
      if (this.windingPolygons === 1) this.firstWindingFeature = label;
    }
    this.checkHoles(rings, label, where);
  }

  /** True if the ring is closed and long enough for the polygon-level checks. */
  private checkRing(ring: Position[], label: string | null, ringName: string): boolean {
    const tooShort = ring.length < 4;
    if (tooShort) {
      this.issues.error("ring-too-short", label, `${ringName} has ${ring.length} positions; a closed ring needs at least 4 (the last repeating the first)`);
    }
    const first = ring[0];
    const last = ring[ring.length - 1];
    const closed = first !== undefined && first.length === last.length && first.every((value, index) => value === last[index]);
    if (!closed && first !== undefined) {
      this.issues.error("ring-not-closed", label, `${ringName} is not closed: the first position ${formatPosition(first)} differs from the last ${formatPosition(last)}`);
    }
    if (tooShort || !closed) return false;
    if (ring.length > this.maxRingVertices) {
      this.issues.warning("self-intersection-check-skipped", label, `self-intersection check skipped for ring with ${ring.length} vertices (limit ${this.maxRingVertices}): ${ringName}`);
      return true;
    }
    const found = findRingSelfIntersections(ring);
    if (found.points.length > 0) {
      const where = found.points.map(formatPosition).join(", ");
      this.issues.error("ring-self-intersection", label, `${ringName} crosses or touches itself at ${where}${found.points.length >= 3 ? " (and maybe more)" : ""}`);
    }
    if (!found.complete) {
      this.issues.warning("self-intersection-check-skipped", label, `self-intersection check stopped early for ring with ${ring.length} vertices (too many overlapping edges): ${ringName}`);
    }
    return true;
  }

  /** Flags holes that lie wholly outside their outer ring (tests up to 3 hole vertices). */
  private checkHoles(rings: Position[][], label: string | null, where: string) {
    const [shell, ...holes] = rings;
    if (holes.length === 0 || holes.length * shell.length > 20_000_000) return;
    holes.forEach((hole, index) => {
      const probes = hole.slice(0, Math.min(3, hole.length - 1));
      if (probes.every((probe) => locateInRing(probe, shell) === "outside")) {
        this.issues.error("hole-outside-shell", label, `${where}'s hole ${index + 1} lies outside the outer ring`);
      }
    });
  }

  private reportTally(label: string | null) {
    const tally = this.tally;
    if (tally.projected > 0) {
      this.issues.error("projected-coordinates", label, `coordinates look projected (metres), e.g. CGCS2000 Gauss–Krüger; convert to WGS84 or import with the right CRS (first such position ${formatPosition(tally.firstProjected!)})`);
    } else if (tally.swapped > 0 && tally.swapped === tally.outOfRange) {
      this.issues.error("lat-lng-swapped", label, `coordinates look like [lat, lng] (e.g. ${formatPosition(tally.firstSwapped!)}); GeoJSON positions are [lng, lat], swap them`);
    } else if (tally.outOfRange > 0) {
      this.issues.error("out-of-range", label, `${tally.outOfRange} position(s) out of range, e.g. ${formatPosition(tally.firstOutOfRange!)}: longitude must be within [-180, 180] and latitude within [-90, 90]`);
    } else if (tally.total > 0 && tally.swappedIntoChina === tally.total) {
      this.issues.warning("lat-lng-swapped", label, `coordinates may be in [lat, lng] order: swapped, they would fall in China; GeoJSON positions are [lng, lat]`);
    }
  }

  private reportWinding() {
    if (this.windingPolygons === 0) return;
    this.issues.warning(
      "winding-order",
      this.firstWindingFeature,
      `${this.windingPolygons} polygon(s) do not follow the right-hand rule (outer rings counter-clockwise, holes clockwise)${this.firstWindingFeature === null ? "" : ", the first in this feature"}; most tools accept either, but RFC 7946 asks for it`,
    );
  }

  private checkReferenceOffset() {
    if (!this.options.reference || !this.referencePositions || this.referencePositions.length === 0) return;
    const offset = detectShiftedDatum(this.referencePositions, this.options.reference);
    if (!offset) return;
    const vendor = offset.datum === "GCJ-02" ? "AMap/Tencent" : "Baidu";
    this.issues.warning(
      "maybe-gcj02",
      null,
      `coordinates may be ${offset.datum} (${vendor}) rather than WGS84: vertices sit ≈${offset.distanceAsGivenM} m from the reference outline (20th percentile) but ≈${offset.distanceConvertedM} m after converting ${offset.datum}→WGS84; convert them before use`,
    );
  }
}

/** Shoelace sum in degrees; positive means counter-clockwise with lng to the right and lat up. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

function followsRightHandRule(rings: Position[][]): boolean {
  return rings.every((ring, index) => (index === 0 ? signedArea(ring) >= 0 : signedArea(ring) <= 0));
}

function locateInRing([x, y]: Position, ring: Position[]): "inside" | "outside" | "boundary" {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
    if (cross === 0 && Math.min(xi, xj) <= x && x <= Math.max(xi, xj) && Math.min(yi, yj) <= y && y <= Math.max(yi, yj)) return "boundary";
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? "inside" : "outside";
}
