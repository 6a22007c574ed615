/**
 * A pure undo/redo stack of snapshots. Each entry holds the state *before* a user action and a label
 * saying what the action was; undoing swaps the current state onto the redo side. State values are
 * immutable (signals hold new arrays on every change), so a snapshot is just a reference.
 */
import type { Bilingual } from "../data/types.ts";

export interface HistoryEntry<T> {
  label: Bilingual;
  state: T;
}

export interface HistoryStack<T> {
  past: HistoryEntry<T>[];
  future: HistoryEntry<T>[];
  /** Oldest entries are dropped beyond this many. @default 100 */
  limit: number;
}

/** @example let h = emptyHistory<number>(); */
export function emptyHistory<T>(limit = 100): HistoryStack<T> {
  return { past: [], future: [], limit };
}

/**
 * Records that an action labelled `label` is about to change `before`; clears the redo side.
 *
 * @example h = record(h, { zh: "删除图层", en: "Remove layer" }, currentLayers);
 */
export function record<T>(history: HistoryStack<T>, label: Bilingual, before: T): HistoryStack<T> {
  const past = [...history.past, { label, state: before }];
  return { ...history, past: past.length > history.limit ? past.slice(past.length - history.limit) : past, future: [] };
}

/**
 * Steps back: returns the state to restore and the new stack, or null when there is nothing to undo.
 *
 * @example const step = undo(h, current); if (step) { current = step.state; h = step.history; }
 */
export function undo<T>(history: HistoryStack<T>, current: T): { state: T; label: Bilingual; history: HistoryStack<T> } | null {
  const last = history.past[history.past.length - 1];
  if (!last) return null;
  return {
    state: last.state,
    label: last.label,
    history: { ...history, past: history.past.slice(0, -1), future: [{ label: last.label, state: current }, ...history.future] },
  };
}

/** Steps forward again after an undo; null when there is nothing to redo. @example redo(h, current) */
export function redo<T>(history: HistoryStack<T>, current: T): { state: T; label: Bilingual; history: HistoryStack<T> } | null {
  const next = history.future[0];
  if (!next) return null;
  return {
    state: next.state,
    label: next.label,
    history: { ...history, past: [...history.past, { label: next.label, state: current }], future: history.future.slice(1) },
  };
}
