/**
 * The guided tour as data: a story file is a list of chapters, each naming a camera, the layers to
 * show, the features to highlight, and bilingual text with figures drawn from seeds/ or computed
 * live. Nothing in a story file is a number of its own: figures are references.
 */
import type { Bilingual } from "../data/types.ts";

/** Where the camera flies for a chapter; `[lng, lat]` like everything else. */
export interface StoryCamera {
  center: [number, number];
  zoom: number;
  /** Degrees clockwise from north. @default 0 */
  bearing?: number;
  /** Degrees from vertical, 0–70 (the bridge's maxPitch). @default 0 */
  pitch?: number;
}

/** Values the tour computes in the browser, through the analysis engine, when the chapter opens. */
export const COMPUTED_FIGURES = ["coverage.covered_pct", "coverage.covered_km2", "coverage.least_covered_town"] as const;
export type ComputedFigureId = (typeof COMPUTED_FIGURES)[number];

/** The deck.gl overlays a chapter may switch on (the keys of `deckOverlays` in app-state). */
export const STORY_OVERLAYS = ["stationRings", "zoneExtrusion"] as const;
export type StoryOverlay = (typeof STORY_OVERLAYS)[number];

/** A figure shown on a chapter: a seeds/digest.json figure id, or a live computation. */
export type StoryFigure = { figure: string } | { computed: ComputedFigureId };

export interface StoryChapter {
  /** Stable, unique within the story; used in validation messages and the presenter's notes. */
  id: string;
  camera: StoryCamera;
  /** Layer ids to show; every other layer is hidden while the chapter is on stage. */
  layers: string[];
  /** Feature ids to highlight; the first one is selected on the map. @default [] */
  highlight?: string[];
  headline: Bilingual;
  /** The chapter's text, in the project's own words. */
  text: Bilingual;
  /** Two to four figures. */
  figures: StoryFigure[];
  /** deck.gl overlays to switch on for this chapter (e.g. service-radius rings). @default none */
  overlays?: Partial<Record<StoryOverlay, boolean>>;
  /** Lists the experiences of one set (seeds/digest.json `experiences[].set`) with their places. */
  experiences?: "2017" | "2021";
  /** Speaker notes for the presenter; never shown to the audience. */
  notes?: Bilingual;
}

export interface Story {
  id: string;
  title: Bilingual;
  chapters: StoryChapter[];
}

/** One problem in a story file, in the shape `atlas check` prints. */
export interface StoryIssue {
  file: string;
  /** The chapter id (or `#<index>` when it has none); null for problems with the file as a whole. */
  feature: string | null;
  message: string;
}
