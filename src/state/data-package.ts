/**
 * Which data package the explorer shows: the built-in Jiashan one, or a package the user loaded in
 * its place (an official boundary set, say), which is kept in this browser until they restore the
 * built-in one. The user's own layers stay on top through either swap.
 */
import { batch, signal } from "@preact/signals";
import { loadBuiltinPackage } from "../data/builtin-package.ts";
import type { PackageContent } from "../data/load-package.ts";
import { LAYER_KINDS, type ManifestLayer } from "../data/types.ts";
import { layerDef } from "../map/layers/registry.ts";
import { layers, manifest, select, type LayerState } from "./app-state.ts";
import { savePackage } from "./persistence.ts";
import { isUserLayer } from "./user-data.ts";

export interface ReplacementPackage {
  fileName: string;
  /** False when this browser could not keep it (quota, private mode): a reload shows the built-in package. */
  kept: boolean;
}

/** The package shown in place of the built-in one; null while the built-in package is shown. */
export const replacementPackage = signal<ReplacementPackage | null>(null);

/** A package's layers as layer state; `visible` decides each layer's start (the layer's default otherwise). */
export function packageLayerStates(pkg: PackageContent, visible: (meta: ManifestLayer) => boolean = (meta) => layerDef(meta.kind).defaultVisible): LayerState[] {
  return pkg.layers.map(({ meta, fc }) => ({ id: meta.id, kind: meta.kind, title: meta.title, meta, fc, visible: visible(meta), opacity: 1 }));
}

/** Whether this version can show a stored package: every layer of a kind it knows. */
export const canShowPackage = (pkg: PackageContent): boolean =>
  Array.isArray(pkg.layers) && pkg.layers.every((l) => (LAYER_KINDS as readonly string[]).includes(l.meta?.kind) && Array.isArray(l.fc?.features));

/**
 * Shows `pkg` in place of the current package; `replacement` null means it is the built-in one.
 * `visible` as for `packageLayerStates` (start-up passes the permalink's layers).
 */
export function showPackage(pkg: PackageContent, replacement: ReplacementPackage | null, visible?: (meta: ManifestLayer) => boolean): void {
  batch(() => {
    select(null);
    manifest.value = pkg.manifest;
    layers.value = [...packageLayerStates(pkg, visible), ...layers.peek().filter(isUserLayer)];
    replacementPackage.value = replacement;
  });
}

/**
 * Shows a replacement package and keeps it in this browser, so a reload shows it again. When it
 * cannot be kept it stays on screen marked so, any older kept package is forgotten (a reload then
 * shows the built-in one, not a stale choice), and the error is rethrown for the caller to report.
 */
export async function useReplacementPackage(pkg: PackageContent, fileName: string): Promise<void> {
  showPackage(pkg, { fileName, kept: false });
  try {
    await savePackage({ ...pkg, fileName });
  } catch (err) {
    await savePackage(null).catch(() => undefined);
    throw err;
  }
  if (replacementPackage.peek()?.fileName === fileName) replacementPackage.value = { fileName, kept: true };
}

/** Back to the built-in package, forgetting the replacement. It is loaded first: if that fails, nothing changes. */
export async function restoreBuiltinPackage(): Promise<void> {
  const pkg = await loadBuiltinPackage();
  await savePackage(null);
  showPackage(pkg, null);
}
