import { beforeEach, describe, expect, it } from "vitest";
import type { FeatureCollection, Geometry } from "geojson";
import { deckOverlays, lang, layers, select, selected, setLang, setLayers, showOnly, view, type LayerState } from "../state/app-state.ts";
import { cameraRequest, requestCamera } from "../state/camera.ts";
import type { LayerKind } from "../data/types.ts";
import {
  chapterCount, chapterIndex, currentChapter, exitStory, first, goTo, last, next, pause, paused, prev, resume, startStory, story,
  storyActive, storyHighlight,
} from "./story-state.ts";
import type { Story } from "./story-types.ts";

const fc = (...ids: string[]): FeatureCollection<Geometry | null> => ({
  type: "FeatureCollection",
  features: ids.map((id) => ({ type: "Feature", properties: { id }, geometry: { type: "Point", coordinates: [120.9, 30.9] } })),
});

const layer = (id: LayerKind, visible: boolean, ...featureIds: string[]): LayerState => ({
  id, kind: id, title: { zh: id, en: id }, meta: null, fc: fc(...featureIds), visible, opacity: 1,
});

const TEST_STORY: Story = {
  id: "test",
  title: { zh: "测试", en: "Test" },
  chapters: [
    { id: "a", camera: { center: [120.6, 31.0], zoom: 9 }, layers: ["county"], highlight: ["county-330421"], headline: { zh: "甲", en: "A" }, text: { zh: "甲", en: "A" }, figures: [] },
    { id: "b", camera: { center: [120.8, 30.9], zoom: 11, bearing: 10, pitch: 30 }, layers: ["towns", "emergency"], highlight: ["missing", "em-county", "town-330421103"], overlays: { stationRings: true }, headline: { zh: "乙", en: "B" }, text: { zh: "乙", en: "B" }, figures: [] },
    { id: "c", camera: { center: [121.0, 30.8], zoom: 12 }, layers: ["towns"], headline: { zh: "丙", en: "C" }, text: { zh: "丙", en: "C" }, figures: [] },
  ],
};

const visibleIds = () => layers.value.filter((l) => l.visible).map((l) => l.id).sort();
const requestedView = () => {
  const r = cameraRequest.value;
  if (r?.kind !== "view") throw new Error(`expected a view request, got ${JSON.stringify(r)}`);
  return r.view;
};

beforeEach(() => {
  exitStory();
  story.value = TEST_STORY;
  setLayers([layer("county", true, "county-330421"), layer("towns", false, "town-330421103"), layer("emergency", false, "em-county"), layer("water", true)]);
  deckOverlays.value = { stationRings: false, zoneExtrusion: false };
  select(null);
  setLang("zh");
  view.value = { center: [120.888, 30.897], zoom: 10.3, bearing: 0, pitch: 0 };
  cameraRequest.value = null;
});

describe("starting the tour", () => {
  it("opens at a 1-based chapter number and applies it", () => {
    startStory(2);
    expect(storyActive.value).toBe(true);
    expect(chapterIndex.value).toBe(1);
    expect(visibleIds()).toEqual(["emergency", "towns"]);
    expect(requestedView()).toEqual({ center: [120.8, 30.9], zoom: 11, bearing: 10, pitch: 30 });
    expect(deckOverlays.value.stationRings).toBe(true);
  });

  it("clamps chapter numbers beyond the story", () => {
    startStory(99);
    expect(chapterIndex.value).toBe(2);
  });

  it("selects the first highlighted feature that exists and exposes all of them", () => {
    startStory(2);
    expect(selected.value).toEqual({ layerId: "emergency", featureId: "em-county" });
    expect(storyHighlight.value).toEqual([
      { layerId: "emergency", featureId: "em-county" },
      { layerId: "towns", featureId: "town-330421103" },
    ]);
  });
});

describe("moving between chapters", () => {
  it("walks forward and back, and stops at both ends without asking the camera again", () => {
    startStory(1);
    next();
    next();
    expect(chapterIndex.value).toBe(2);
    const atEnd = cameraRequest.value;
    next();
    expect(chapterIndex.value).toBe(2);
    expect(cameraRequest.value).toBe(atEnd);
    prev();
    prev();
    prev();
    expect(chapterIndex.value).toBe(0);
    expect(currentChapter.value?.id).toBe("a");
  });

  it("jumps with goTo, first and last", () => {
    startStory(1);
    goTo(2);
    expect(currentChapter.value?.id).toBe("c");
    expect(requestedView().center).toEqual([121.0, 30.8]);
    first();
    expect(chapterIndex.value).toBe(0);
    last();
    expect(chapterIndex.value).toBe(chapterCount.value - 1);
  });

  it("does nothing when the tour is not running", () => {
    next();
    goTo(2);
    expect(storyActive.value).toBe(false);
    expect(cameraRequest.value).toBeNull();
  });
});

describe("language", () => {
  it("switching keeps the chapter and does not move the camera", () => {
    startStory(2);
    const request = cameraRequest.value;
    setLang("en");
    expect(lang.value).toBe("en");
    expect(chapterIndex.value).toBe(1);
    expect(cameraRequest.value).toBe(request);
    expect(visibleIds()).toEqual(["emergency", "towns"]);
  });
});

describe("pause and resume", () => {
  it("lets the presenter explore, then restores the chapter's layers and camera", () => {
    startStory(2);
    pause();
    expect(paused.value).toBe(true);
    expect(storyHighlight.value).toEqual([]);
    showOnly(["water"]);
    requestCamera({ kind: "view", view: { center: [120.5, 31.1], zoom: 14 } });
    resume();
    expect(paused.value).toBe(false);
    expect(chapterIndex.value).toBe(1);
    expect(visibleIds()).toEqual(["emergency", "towns"]);
    expect(requestedView()).toEqual({ center: [120.8, 30.9], zoom: 11, bearing: 10, pitch: 30 });
  });

  it("resumes when the presenter jumps to a chapter while paused", () => {
    startStory(1);
    pause();
    next();
    expect(paused.value).toBe(false);
    expect(chapterIndex.value).toBe(1);
  });
});

describe("leaving the tour", () => {
  it("restores the explorer's layers, overlays, selection and view", () => {
    select({ layerId: "county", featureId: "county-330421" });
    startStory(2);
    next();
    exitStory();
    expect(storyActive.value).toBe(false);
    expect(visibleIds()).toEqual(["county", "water"]);
    expect(deckOverlays.value).toEqual({ stationRings: false, zoneExtrusion: false });
    expect(selected.value).toEqual({ layerId: "county", featureId: "county-330421" });
    expect(requestedView()).toEqual({ center: [120.888, 30.897], zoom: 10.3, bearing: 0, pitch: 0 });
    expect(currentChapter.value).toBeNull();
  });
});
