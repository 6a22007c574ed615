/**
 * The delegation tour in Chromium at 1920×1080: `?present` opens it, the keyboard walks every
 * chapter and reaches each chapter's camera and layers, the language switch keeps the chapter,
 * pause/resume and Esc work, and nothing is requested from outside localhost.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { Manifest } from "../../src/data/types.ts";
import storyJson from "../../src/story/jiashan.story.json" with { type: "json" };
import type { Story, StoryCamera } from "../../src/story/story-types.ts";
import { ROOT, SHOTS, freshBrowserPerTest, launch, mapIdle, open, screenshot, serveDist, type Served } from "./harness.ts";

const story = storyJson as Story;
const manifest = JSON.parse(readFileSync(join(ROOT, "geodata/manifest.json"), "utf8")) as Manifest;
const SCHEMATIC_LAYERS = new Set(manifest.layers.filter((l) => l.status === "schematic").map((l) => l.id));
const SCREENSHOT_CHAPTERS = new Set(["delta", "townships", "high-speed-rail-new-town", "emergency-network", "cross-border-water", "experiences-2021"]);
/** Keys a clicker or keyboard sends for "next", used in turn. */
const NEXT_KEYS = ["ArrowRight", "PageDown", " "];

let served: Served;
const browsers = freshBrowserPerTest({ width: 1920, height: 1080 });

before(async () => {
  served = await serveDist();
});
after(async () => {
  await served?.close();
});

const storyHook = (page: Page) => page.evaluate(() => window.__atlas!["story"] as { index: number; count: number; active: boolean; paused: boolean });

/** Waits for the flight to end at the camera, then checks it exactly (within rounding). */
async function assertCameraReached(page: Page, camera: StoryCamera, label: string): Promise<void> {
  await page.waitForFunction((c) => {
    const map = window.__atlas!.map;
    const center = map.getCenter();
    return !map.isMoving() && Math.abs(center.lng - c.center[0]) < 1e-4 && Math.abs(center.lat - c.center[1]) < 1e-4 && Math.abs(map.getZoom() - c.zoom) < 1e-3;
  }, camera, { timeout: 20_000 }).catch(() => undefined);
  const actual = await page.evaluate(() => {
    const map = window.__atlas!.map;
    return { lng: map.getCenter().lng, lat: map.getCenter().lat, zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch(), moving: map.isMoving() };
  });
  assert.equal(actual.moving, false, `${label}: camera still moving`);
  assert.ok(Math.abs(actual.lng - camera.center[0]) < 1e-4 && Math.abs(actual.lat - camera.center[1]) < 1e-4, `${label}: centre ${actual.lng},${actual.lat} ≠ ${camera.center}`);
  assert.ok(Math.abs(actual.zoom - camera.zoom) < 1e-3, `${label}: zoom ${actual.zoom} ≠ ${camera.zoom}`);
  assert.ok(Math.abs(actual.bearing - (camera.bearing ?? 0)) < 0.1, `${label}: bearing ${actual.bearing}`);
  assert.ok(Math.abs(actual.pitch - (camera.pitch ?? 0)) < 0.1, `${label}: pitch ${actual.pitch}`);
}

async function assertLayersShown(page: Page, expected: string[], label: string): Promise<void> {
  const visible = await page.evaluate(() => window.__atlas!.layers.filter((l) => l.visible).map((l) => l.id));
  assert.deepEqual([...visible].sort(), [...expected].sort(), `${label}: visible layers`);
}

const headline = (page: Page) => page.locator(".stage-headline").textContent();

