/**
 * Builds the whole data package in memory: every layer file plus manifest.json, as strings keyed by
 * their path relative to geodata/. Pure apart from reading the inputs, so a test can compare the
 * result with the committed files byte for byte.
 */
import type { Geometry } from "geojson";
import type { AtlasFeature, Manifest, ManifestLayer, Status } from "../../src/data/types.ts";
import { STATUS_RANK } from "../../src/data/types.ts";
import { readInputs, type BuildInputs } from "./read-inputs.ts";
import { buildCounty, buildNeighbours } from "./build-county-layers.ts";
import { buildTowns } from "./build-towns.ts";
import { buildVillages } from "./build-villages.ts";
import { resolveLayer, type PlacementContext, type ResolvedFeature } from "./resolve-placements.ts";
import { LAYER_CATALOGUE } from "./layer-catalogue.ts";
import { applyEmergencyStandards } from "./apply-emergency-standards.ts";
import { serializeCollection, serializeJson } from "./serialize.ts";

/** Hand-placed layers, in the order they are resolved (later ones may refer to earlier ones). */
export const HAND_PLACED_LAYERS = ["zones", "innovation-centres", "emergency", "water"] as const;

export interface LayerSummary {
  id: string;
  features: number;
  statusMix: Partial<Record<Status, number>>;
  build: ManifestLayer["build"];
  sources: string[];
}

export interface BuiltPackage {
  /** File contents keyed by path relative to geodata/. */
  files: Record<string, string>;
  summary: LayerSummary[];
  countyAreaKm2: number;
}

type AnyFeature = AtlasFeature<Geometry | null>;

function dominantGeometry(features: AnyFeature[]): ManifestLayer["geometry"] {
  const kinds = new Set(
    features.map((f) => {
      const type = f.geometry?.type;
      if (!type) return "None";
      if (type === "Point" || type === "MultiPoint") return "Point";
      if (type === "LineString" || type === "MultiLineString") return "LineString";
      return "Polygon";
    }),
  );
  return kinds.size === 1 ? ([...kinds][0] as ManifestLayer["geometry"]) : "Mixed";
}

function worstStatus(layer: string, features: AnyFeature[]): Status {
  if (features.length === 0) throw new Error(`layer ${layer}: no features`);
  return features.map((f) => f.properties.status).sort((a, b) => STATUS_RANK[a] - STATUS_RANK[b])[0];
}

function statusMix(features: AnyFeature[]): Partial<Record<Status, number>> {
  const mix: Partial<Record<Status, number>> = {};
  for (const f of features) mix[f.properties.status] = (mix[f.properties.status] ?? 0) + 1;
  return mix;
}

/**
 * Sets each feature's `figures` to the seed figures whose `places` name it ("county" = the county
 * outline), after any figure ids written in a hand-placed source; rejects ids the digest lacks.
 */
function attachFigures(layers: Record<string, AnyFeature[]>, seedFigures: BuildInputs["seedFigures"], countyId: string): Record<string, AnyFeature[]> {
  const known = new Set(seedFigures.map((f) => f.id));
  const byPlace = new Map<string, string[]>();
  for (const figure of seedFigures) {
    for (const place of figure.places) {
      const id = place === "county" ? countyId : place;
      byPlace.set(id, [...(byPlace.get(id) ?? []), figure.id]);
    }
  }
  return Object.fromEntries(
    Object.entries(layers).map(([layer, features]) => [
      layer,
      features.map((f) => {
        const written = (f.properties.figures ?? []) as string[];
        const unknown = written.filter((id) => !known.has(id));
        if (unknown.length) throw new Error(`layer ${layer}, feature ${f.properties.id}: figure id(s) ${unknown.join(", ")} not in seeds/digest.json`);
        const figures = [...new Set([...written, ...(byPlace.get(f.properties.id) ?? [])])];
        return { ...f, properties: { ...f.properties, figures } };
      }),
    ]),
  );
}

/**
 * Builds every layer from already-read inputs.
 * @example const { files } = buildPackageFromInputs(readInputs(root)); files["county.geojson"]
 */
export function buildPackageFromInputs(inputs: BuildInputs): BuiltPackage {
  const county = buildCounty(inputs);
  const neighbours = buildNeighbours(inputs);
  const towns = buildTowns(inputs, county);
  const villages = buildVillages(inputs);

  const ctx: PlacementContext = { geometries: new Map(), anchors: new Map(), countyId: county.properties.id };
  for (const f of [county, ...neighbours, ...towns]) ctx.geometries.set(f.properties.id, f.geometry);
  for (const town of towns) ctx.anchors.set(town.properties.id, town.properties.seat as [number, number]);

  const extra = Object.keys(inputs.handSources).filter((k) => !(HAND_PLACED_LAYERS as readonly string[]).includes(k));
  if (extra.length) throw new Error(`geodata/sources: unexpected file(s) ${extra.map((k) => `${k}.geojson`).join(", ")}`);
  const handPlaced: Record<string, ResolvedFeature[]> = {};
  for (const layer of HAND_PLACED_LAYERS) {
    const sources = inputs.handSources[layer];
    if (!sources) throw new Error(`geodata/sources/${layer}.geojson: missing`);
    handPlaced[layer] = resolveLayer(layer, sources, ctx);
  }
  handPlaced.emergency = applyEmergencyStandards(handPlaced.emergency, inputs.emergencyStandards, towns);

  const layers: Record<string, AnyFeature[]> = attachFigures(
    { county: [county], neighbours, towns, villages, ...handPlaced },
    inputs.seedFigures,
    county.properties.id,
  );
  const ids = new Set<string>();
  for (const [layer, features] of Object.entries(layers)) {
    for (const f of features) {
      if (ids.has(f.properties.id)) throw new Error(`layer ${layer}: duplicate id ${f.properties.id}`);
      ids.add(f.properties.id);
    }
  }

  const files: Record<string, string> = {};
  const manifestLayers: ManifestLayer[] = LAYER_CATALOGUE.map((meta) => {
    const features = layers[meta.id];
    if (!features) throw new Error(`layer ${meta.id}: not built`);
    const file = `${meta.id}.geojson`;
    files[file] = serializeCollection(features);
    return {
      id: meta.id,
      kind: meta.kind,
      file,
      title: meta.title,
      geometry: dominantGeometry(features),
      status: worstStatus(meta.id, features),
      sources: meta.sources,
      licence: meta.licence,
      attribution: meta.attribution,
      build: meta.build,
    };
  });
  const manifest: Manifest = {
    name: "jiashan-330421",
    title: { zh: "嘉善县域空间数据包", en: "Jiashan county data package" },
    version: "0.1.0",
    crs: "EPSG:4326",
    layers: manifestLayers,
  };
  files["manifest.json"] = serializeJson(manifest);

  return {
    files,
    summary: LAYER_CATALOGUE.map((meta) => ({
      id: meta.id,
      features: layers[meta.id].length,
      statusMix: statusMix(layers[meta.id]),
      build: meta.build,
      sources: meta.sources,
    })),
    countyAreaKm2: county.properties.computed_area_km2 as number,
  };
}

/**
 * Reads the inputs under `root` (the repository) and builds the package.
 * @example const { files, summary } = buildPackage(process.cwd());
 */
export function buildPackage(root: string): BuiltPackage {
  return buildPackageFromInputs(readInputs(root));
}
