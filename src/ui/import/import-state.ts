/**
 * What the import UI shows: running jobs, per-layer notices, errors and a data package awaiting
 * confirmation. Kept apart from import-controller.ts so the first view does not load the importers.
 */
import { signal } from "@preact/signals";
import type { Bilingual } from "../../data/types.ts";
import type { ImportMessage } from "../../io/import/import-error.ts";
import type { ImportProgress, PackageImport } from "../../io/import/types.ts";

export interface ImportJob {
  id: number;
  label: string;
  progress: ImportProgress | null;
  cancel: () => void;
}

/** What the importer assumed for one layer, shown until the user dismisses it. */
export interface ImportNotice {
  layerId: string;
  fileName: string;
  warnings: ImportMessage[];
}

export const importJobs = signal<ImportJob[]>([]);
export const importNotices = signal<ImportNotice[]>([]);
export const importErrors = signal<{ id: number; problem: Bilingual }[]>([]);
/** Why saving to IndexedDB failed (quota, private mode); null while saving works. */
export const saveError = signal<string | null>(null);
/** Saved work cannot be read yet: another tab holds an older version of the database open. */
export const savedWorkBlocked = signal(false);
/** A data package waiting for the user's confirmation before it replaces the built-in one. */
export const pendingPackage = signal<{ fileName: string; result: PackageImport } | null>(null);

let nextProblemId = 1;
/** Shows a problem with the user's files (naming the file) until they dismiss it. */
export function reportProblem(problem: Bilingual): void {
  importErrors.value = [...importErrors.value, { id: nextProblemId++, problem }];
}

export function dismissError(id: number): void {
  importErrors.value = importErrors.value.filter((e) => e.id !== id);
}

export function dismissNotice(layerId: string): void {
  importNotices.value = importNotices.value.filter((n) => n.layerId !== layerId);
}

export function rejectPackage(): void {
  pendingPackage.value = null;
}

/** Lazily loads the importers and imports the files (used by the picker and the drop overlay). */
export async function importUserFilesLazily(files: File[]): Promise<void> {
  if (!files.length) return;
  const { importUserFiles } = await import("./import-controller.ts");
  await importUserFiles(files);
}
