/**
 * Keeps the user's work in IndexedDB: user layers (imported files and drawings, with their CRS
 * report and provenance), layer settings, language and basemap, and a data package the user chose
 * in place of the built-in one. Writes are debounced and
 * transactional, and only ever see finished state (an import is added to `layers` when it is
 * complete), so a crash mid-import leaves the previous saved state as it was.
 *
 * Stores: `layers` (settings per user layer, small, rewritten freely), `data` (features and raw
 * coordinates per user layer, rewritten only when that layer's data object changed), `settings`,
 * `package` (the replacement package under "current", written when it is accepted; since version 2).
 */
import { effect } from "@preact/signals";
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { FeatureCollection, Geometry } from "geojson";
import type { PackageContent } from "../data/load-package.ts";
import type { Bilingual } from "../data/types.ts";
import type { Lang } from "../i18n/strings.ts";
import { basemap, lang, layers, type LayerState, type UserLayerInfo } from "./app-state.ts";

export const DB_NAME = "jiashan-atlas";
const DB_VERSION = 2;
const SAVE_DELAY_MS = 400;

/** A user layer's settings as stored; features live in the `data` store under the same id. */
export interface StoredLayer {
  id: string;
  /** Position among user layers (0 = bottom). */
  order: number;
  title: Bilingual;
  visible: boolean;
  opacity: number;
  color?: string;
  user?: Omit<UserLayerInfo, "raw">;
}

export interface StoredData {
  id: string;
  fc: FeatureCollection<Geometry | null>;
  raw?: FeatureCollection<Geometry | null>;
}

/**
 * App-wide choices. Package-layer visibility is deliberately not kept: the permalink already carries
 * it, and a saved "hidden" would silently contradict the defaults a shared link or the tour expect.
 */
export interface StoredSettings {
  lang: Lang;
  basemap: string;
}

/** A replacement data package as loaded, with the name of the file it came from. */
export interface StoredPackage extends PackageContent {
  fileName: string;
}

interface AtlasDb extends DBSchema {
  layers: { key: string; value: StoredLayer };
  data: { key: string; value: StoredData };
  settings: { key: string; value: StoredSettings };
  package: { key: string; value: StoredPackage };
}

/** The pure split of a user layer into its stored settings and data records. */
export function toStored(layer: LayerState, order: number): { layer: StoredLayer; data: StoredData } {
  const { raw, ...info } = layer.user ?? ({} as Partial<UserLayerInfo>);
  return {
    layer: {
      id: layer.id, order, title: layer.title, visible: layer.visible, opacity: layer.opacity,
      ...(layer.color ? { color: layer.color } : {}),
      ...(layer.user ? { user: info as Omit<UserLayerInfo, "raw"> } : {}),
    },
    data: { id: layer.id, fc: layer.fc, ...(raw ? { raw } : {}) },
  };
}

/** Rebuilds user layers from stored records, in their saved order; records without data are skipped. */
export function fromStored(stored: StoredLayer[], data: StoredData[]): LayerState[] {
  const byId = new Map(data.map((d) => [d.id, d]));
  return [...stored].sort((a, b) => a.order - b.order).flatMap((s) => {
    const d = byId.get(s.id);
    if (!d) return [];
    const user = s.user ? { ...s.user, ...(d.raw ? { raw: d.raw } : {}) } : undefined;
    return [{
      id: s.id, kind: "imported" as const, title: s.title, meta: null, fc: d.fc, visible: s.visible, opacity: s.opacity,
      ...(s.color ? { color: s.color } : {}), ...(user ? { user } : {}),
    }];
  });
}

/** Settings worth keeping across visits. */
export const settingsOf = (currentLang: Lang, currentBasemap: string): StoredSettings => ({ lang: currentLang, basemap: currentBasemap });

let dbPromise: Promise<IDBPDatabase<AtlasDb>> | null = null;
let whenBlocked: (() => void) | undefined;

/**
 * `handler` runs when opening the database has to wait: another tab holds an older version open and
 * does not let go (a version of the app before it closed on request). The open goes on once it does.
 */
export function onDatabaseBlocked(handler: () => void): void {
  whenBlocked = handler;
}

const db = () =>
  (dbPromise ??= openDB<AtlasDb>(DB_NAME, DB_VERSION, {
    // Step by step from the version found, so a version-1 database keeps its layers.
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore("layers", { keyPath: "id" });
        database.createObjectStore("data", { keyPath: "id" });
        database.createObjectStore("settings");
      }
      if (oldVersion < 2) database.createObjectStore("package");
    },
    blocked() {
      whenBlocked?.();
    },
    // Another tab wants to delete or upgrade the database: let it, and reopen on the next write.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      dbPromise = null;
    },
    terminated() {
      dbPromise = null;
    },
  }));

