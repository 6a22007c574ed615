/**
 * The guided tour as signals and actions. Applying a chapter only writes app state (visible layers,
 * overlays, selection) and asks for a camera; map/wire.ts does the rest, so the tour never touches
 * the map. Chapter numbers in the URL and on screen are 1-based; `chapterIndex` is 0-based.
 */
import { batch, computed, signal } from "@preact/signals";
import { deckOverlays, layers, select, selected, showOnly, view, type Selection } from "../state/app-state.ts";
import { requestCamera } from "../state/camera.ts";
import type { View } from "../state/permalink.ts";
import defaultStory from "./jiashan.story.json";
import type { Story, StoryChapter } from "./story-types.ts";

/** The story on stage; the default one is a module import, so editing the JSON hot-reloads in dev. */
export const story = signal<Story>(defaultStory as Story);

// In `npm run dev`, saving the story file swaps it in place: the tour stays on its chapter.
if (import.meta.hot) {
  import.meta.hot.accept("./jiashan.story.json", (updated) => {
    if (!updated) return;
    story.value = updated["default"] as Story;
    if (chapterIndex.peek() >= story.value.chapters.length) chapterIndex.value = Math.max(0, story.value.chapters.length - 1);
  });
}
export const storyActive = signal(false);
export const chapterIndex = signal(0);
/** Paused: the presenter explores the map freely; resuming brings the chapter back as it was. */
export const paused = signal(false);
/**
 * Whether the stage shows its legend: open on a projector-sized screen, folded on a laptop, where at
 * 1366×768 it covered a quarter of the map (青浦区 and the demonstration zone in chapter 1). G or its button toggles it.
 */
export const legendOpen = signal(typeof matchMedia === "function" ? matchMedia("(min-width: 1500px)").matches : true);
export const toggleLegend = (): void => void (legendOpen.value = !legendOpen.value);

export const chapterCount = computed(() => story.value.chapters.length);
export const currentChapter = computed<StoryChapter | null>(() => (storyActive.value ? story.value.chapters[chapterIndex.value] ?? null : null));

/** How long a chapter-to-chapter flight takes. */
export const FLIGHT_MS = 2000;

/** What the tour changed, so leaving it puts the explorer back as the presenter had it. */
interface ExplorerSnapshot {
  visibleLayerIds: string[];
  view: View;
  overlays: typeof deckOverlays.value;
  selected: Selection | null;
}
let beforeTour: ExplorerSnapshot | null = null;

/** The layer holding each feature id, for turning chapter highlights into selections. */
function findFeature(featureId: string): Selection | null {
  for (const layer of layers.peek()) {
    if (layer.fc.features.some((f) => String(f.properties?.["id"]) === featureId)) return { layerId: layer.id, featureId };
  }
  return null;
}

/** The chapter's highlighted features that exist in the loaded data, in story order. */
export const storyHighlight = computed<Selection[]>(() => {
  const chapter = currentChapter.value;
  if (!chapter || paused.value) return [];
  void layers.value; // re-resolve once the data package has loaded
  return (chapter.highlight ?? []).map(findFeature).filter((hit): hit is Selection => hit !== null);
});

const clampIndex = (index: number) => Math.max(0, Math.min(chapterCount.peek() - 1, Math.trunc(index)));

/** Shows the chapter's layers and overlays, selects its first highlighted feature and flies there. */
function applyChapter(chapter: StoryChapter | undefined): void {
  if (!chapter) return;
  batch(() => {
    showOnly(chapter.layers);
    deckOverlays.value = { stationRings: chapter.overlays?.stationRings ?? false, zoneExtrusion: chapter.overlays?.zoneExtrusion ?? false };
    select((chapter.highlight ?? []).map(findFeature).find((hit) => hit !== null) ?? null);
  });
  const { center, zoom, bearing = 0, pitch = 0 } = chapter.camera;
  requestCamera({ kind: "view", view: { center, zoom, bearing, pitch }, durationMs: FLIGHT_MS });
}

/**
 * Opens the tour at a chapter number (1-based, as in `?present=3`); out-of-range numbers are clamped.
 * @example startStory(1)
 */
export function startStory(chapterNumber = 1): void {
  if (!storyActive.peek()) {
    beforeTour = {
      visibleLayerIds: layers.peek().filter((l) => l.visible).map((l) => l.id),
      view: view.peek(),
      overlays: deckOverlays.peek(),
      selected: selected.peek(),
    };
  }
  batch(() => {
    storyActive.value = true;
    paused.value = false;
    chapterIndex.value = clampIndex(chapterNumber - 1);
  });
  applyChapter(story.peek().chapters[chapterIndex.peek()]);
}

/** Jumps to a chapter (0-based) and resumes if paused; a no-op outside the tour or on the same chapter. */
export function goTo(index: number): void {
  if (!storyActive.peek()) return;
  const target = clampIndex(index);
  if (target === chapterIndex.peek() && !paused.peek()) return;
  batch(() => {
    chapterIndex.value = target;
    paused.value = false;
  });
  applyChapter(story.peek().chapters[target]);
}

export const next = () => goTo(chapterIndex.peek() + 1);
export const prev = () => goTo(chapterIndex.peek() - 1);
export const first = () => goTo(0);
export const last = () => goTo(chapterCount.peek() - 1);

export function pause(): void {
  if (storyActive.peek()) paused.value = true;
}

/** Back to the chapter as authored: its layers, highlight and camera. */
export function resume(): void {
  if (!storyActive.peek() || !paused.peek()) return;
  paused.value = false;
  applyChapter(story.peek().chapters[chapterIndex.peek()]);
}

export function togglePause(): void {
  if (paused.peek()) resume();
  else pause();
}

/** Leaves the tour and restores the explorer's layers, overlays, selection and view from before it. */
export function exitStory(): void {
  if (!storyActive.peek()) return;
  const snapshot = beforeTour;
  beforeTour = null;
  batch(() => {
    storyActive.value = false;
    paused.value = false;
    if (snapshot) {
      showOnly(snapshot.visibleLayerIds);
      deckOverlays.value = snapshot.overlays;
      select(snapshot.selected);
    }
  });
  if (snapshot) requestCamera({ kind: "view", view: snapshot.view, durationMs: FLIGHT_MS });
}
