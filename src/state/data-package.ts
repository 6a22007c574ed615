/**
 * Which data package the explorer shows: the built-in Jiashan one, or a package the user loaded in
 * its place (an official boundary set, say), which is kept in this browser until they restore the
 * built-in one. The user's own layers stay on top through either swap.
 */
import { batch, signal } from "@preact/signals";
import { loadBuiltinPackage } from "../data/builtin-package.ts";
import type { PackageContent } from "../data/load-package.ts";
import type { ManifestLayer } from "../data/types.ts";
import { layerDef } from "../map/layers/registry.ts";
import { layers, manifest, select, type LayerState } from "./app-state.ts";
import { savePackage } from "./persistence.ts";
import { isUserLayer } from "./user-data.ts";

/** The replacement package's file name; null while the built-in package is shown. */
export const replacementPackage = signal<string | null>(null);

/** A package's layers as layer state; `visible` decides each layer's start (the layer's default otherwise). */
export function packageLayerStates(pkg: PackageContent, visible: (meta: ManifestLayer) => boolean = (meta) => layerDef(meta.kind).defaultVisible): LayerState[] {
  return pkg.layers.map(({ meta, fc }) => ({ id: meta.id, kind: meta.kind, title: meta.title, meta, fc, visible: visible(meta), opacity: 1 }));
}

/** Shows `pkg` in place of the current package; `fileName` null means it is the built-in one. */
export function showPackage(pkg: PackageContent, fileName: string | null): void {
  batch(() => {
    select(null);
    manifest.value = pkg.manifest;
    layers.value = [...packageLayerStates(pkg), ...layers.peek().filter(isUserLayer)];
    replacementPackage.value = fileName;
  });
}

/** Shows a replacement package and keeps it in this browser, so a reload shows it again. */
export async function useReplacementPackage(pkg: PackageContent, fileName: string): Promise<void> {
  showPackage(pkg, fileName);
  await savePackage({ ...pkg, fileName });
}

/** Back to the built-in package; the replacement is forgotten by this browser. */
export async function restoreBuiltinPackage(): Promise<void> {
  showPackage(await loadBuiltinPackage(), null);
  await savePackage(null);
}
