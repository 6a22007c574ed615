/**
 * Connects the tour to the running app: the `window.__atlas.story` test hook, the `?present=N` URL,
 * and live figures. Call once after map/wire.ts's `wireMap` (which creates `window.__atlas`).
 */
import { effect } from "@preact/signals";
import { layers, type Selection } from "../state/app-state.ts";
import { computeLiveCoverage } from "./live-coverage.ts";
import { chapterCount, chapterIndex, currentChapter, paused, startStory, storyActive, storyHighlight } from "./story-state.ts";

export interface StoryTestHook {
  /** 0-based chapter index. */
  index: number;
  count: number;
  active: boolean;
  paused: boolean;
}

/**
 * @param startAtChapter 1-based chapter to open the tour at (from `?present=N`); omit to wait for the button.
 * @param highlight draws the chapter's highlighted features (all of them; the first also gets the card).
 * @example wireStory({ startAtChapter: url.present, highlight: (hits) => bridge.highlight(hits) });
 */
export function wireStory({ startAtChapter, highlight }: { startAtChapter?: number; highlight?: (hits: Selection[]) => void } = {}): void {
  if (highlight) effect(() => highlight(storyHighlight.value));

  if (window.__atlas) {
    Object.defineProperty(window.__atlas, "story", {
      configurable: true,
      enumerable: true,
      get: (): StoryTestHook => ({ index: chapterIndex.value, count: chapterCount.value, active: storyActive.value, paused: paused.value }),
    });
  }

  // Coverage figures are computed when a chapter needs them, and again if the data changes.
  effect(() => {
    const chapter = currentChapter.value;
    const all = layers.value;
    if (chapter?.figures.some((f) => "computed" in f)) void computeLiveCoverage(all);
  });

  // The URL says which chapter is on stage, so a reload (or a laptop set up in advance) resumes there.
  effect(() => {
    const params = new URLSearchParams(location.search);
    if (storyActive.value) params.set("present", String(chapterIndex.value + 1));
    else params.delete("present");
    const query = params.toString().replace(/%2C/g, ",").replace(/%2F/g, "/").replace(/present=1(?=&|$)/, "present");
    const search = query ? `?${query}` : "";
    if (search !== location.search) history.replaceState(null, "", `${location.pathname}${search}${location.hash}`);
  });

  if (startAtChapter !== undefined) startStory(startAtChapter);
}
