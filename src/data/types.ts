/**
 * The data package contract: what geodata/manifest.json and every shipped feature look like.
 * Shared by the build script, the validator (`atlas check`), the app and the analysis engine.
 */
import type { FeatureCollection, Feature, Geometry } from "geojson";

/** How far a shape or number can be trusted. Shown in the legend and on every feature card. */
export const STATUSES = ["official", "derived", "approximate", "schematic"] as const;
export type Status = (typeof STATUSES)[number];

/** The thematic and context layer kinds the explorer knows. `imported` is added for user files. */
export const LAYER_KINDS = [
  "county",
  "neighbours",
  "towns",
  "zones",
  "innovation-centres",
  "emergency",
  "water",
  "villages",
] as const;
export type PackageLayerKind = (typeof LAYER_KINDS)[number];
export type LayerKind = PackageLayerKind | "imported";

/**
 * The geometries the explorer draws for each kind ("Polygon" covers MultiPolygon, and so on). The
 * package validator refuses others, which would load without showing; a map test proves each listed
 * one is drawn. A county must be an area: its outline masks everything outside it.
 */
export const KIND_GEOMETRIES: Record<PackageLayerKind, readonly ("Point" | "LineString" | "Polygon")[]> = {
  county: ["Polygon"],
  neighbours: ["Polygon"],
  towns: ["Polygon", "Point"],
  zones: ["Polygon", "Point"],
  "innovation-centres": ["Polygon", "Point"],
  emergency: ["Point"],
  water: ["Polygon", "LineString", "Point"],
  villages: ["Point"],
};

export interface Bilingual {
  zh: string;
  en: string;
}

/** Where a feature comes from and how good it is. Required on every shipped feature. */
export interface Provenance {
  source: string;
  method: string;
  /** Positional accuracy in metres (how far the drawn geometry may be from the truth). */
  accuracy_m: number;
  status: Status;
}

/** A figure cited from the seeds/ digest: value, unit and the document section it comes from. */
export interface CitedFigure {
  /** Key into seeds/figures.json, e.g. "gtxc.area_km2". */
  figure: string;
}

export interface AtlasFeatureProperties extends Provenance {
  /** Stable id, unique within the package. */
  id: string;
  name: string;
  name_en: string;
  /** Pinyin (no tones) so search works from a Latin keyboard. */
  name_pinyin?: string;
  /** Keys into seeds/figures.json shown on the feature card. */
  figures?: string[];
  [key: string]: unknown;
}

export type AtlasFeature<G extends Geometry | null = Geometry> = Feature<G, AtlasFeatureProperties>;
export type AtlasCollection<G extends Geometry | null = Geometry> = FeatureCollection<G, AtlasFeatureProperties>;

export interface ManifestLayer {
  id: string;
  kind: PackageLayerKind;
  /** Path relative to the manifest. */
  file: string;
  title: Bilingual;
  /** Dominant geometry: "Polygon" covers MultiPolygon, "LineString" covers MultiLineString. */
  geometry: "Point" | "LineString" | "Polygon" | "Mixed" | "None";
  /** The worst status among the layer's features (schematic < approximate < derived < official). */
  status: Status;
  sources: string[];
  licence: string;
  attribution: Bilingual;
  /** How the layer is produced: by `npm run data:build` from packages, or hand-placed and committed. */
  build?: "generated" | "hand-placed";
}

export interface Manifest {
  name: string;
  title: Bilingual;
  version: string;
  /** Always "EPSG:4326" (WGS84 ≈ CGCS2000 here); conversion happens only at the edges. */
  crs: "EPSG:4326";
  layers: ManifestLayer[];
}

/** Numeric ordering of statuses, from least to most trustworthy. */
export const STATUS_RANK: Record<Status, number> = { schematic: 0, approximate: 1, derived: 2, official: 3 };