export interface SavedWork {
  layers: LayerState[];
  settings: StoredSettings | undefined;
  /** The package chosen in place of the built-in one, if any. */
  package?: StoredPackage;
}

/** Reads what was saved; an unavailable or broken database gives an empty result and a message. */
export async function loadSavedWork(): Promise<SavedWork> {
  const database = await db();
  const tx = database.transaction(["layers", "data", "settings", "package"], "readonly");
  const [stored, data, settings, replacement] = await Promise.all([
    tx.objectStore("layers").getAll(), tx.objectStore("data").getAll(), tx.objectStore("settings").get("app"), tx.objectStore("package").get(CURRENT_PACKAGE),
  ]);
  await tx.done;
  for (const d of data) writtenData.set(d.id, d.fc);
  return { layers: fromStored(stored, data), settings, ...(replacement ? { package: replacement } : {}) };
}

const CURRENT_PACKAGE = "current";

/** Keeps `pkg` as the package to show instead of the built-in one; null forgets it. */
export async function savePackage(pkg: StoredPackage | null): Promise<void> {
  const database = await db();
  await (pkg ? database.put("package", pkg, CURRENT_PACKAGE) : database.delete("package", CURRENT_PACKAGE));
}

/** Data objects already in the database, by layer id, so unchanged features are not rewritten. */
const writtenData = new Map<string, FeatureCollection<Geometry | null>>();

/** Writes the settings alone (small: written at once, not debounced). */
export async function saveSettings(settings: StoredSettings): Promise<void> {
  await (await db()).put("settings", settings, "app");
}

/** Writes the user layers and settings in one transaction. */
export async function saveWork(all: LayerState[], settings: StoredSettings): Promise<void> {
  const database = await db();
  const user = all.filter((l) => l.kind === "imported");
  const tx = database.transaction(["layers", "data", "settings"], "readwrite");
  const layerStore = tx.objectStore("layers");
  const dataStore = tx.objectStore("data");
  const keep = new Set(user.map((l) => l.id));
  const writes: Promise<unknown>[] = [];
  for (const key of await layerStore.getAllKeys()) if (!keep.has(key)) writes.push(layerStore.delete(key), dataStore.delete(key));
  user.forEach((l, order) => {
    const { layer, data } = toStored(l, order);
    writes.push(layerStore.put(layer));
    if (writtenData.get(l.id) !== l.fc) writes.push(dataStore.put(data));
  });
  writes.push(tx.objectStore("settings").put(settings, "app"));
  await Promise.all([...writes, tx.done]);
  for (const key of [...writtenData.keys()]) if (!keep.has(key)) writtenData.delete(key);
  for (const l of user) writtenData.set(l.id, l.fc);
}

/** Deletes everything saved (the "clear my data" action), a replacement package included. */
export async function clearSavedWork(): Promise<void> {
  const database = await db();
  const tx = database.transaction(["layers", "data", "settings", "package"], "readwrite");
  await Promise.all([tx.objectStore("layers").clear(), tx.objectStore("data").clear(), tx.objectStore("settings").clear(), tx.objectStore("package").clear(), tx.done]);
  writtenData.clear();
}

/**
 * Saves after every change, debounced. Call once, after saved work has been restored, so the
 * restore itself does not race a save of the still-empty state.
 */
export function startAutosave(onError: (message: string | null) => void): () => Promise<void> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: Promise<void> = Promise.resolve();
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const all = layers.peek();
    const settings = settingsOf(lang.peek(), basemap.peek());
    pending = pending.then(() => saveWork(all, settings)).then(
      () => onError(null),
      (err: unknown) => onError(err instanceof Error ? err.message : String(err)),
    );
    return pending;
  };
  effect(() => {
    void layers.value;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, SAVE_DELAY_MS);
  });
  // Language and basemap are written at once, in order, so the last choice is the one kept.
  let firstRun = true;
  effect(() => {
    const settings = settingsOf(lang.value, basemap.value);
    if (firstRun) { firstRun = false; return; }
    pending = pending.then(() => saveSettings(settings)).catch((err: unknown) => onError(err instanceof Error ? err.message : String(err)));
  });
  addEventListener("pagehide", () => { if (timer) void flush(); });
  return flush;
}
