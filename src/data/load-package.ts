/**
 * Loads a data package (manifest + one GeoJSON per layer). The built-in Jiashan package in
 * geodata/ is bundled as static assets, so it loads from the app's own origin, offline.
 */
import type { Manifest, ManifestLayer, AtlasCollection } from "./types.ts";
import type { FeatureCollection, Geometry } from "geojson";

export interface LoadedLayer {
  meta: ManifestLayer;
  fc: AtlasCollection<Geometry | null>;
}

export interface LoadedPackage {
  manifest: Manifest;
  layers: LoadedLayer[];
}

/**
 * Any package the explorer can show: the built-in one as loaded here, or one the user imported, whose
 * features the importer reads as plain GeoJSON.
 */
export interface PackageContent {
  manifest: Manifest;
  layers: { meta: ManifestLayer; fc: FeatureCollection<Geometry | null> }[];
}

/** Reads a package through `readText(relativePath)`; throws a message naming the file on failure. */
export async function loadPackage(readText: (path: string) => Promise<string>): Promise<LoadedPackage> {
  const manifest = parseJson<Manifest>(await readText("manifest.json"), "manifest.json");
  if (!Array.isArray(manifest.layers)) throw new Error("manifest.json: `layers` must be an array");
  const layers = await Promise.all(
    manifest.layers.map(async (meta) => ({ meta, fc: parseJson<AtlasCollection<Geometry | null>>(await readText(meta.file), meta.file) })),
  );
  return { manifest, layers };
}

function parseJson<T>(text: string, file: string): T {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as T;
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}
