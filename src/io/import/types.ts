import type { FeatureCollection, GeoJSON, Geometry } from "geojson";
import type { Bilingual, Manifest, ManifestLayer, Provenance } from "../../data/types";
import type { CrsConfidence } from "../crs/detect-crs";
import type { CrsInfo } from "../crs/crs-info";
import type { ImportMessage } from "./import-error";

/** Parses XML text into a DOM Document (the browser's DOMParser, or @xmldom/xmldom in Node and workers). */
export type ParseXml = (text: string) => Document;

export interface ImportProgress {
  phase: "read" | "parse" | "convert";
  done: number;
  total: number;
  unit: "bytes" | "rows" | "features";
}

export interface ImportOptions {
  /**
   * Source CRS, overriding .prj and detection: "WGS84", "CGCS2000", "GCJ02", "BD09", "EPSG:4549", …
   * (see `crsFromCode`). Applies to CSV, GeoJSON and shapefiles; KML/GPX are WGS84 by definition.
   */
  crs?: string;
  /** Text encoding for CSV/DBF, overriding .cpg and detection, e.g. "gbk". */
  encoding?: string;
  /** XML parser for KML/GPX; defaults to `globalThis.DOMParser` (absent in Web Workers and Node). */
  parseXml?: ParseXml;
  /** Keep the coordinate columns of a CSV as properties too. @default false */
  keepCoordinateColumns?: boolean;
  /** Where the data is expected, used to choose between projected grids. @default Jiashan centre */
  expectedLngLat?: [number, number];
  /** Trusted WGS84 outline (county boundary) for the GCJ-02/BD-09 offset test. @default undefined */
  referenceOutline?: GeoJSON;
  /** Refuse files above this size. @default MAX_IMPORT_BYTES (200 MB) */
  maxBytes?: number;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

/** How the layer's coordinates were interpreted: enough for the UI to show it and offer a correction. */
export interface CrsReport {
  crs: CrsInfo;
  confidence: CrsConfidence | "declared";
  /** What was assumed and done, for the user. */
  reason: Bilingual;
  axesSwapped: boolean;
}

export interface ImportedLayer {
  name: string;
  /** WGS84 [lng, lat] features. Properties are the file's own, as plain strings/numbers/booleans. */
  fc: FeatureCollection<Geometry | null>;
  sourceCrs: CrsReport;
  /** The coordinates as read (axes already swapped if needed), for re-converting with another CRS. */
  raw: FeatureCollection<Geometry | null>;
  /** Layer-level provenance: the user's file, how it was converted, the error conversion may add. */
  provenance: Provenance;
  notes: Bilingual[];
}

export interface LayersImport {
  kind: "layers";
  layers: ImportedLayer[];
  warnings: ImportMessage[];
}

/** A whole data package (manifest.json + layers) for the UI to use instead of the built-in one. */
export interface PackageImport {
  kind: "package";
  manifest: Manifest;
  layers: { layer: ManifestLayer; fc: FeatureCollection<Geometry | null> }[];
  warnings: ImportMessage[];
}

export type ImportResult = LayersImport | PackageImport;

/** Input file: what both a browser File and a Node Buffer can give. */
export interface ImportInput {
  name: string;
  bytes: Uint8Array;
}

/** A format reader's output before CRS resolution: raw coordinates plus clues about their CRS. */
export interface RawLayer {
  name: string;
  fc: FeatureCollection<Geometry | null>;
  /** Set when the format fixes the CRS (KML/GPX are WGS84 by specification). */
  fixedCrs?: CrsInfo;
  /** Used when detection finds nothing (GeoJSON is WGS84 by RFC 7946, even with out-of-range numbers). */
  fallbackCrs?: CrsInfo;
  prj?: string;
  declaredCrs?: string;
  columnNames?: string[];
  notes: Bilingual[];
}

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