describe("presentation mode", () => {
  it("?present opens the tour at chapter 1 with the chrome hidden and the legend on stage", async () => {
    const { page, consoleErrors } = await open(browsers.current, `${served.baseUrl}?present`);
    await mapIdle(page);
    await page.locator(".stage-chapter").waitFor();
    assert.deepEqual(await storyHook(page), { index: 0, count: story.chapters.length, active: true, paused: false });
    assert.equal(await headline(page), story.chapters[0]!.headline.zh);
    assert.equal(await page.locator(".topbar").isVisible(), false);
    assert.equal(await page.locator(".layer-panel").isVisible(), false);
    const chromeOnStage = await page.evaluate(() => [...document.querySelectorAll("#ui > *:not(.stage)")]
      .filter((el) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === "fixed" && getComputedStyle(el).display !== "none")
      .map((el) => el.className));
    assert.deepEqual(chromeOnStage, []);
    assert.equal(await page.locator(".stage-legend .legend").isVisible(), true);
    assert.equal(await page.locator(".stage-count").textContent(), `1 / ${story.chapters.length}`);
    assert.deepEqual(consoleErrors, []);
    await page.close();
  });

/** Per feature id: drawn as selected (feature-state) on the map source holding it; null when no map source holds it. */
const markedOnMap = (page: import("playwright-core").Page, ids: string[]) =>
  page.evaluate((wanted) => {
    const map = window.__atlas!.map;
    const sources = Object.entries(map.getStyle().sources) as [string, { type: string; data?: GeoJSON.FeatureCollection }][];
    return wanted.map((id) => {
      const source = sources.find(([key, s]) => !key.includes(":") && s.type === "geojson" && (s.data?.features ?? []).some((f) => String(f.properties?.["id"]) === id));
      return source ? map.getFeatureState({ source: source[0], id }).selected === true : null;
    });
  }, ids);

/** Names of the given features whose map label's anchor lies under the tour's panel, legend or bar. */
const namesUnderStage = (page: import("playwright-core").Page, ids: string[]) =>
  page.evaluate((wanted) => {
    const map = window.__atlas!.map;
    const rect = map.getCanvas().getBoundingClientRect();
    const covers = [".stage-chapter", ".stage-legend", ".stage-bar"].flatMap((sel) => [...document.querySelectorAll(sel)].map((el) => el.getBoundingClientRect()));
    const symbols = map.getStyle().layers.filter((l) => l.type === "symbol" && (l.layout as Record<string, unknown> | undefined)?.["symbol-placement"] !== "line").map((l) => l.id);
    return map.queryRenderedFeatures({ layers: symbols })
      .filter((f) => wanted.includes(String(f.properties["id"])) && f.geometry.type === "Point")
      .filter((f) => {
        const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
        const [x, y] = [rect.left + p.x, rect.top + p.y];
        return covers.some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
      })
      .map((f) => String(f.properties["name"]));
  }, ids);

  it("walks every chapter with the keyboard, reaching each camera and layer set", async () => {
    const { page, consoleErrors } = await open(browsers.current, `${served.baseUrl}?present`);
    await mapIdle(page);
    for (const [i, chapter] of story.chapters.entries()) {
      const label = `chapter ${i + 1} (${chapter.id})`;
      assert.equal((await storyHook(page)).index, i, label);
      assert.equal(await headline(page), chapter.headline.zh, label);
      await assertCameraReached(page, chapter.camera, label);
      await assertLayersShown(page, chapter.layers, label);
      // Every highlighted feature is outlined, not only the first (the one whose card opens); the
      // previous chapter's highlights are not.
      const highlight = chapter.highlight ?? [];
      assert.ok((await markedOnMap(page, highlight)).every((m) => m !== false), `${label}: highlights outlined`);
      const before = (story.chapters[i - 1]?.highlight ?? []).filter((id) => !highlight.includes(id));
      assert.ok((await markedOnMap(page, before)).every((m) => m !== true), `${label}: previous highlights cleared`);
      // A highlighted feature's name is not hidden under the chapter panel, the legend or the bar
      // (青浦区 in the water chapter once sat under the legend).
      await mapIdle(page);
      assert.deepEqual(await namesUnderStage(page, highlight), [], `${label}: highlighted names under the stage UI`);
      assert.equal(await page.locator(".stage-chapter .stage-figure").count(), chapter.figures.length, `${label}: figures`);
      const showsSchematic = chapter.layers.some((id) => SCHEMATIC_LAYERS.has(id));
      assert.equal(await page.locator(".schematic-badge").count(), showsSchematic ? 1 : 0, `${label}: schematic badge`);
      if (SCREENSHOT_CHAPTERS.has(chapter.id)) {
        await mapIdle(page);
        await screenshot(page, `presentation-${i + 1}-${chapter.id}-zh`);
      }
      await page.keyboard.press(NEXT_KEYS[i % NEXT_KEYS.length]!);
    }
    assert.equal((await storyHook(page)).index, story.chapters.length - 1, "stays on the last chapter");

    await page.keyboard.press("Home");
    assert.equal((await storyHook(page)).index, 0);
    await page.keyboard.press("End");
    assert.equal((await storyHook(page)).index, story.chapters.length - 1);
    await page.keyboard.press("3");
    assert.equal((await storyHook(page)).index, 2);
    await page.keyboard.press("ArrowLeft");
    assert.equal((await storyHook(page)).index, 1);
    await page.keyboard.press("PageUp");
    assert.equal((await storyHook(page)).index, 0);
    await assertCameraReached(page, story.chapters[0]!.camera, "back at chapter 1");
    assert.deepEqual(consoleErrors, []);
    await page.close();
  });

  it("on a 1366×768 laptop too, no chapter hides a highlighted name under its panel, legend or bar", async () => {
    const laptop = await launch({ width: 1366, height: 768 });
    try {
      const { page, consoleErrors } = await open(laptop, `${served.baseUrl}?present`);
      await mapIdle(page);
      // Folded to its button here (it would cover a quarter of the map); G unfolds and folds it.
      assert.equal(await page.locator(".stage-legend .legend").count(), 0, "legend folded on a laptop");
      assert.equal(await page.locator(".stage-legend-toggle").getAttribute("aria-expanded"), "false");
      await page.keyboard.press("g");
      assert.equal(await page.locator(".stage-legend .legend").isVisible(), true, "G unfolds the legend");
      await page.keyboard.press("G");
      assert.equal(await page.locator(".stage-legend .legend").count(), 0, "G folds it again");
      for (const [i, chapter] of story.chapters.entries()) {
        const label = `chapter ${i + 1} (${chapter.id}) at 1366×768`;
        await assertCameraReached(page, chapter.camera, label);
        await mapIdle(page);
        assert.deepEqual(await namesUnderStage(page, chapter.highlight ?? []), [], `${label}: highlighted names under the stage UI`);
        await page.keyboard.press("ArrowRight");
      }
      assert.deepEqual(consoleErrors, []);
    } finally {
      await laptop.close();
    }
  });

  it("fits every chapter's panel on a 1920×1080 stage, in both languages", async () => {
    const { page } = await open(browsers.current, `${served.baseUrl}?present`);
    await mapIdle(page);
    const overflowPx = () => page.evaluate(() => {
      const panel = document.querySelector(".stage-chapter")!;
      return panel.scrollHeight - panel.clientHeight;
    });
    for (const [i, chapter] of story.chapters.entries()) {
      await page.keyboard.press(String(i + 1));
      for (const lang of ["zh", "en"] as const) {
        await page.waitForFunction((text) => document.querySelector(".stage-headline")?.textContent === text, chapter.headline[lang]);
        assert.ok((await overflowPx()) <= 0, `chapter ${i + 1} (${lang}) overflows by ${await overflowPx()} px`);
        await page.keyboard.press("L");
      }
    }
    await page.close();
  });

  it("marks schematic layers and computes emergency coverage live", async () => {
    const index = story.chapters.findIndex((c) => c.figures.some((f) => "computed" in f));
    const { page } = await open(browsers.current, `${served.baseUrl}?present=${index + 1}`);
    await mapIdle(page);
    assert.equal((await storyHook(page)).index, index);
    await page.locator(".schematic-badge").waitFor();
    await page.locator(".stage-chapter .stage-figure.live-done").first().waitFor({ timeout: 20_000 });
    const computed = story.chapters[index]!.figures.filter((f) => "computed" in f).length;
    assert.equal(await page.locator(".stage-chapter .stage-figure.live-done").count(), computed);
    const share = await page.locator('.stage-chapter [data-computed="coverage.covered_pct"] .figure-value').textContent();
    const pct = Number(share?.replace("%", ""));
    assert.ok(pct > 0 && pct <= 100, `coverage share ${share}`);
    assert.match((await page.locator(".stage-chapter .live-method").textContent()) ?? "", /km/);
    await page.close();
  });

  it("switches language in place: same chapter, same camera", async () => {
    const { page } = await open(browsers.current, `${served.baseUrl}?present`);
    await mapIdle(page);
    await page.keyboard.press("4");
    const chapter = story.chapters[3]!;
    await assertCameraReached(page, chapter.camera, "chapter 4");
    await page.locator(".stage-lang").click();
    assert.equal(await headline(page), chapter.headline.en);
    assert.equal((await storyHook(page)).index, 3);
    assert.equal(await page.evaluate(() => window.__atlas!.map.isMoving()), false);
    await assertCameraReached(page, chapter.camera, "chapter 4 after switching to English");
    await mapIdle(page);
    await screenshot(page, "presentation-4-open-platforms-en");
    await page.keyboard.press("L");
    assert.equal(await headline(page), chapter.headline.zh);
    assert.equal((await storyHook(page)).index, 3);
    await page.close();
  });

  it("pauses for free exploration and resumes at the same chapter", async () => {
    const { page } = await open(browsers.current, `${served.baseUrl}?present=2`);
    await mapIdle(page);
    const chapter = story.chapters[1]!;
    await assertCameraReached(page, chapter.camera, "chapter 2");
    await page.locator(".stage-pause").click();
    assert.equal((await storyHook(page)).paused, true);
    await page.locator(".topbar").waitFor({ state: "visible", timeout: 2000 });
    assert.equal(await page.locator(".stage-chapter").count(), 0);
    await page.keyboard.press("ArrowRight"); // pans the map, not the tour
    assert.equal((await storyHook(page)).index, 1);
    await page.evaluate(() => window.__atlas!.map.jumpTo({ center: [120.95, 30.95], zoom: 13 }));
    await page.locator('[data-layer="water"] input[type=checkbox]').first().click();
    await page.locator(".stage-pause").click();
    assert.deepEqual(await storyHook(page), { index: 1, count: story.chapters.length, active: true, paused: false });
    await assertCameraReached(page, chapter.camera, "chapter 2 after resume");
    await assertLayersShown(page, chapter.layers, "chapter 2 after resume");
    await page.close();
  });

  it("Esc leaves the tour; the Present button starts it again at chapter 1", async () => {
    const { page } = await open(browsers.current, `${served.baseUrl}?present=5`);
    await mapIdle(page);
    await page.keyboard.press("Escape");
    assert.equal((await storyHook(page)).active, false);
    assert.equal(await page.locator(".stage").count(), 0);
    await page.locator(".topbar").waitFor({ state: "visible", timeout: 2000 });
    assert.equal(new URL(page.url()).searchParams.has("present"), false);
    await page.locator(".present-button").click();
    assert.deepEqual(await storyHook(page), { index: 0, count: story.chapters.length, active: true, paused: false });
    await assertCameraReached(page, story.chapters[0]!.camera, "chapter 1 from the button");
    assert.equal(new URL(page.url()).searchParams.has("present"), true);
    await page.close();
  });

  it("opens a presenter window with notes and the next chapter, whose keys drive the tour", async () => {
    const { page } = await open(browsers.current, `${served.baseUrl}?present`);
    await mapIdle(page);
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.locator(".stage-presenter").click()]);
    await popup.locator(".presenter h1").waitFor();
    assert.equal(await popup.locator(".presenter h1").textContent(), story.chapters[0]!.headline.zh);
    assert.equal(await popup.locator(".presenter .notes").textContent(), story.chapters[0]!.notes?.zh);
    assert.match((await popup.locator(".presenter .next").textContent()) ?? "", new RegExp(story.chapters[1]!.headline.zh));
    await popup.keyboard.press("PageDown");
    assert.equal((await storyHook(page)).index, 1);
    assert.equal(await popup.locator(".presenter h1").textContent(), story.chapters[1]!.headline.zh);
    assert.equal(await headline(page), story.chapters[1]!.headline.zh);
    await popup.close();
    await page.close();
  });

  it("exports the chapter on stage as a 1920×1080 PNG with ?capture", async () => {
    const index = story.chapters.findIndex((c) => c.id === "emergency-network");
    const { page } = await open(browsers.current, `${served.baseUrl}?present=${index + 1}&capture`);
    await mapIdle(page);
    await assertCameraReached(page, story.chapters[index]!.camera, "export chapter");
    await page.locator(".stage-chapter .stage-figure.live-done").first().waitFor({ timeout: 20_000 });
    await mapIdle(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".stage-png").click()]);
    assert.equal(download.suggestedFilename(), `jiashan-tour-0${index + 1}-emergency-network-zh.png`);
    const path = join(SHOTS, `presentation-export-${index + 1}.png`);
    await download.saveAs(path);
    const png = readFileSync(path);
    assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1920, 1080]);
    assert.ok(png.length > 200_000, `PNG is only ${png.length} bytes: is the map missing?`);
    await page.close();
  });

  it("prints a handout with one page per chapter", async () => {
    const { page } = await open(browsers.current, served.baseUrl);
    await mapIdle(page);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".handout-page").count(), story.chapters.length);
    assert.equal(await page.locator(".handout-page").first().isVisible(), true);
    assert.equal(await page.locator(".topbar").isVisible(), false);
    assert.equal(await page.locator("#map").isVisible(), false);
    const pdf = await page.pdf({ format: "A4" });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    assert.equal(pages, story.chapters.length);
    await page.close();
  });

  it("never requested anything outside localhost", () => {
    assert.deepEqual(browsers.outside, []);
  });
});
