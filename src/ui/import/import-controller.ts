/**
 * Runs imports for the UI: files go to the import worker (progress, cancel), results become user
 * layers, problems become messages. Loaded on first use (it pulls in the import client).
 * Nothing here touches existing layers until an import has fully succeeded.
 */
import { batch } from "@preact/signals";
import { importFiles, importInWorker, ImportError, reconvertLayer, type ImportProgress, type ImportResult } from "../../io/import/index.ts";
import { layerDef } from "../../map/layers/registry.ts";
import { layers, manifest, select, type LayerState } from "../../state/app-state.ts";
import {
  addUserLayers, isUserLayer, layerFromImport, newLayerId, nextColor, replaceLayerData, userLayers, withIdsAndProvenance,
} from "../../state/user-data.ts";
import { useReplacementPackage } from "../../state/data-package.ts";
import { importJobs, importNotices, pendingPackage, reportProblem, type ImportJob } from "./import-state.ts";

let nextId = 1;
const SHAPEFILE_PART = /\.(shp|dbf|shx|prj|cpg|cst)$/i;


function reportError(error: unknown, fileName: string): void {
  const problem = error instanceof ImportError
    ? error.problem
    : { zh: `文件 ${fileName}：导入失败（${String(error)}）`, en: `${fileName}: import failed (${String(error)})` };
  reportProblem(problem);
}

function accept(result: ImportResult, fileName: string): void {
  if (result.kind === "package") {
    pendingPackage.value = { fileName, result };
    return;
  }
  const taken = layers.peek().map((l) => l.id);
  const created: LayerState[] = [];
  for (const imported of result.layers) {
    const id = newLayerId([...taken, ...created.map((l) => l.id)]);
    created.push(layerFromImport(imported, id, nextColor([...userLayers.peek(), ...created]), fileName));
  }
  batch(() => {
    addUserLayers(created);
    importNotices.value = [
      ...importNotices.value,
      ...created.map((l, i) => ({ layerId: l.id, fileName, warnings: i === 0 ? result.warnings : [] })),
    ];
  });
}

/** The county outline lets the importer notice GCJ-02/BD-09 data that only fits after conversion. */
const referenceOutline = () => layers.peek().find((l) => l.kind === "county")?.fc as GeoJSON.FeatureCollection | undefined;

async function runJob(label: string, work: (controls: { signal: AbortSignal; onProgress: (p: ImportProgress) => void }) => Promise<ImportResult>) {
  const controller = new AbortController();
  const job: ImportJob = { id: nextId++, label, progress: null, cancel: () => controller.abort() };
  importJobs.value = [...importJobs.value, job];
  const onProgress = (progress: ImportProgress) => {
    importJobs.value = importJobs.value.map((j) => (j.id === job.id ? { ...j, progress } : j));
  };
  try {
    accept(await work({ signal: controller.signal, onProgress }), label);
  } catch (error) {
    reportError(error, label);
  } finally {
    importJobs.value = importJobs.value.filter((j) => j.id !== job.id);
  }
}

/**
 * Imports what the user picked or dropped. Loose shapefile parts are read together on the page (they
 * are small); every other file is parsed in the worker, one after another.
 */
export async function importUserFiles(files: File[]): Promise<void> {
  const parts = files.filter((f) => SHAPEFILE_PART.test(f.name));
  const others = files.filter((f) => !SHAPEFILE_PART.test(f.name));
  const outline = referenceOutline();
  if (parts.length) {
    await runJob(parts.map((f) => f.name).join(", "), async ({ signal, onProgress }) => {
      const inputs = await Promise.all(parts.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      return importFiles(inputs, { signal, onProgress, ...(outline ? { referenceOutline: outline } : {}) });
    });
  }
  for (const file of others) {
    await runJob(file.name, ({ signal, onProgress }) => importInWorker(file, outline ? { referenceOutline: outline } : {}, { signal, onProgress }));
  }
}

/** Re-converts a user layer from its raw coordinates with the CRS the user chose (undoable). */
export function correctCrs(layerId: string, crsCode: string): void {
  const layer = layers.peek().find((l) => l.id === layerId);
  const info = layer?.user;
  if (!layer || !info?.raw || !info.sourceCrs) return;
  try {
    const redone = reconvertLayer(
      { name: layer.title.zh, fc: layer.fc, raw: info.raw, sourceCrs: info.sourceCrs, provenance: info.provenance, notes: info.notes ?? [] },
      crsCode,
    );
    replaceLayerData(layerId, {
      fc: withIdsAndProvenance(redone.fc, layerId, redone.provenance),
      user: { ...info, sourceCrs: redone.sourceCrs, provenance: redone.provenance, notes: redone.notes },
    });
  } catch (error) {
    reportError(error, info.fileName ?? layer.title.en);
  }
}

/** Replaces the shown data package with the confirmed one and keeps it; the user's own layers stay. */
export function acceptPackage(): void {
  const pending = pendingPackage.peek();
  if (!pending) return;
  pendingPackage.value = null;
  const pkg = { manifest: pending.result.manifest, layers: pending.result.layers.map(({ layer, fc }) => ({ meta: layer, fc })) };
  useReplacementPackage(pkg, pending.fileName).catch((err: unknown) => {
    const why = err instanceof Error ? err.message : String(err);
    reportProblem({
      zh: `${pending.fileName}：无法保存在本浏览器中（${why}）；它会显示到重新加载为止。`,
      en: `${pending.fileName}: could not be kept in this browser (${why}); it is shown until you reload.`,
    });
  });
}
