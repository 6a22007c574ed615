/** The explorer in Chromium: load, layers, cards, language, permalink, search, basemap fallback, offline. */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { freshBrowserPerTest, mapIdle, open, overlapping, screenshot, serveDist, type Served } from "./harness.ts";

const THEMATIC = ["towns", "zones", "innovation-centres", "emergency", "water"];

let served: Served;
const browsers = freshBrowserPerTest();

before(async () => {
  served = await serveDist();
});
after(async () => {
  await served?.close();
});

/** Features MapLibre actually rendered for a data layer in the current view. */
const renderedCount = (page: import("playwright-core").Page, kind: string) =>
  page.evaluate((k) => {
    const atlas = window.__atlas!;
    const layer = atlas.layers.find((l) => l.kind === k);
    if (!layer) return -1;
    const ids = layer.styleLayerIds.filter((id) => atlas.map.getLayer(id));
    return atlas.map.queryRenderedFeatures({ layers: ids }).length;
  }, kind);

/**
 * Neighbouring districts whose label MapLibre placed (collision passed) with its anchor on the
 * uncovered map: the element at the anchor is the map canvas, not the layer panel or top bar.
 */
const neighboursNamedInView = (page: import("playwright-core").Page) =>
  page.evaluate(() => {
    const map = window.__atlas!.map;
    const named = map.queryRenderedFeatures({ layers: ["neighbours-label"] }).filter((f) => {
      const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
      const rect = map.getCanvas().getBoundingClientRect();
      return document.elementFromPoint(rect.left + p.x, rect.top + p.y) === map.getCanvas();
    });
    return [...new Set(named.map((f) => String(f.properties.name)))].sort();
  });

describe("explorer", () => {
  it("loads with zero console errors, goes idle and renders every thematic layer", async () => {
    const { page, consoleErrors } = await open(browsers.current, served.baseUrl);
    await mapIdle(page);
    const kinds = await page.evaluate(() => window.__atlas!.layers.map((l) => l.kind));
    for (const kind of [...THEMATIC, "county", "neighbours", "villages"]) assert.ok(kinds.includes(kind), `layer kind ${kind} missing`);
    for (const kind of THEMATIC) assert.ok((await renderedCount(page, kind)) > 0, `${kind} rendered nothing in the default view`);
    await screenshot(page, "default-zh");
    assert.deepEqual(await neighboursNamedInView(page), ["南湖区", "吴江区", "平湖市", "秀洲区", "金山区", "青浦区"]);
    assert.deepEqual(consoleErrors, []);
    // Start-up drew the map once its tiles were all in, not once per arriving tile, and not before
    // (map/paint-hold.ts).
    const hold = await page.evaluate(() => window.__atlas!["startupPaint"] as { endedBy: string; heldMs: number; skippedRepaints: number; skippedDraws: number } | null);
    assert.equal(hold?.endedBy, "loaded");
    assert.ok(hold.heldMs > 0 && hold.skippedRepaints > 0 && hold.skippedDraws > 0, JSON.stringify(hold));
    // The UI's text is drawn with the map's label subset, loaded once for both.
    const uiFont = await page.evaluate(async () => {
      await document.fonts.ready;
      const face = [...document.fonts].find((f) => f.family.replace(/"/g, "") === "Atlas Sans");
      return { status: face?.status, family: getComputedStyle(document.body).fontFamily, drawable: document.fonts.check('14px "Atlas Sans"', "嘉善县域空间探索器") };
    });
    assert.equal(uiFont.status, "loaded");
    assert.match(uiFont.family, /^"?Atlas Sans"?,/);
    assert.ok(uiFont.drawable);
    // Everything the default view writes is in that subset, so no fontsource slice is fetched: a stray
    // character (the scale bar's no-break space) once pulled one in, and a repaint with it, mid-start-up.
    const slices = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name).filter((n) => /noto-sans-sc-[a-z0-9-]+-400-normal/.test(n)));
    assert.deepEqual(slices, []);
    // The UI font is preloaded by index.html (one request, from the <link>), so the first paint already
    // has it rather than laying out and painting all text a second time when it arrives.
    const fontRequests = await page.evaluate(() => performance.getEntriesByType("resource")
      .filter((e) => /noto-sans-sc-labels-[\w-]+\.woff2$/.test(e.name)).map((e) => (e as PerformanceResourceTiming).initiatorType));
    assert.deepEqual(fontRequests, ["link"]);
    await page.close();
  });

  it("renders the UI once, with the data: its first render already lists every layer", async () => {
    const page = await browsers.current.context.newPage();
    // What #ui held when it first got content: the panel, and how many layer rows it had then.
    await page.addInitScript(() => {
      const w = window as unknown as { __firstUi?: { rows: number; panel: boolean } };
      new MutationObserver((_, observer) => {
        const ui = document.getElementById("ui");
        if (!ui?.firstChild) return;
        w.__firstUi = { rows: ui.querySelectorAll(".layer-list > li").length, panel: !!ui.querySelector(".layer-panel") };
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(served.baseUrl);
    await mapIdle(page);
    const first = await page.evaluate(() => (window as unknown as { __firstUi?: { rows: number; panel: boolean } }).__firstUi);
    const rows = await page.locator(".layer-list > li").count();
    assert.ok(rows >= 8, `${rows} layer rows`);
    assert.deepEqual(first, { rows, panel: true });
    await page.close();
  });

  it("while another tab blocks the saved work, shows the UI and says why; goes on once that tab lets go", async () => {
    const page = await browsers.current.context.newPage();
    // An older version of the database, held open by a connection that ignores upgrade requests,
    // as an old tab would: the app's own open request waits until it closes.
    await page.addInitScript(() => {
      const request = indexedDB.open("jiashan-atlas", 1);
      request.onsuccess = () => { (window as unknown as { __holder: IDBDatabase }).__holder = request.result; };
    });
    const started = Date.now();
    await page.goto(served.baseUrl);
    await page.locator(".layer-panel").waitFor({ timeout: 10_000 });
    const shownAfter = Date.now() - started;
    assert.ok(shownAfter < 5_000, `UI after ${shownAfter} ms`);
    await page.locator('[data-testid="saved-work-blocked"]').waitFor();
    assert.equal(await page.evaluate(() => window.__atlas?.layers.length ?? 0), 0, "the data waits for the saved work");
    await page.evaluate(() => (window as unknown as { __holder: IDBDatabase }).__holder.close());
    await mapIdle(page);
    assert.equal(await page.locator('[data-testid="saved-work-blocked"]').count(), 0);
    assert.ok((await page.locator(".layer-list > li").count()) >= 8);
    await page.close();
  });

  it("draws each legend swatch, sharp at any pixel ratio: hatching as stripes, dashes with gaps, hollow points white inside", async () => {
    const { page } = await open(browsers.current, served.baseUrl);
    await mapIdle(page);
    const checkSwatches = async (ratio: number) => {
      const drawn = await page.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>(".legend canvas.swatch")].map((canvas) => ({
        spec: canvas.dataset.swatch!,
        width: canvas.width,
        height: canvas.height,
        // Drawn on the CPU, off the GPU process that draws the map (see Swatch.tsx).
        onCpu: canvas.getContext("2d")!.getContextAttributes().willReadFrequently,
        rgba: [...canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data],
      })));
      assert.ok(drawn.every((d) => d.onCpu), "every swatch canvas is CPU-backed");
      const swatches = drawn.map(({ spec, width, height, rgba }) => {
        const alpha = (x: number, y: number) => rgba[(y * width + x) * 4 + 3]!;
        const mid = Math.floor(height / 2);
        // Painted runs across the middle row, inside the box's outline.
        const row = Array.from({ length: width - 8 * ratio }, (_, i) => alpha(i + 4 * ratio, mid) > 128);
        const centre = (mid * width + Math.floor(width / 2)) * 4;
        return {
          spec: JSON.parse(spec) as { shape: string; hatched?: boolean; dashed?: boolean; hollow?: boolean },
          size: [width, height],
          painted: rgba.filter((_, i) => i % 4 === 3 && rgba[i]! > 0).length / (width * height),
          runsAcrossMiddle: row.filter((on, i) => on && !row[i - 1]).length,
          centreRgba: rgba.slice(centre, centre + 4),
        };
      });
      assert.ok(swatches.length >= 8, `legend has ${swatches.length} swatches`);
      for (const s of swatches) {
        assert.deepEqual(s.size, [22 * ratio, 16 * ratio], "one canvas pixel per device pixel");
        assert.ok(s.painted > 0.05, `${JSON.stringify(s.spec)} is blank`);
      }
      const hatched = swatches.filter((s) => s.spec.hatched);
      assert.ok(hatched.length > 0);
      // A plain fill is a pale wash (no run at all); hatching is separate stripes.
      for (const s of hatched) assert.ok(s.runsAcrossMiddle >= 2, `hatching drew ${s.runsAcrossMiddle} stripes`);
      const dashedLines = swatches.filter((s) => s.spec.shape === "line" && s.spec.dashed);
      const solidLines = swatches.filter((s) => s.spec.shape === "line" && !s.spec.dashed);
      assert.ok(dashedLines.length > 0 && solidLines.length > 0);
      for (const s of dashedLines) assert.ok(s.runsAcrossMiddle >= 2, "a dashed line has gaps");
      for (const s of solidLines) assert.equal(s.runsAcrossMiddle, 1, "a solid line has none");
      const hollow = swatches.find((s) => s.spec.hollow);
      assert.deepEqual(hollow?.centreRgba, [255, 255, 255, 255], "a hollow point is white inside");
    };
    await checkSwatches(1);
    // Browser zoom to 200%: twice the device pixels per CSS pixel, half the CSS width. The swatches
    // are redrawn for it rather than scaled up blurred.
    const cdp = await browsers.current.context.newCDPSession(page);
    await cdp.send("Emulation.setDeviceMetricsOverride", { width: 683, height: 384, deviceScaleFactor: 2, mobile: false });
    await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>(".legend canvas.swatch")?.width === 44);
    await checkSwatches(2);
    await page.close();
  });

  it("leaves out MapLibre's sky, which the background always covers: the same pixels without it, even fully tilted at zoom 3", async () => {
    const views: { skyProgram: boolean; pixels: Buffer }[] = [];
    for (const flag of ["", "&sky"]) {
      const { page } = await open(browsers.current, `${served.baseUrl}?map=3/30.9/120.9/0/70&capture${flag}`);
      await mapIdle(page);
      const read = await page.evaluate(`(() => {
        const map = window.__atlas.map;
        const canvas = map.getCanvas();
        const copy = document.createElement("canvas");
        copy.width = canvas.width;
        copy.height = canvas.height;
        const ctx = copy.getContext("2d");
        ctx.drawImage(canvas, 0, 0);
        const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
        let bytes = "";
        for (let i = 0; i < data.length; i += 8192) bytes += String.fromCharCode.apply(null, data.subarray(i, i + 8192));
        return { skyProgram: Object.keys(map.painter.programCache.programs).some((key) => key.startsWith("sky")), pixels: btoa(bytes) };
      })()`) as { skyProgram: boolean; pixels: string };
      views.push({ skyProgram: read.skyProgram, pixels: Buffer.from(read.pixels, "base64") });
      await page.close();
    }
    const [without, withSky] = views as [typeof views[0], typeof views[0]];
    assert.equal(without.skyProgram, false, "the sky is not drawn");
    assert.equal(withSky.skyProgram, true, "?sky draws it");
    assert.equal(without.pixels.length, withSky.pixels.length);
    const colours = new Set<number>();
    for (let i = 0; i < without.pixels.length; i += 4 * 97) colours.add(without.pixels.readUInt32BE(i));
    assert.ok(colours.size > 20, `the map was read (${colours.size} colours)`);
    let differing = 0;
    for (let i = 0; i < without.pixels.length; i += 4) {
      if (Math.abs(without.pixels[i]! - withSky.pixels[i]!) + Math.abs(without.pixels[i + 1]! - withSky.pixels[i + 1]!) + Math.abs(without.pixels[i + 2]! - withSky.pixels[i + 2]!) > 6) differing++;
    }
    assert.equal(differing, 0);
  });

  it("hides a layer's features when it is toggled off", async () => {
    const { page } = await open(browsers.current, served.baseUrl);
    await mapIdle(page);
    assert.ok((await renderedCount(page, "zones")) > 0);
    await page.locator('[data-layer="zones"] input[type=checkbox]').first().click();
    await mapIdle(page);
    assert.equal(await renderedCount(page, "zones"), 0);
    assert.equal(await page.evaluate(() => window.__atlas!.layers.find((l) => l.kind === "zones")!.visible), false);
    await page.close();
  });

  it("opens a feature card, as text, with provenance, when a feature is clicked", async () => {
    const { page } = await open(browsers.current, served.baseUrl);
    await mapIdle(page);
    const target = await page.evaluate(() => {
      const map = window.__atlas!.map;
      const data = (map.getStyle().sources.emergency as { data: GeoJSON.FeatureCollection }).data;
      const county = data.features.find((x) => x.properties?.tier === "county")!;
      const [lng, lat] = (county.geometry as GeoJSON.Point).coordinates;
      const p = map.project([lng!, lat!]);
      return { x: p.x, y: p.y, name: String(county.properties!.name) };
    });
    await page.mouse.click(target.x, target.y);
    const title = page.locator(".feature-card .card-title");
    await title.waitFor();
    assert.equal(await title.textContent(), target.name);
    const provenance = await page.locator(".card-provenance").textContent();
    assert.match(provenance ?? "", /来源|Source/);
    assert.ok(await page.locator(".card-provenance .status-badge").count());
    await page.close();
  });

  it("switches every label to English and back", async () => {
    const { page } = await open(browsers.current, served.baseUrl);
    await mapIdle(page);
    assert.equal(await page.locator(".app-title span").textContent(), "嘉善县域空间探索器");
    await page.locator(".lang-toggle").click();
    assert.equal(await page.locator(".app-title span").textContent(), "Jiashan Atlas");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    const field = await page.evaluate(() => JSON.stringify(window.__atlas!.map.getLayoutProperty("towns-label", "text-field")));
    assert.match(field, /name_en/);
    const titles = await page.locator(".layer-title").allTextContents();
    assert.ok(titles.every((t) => /^[A-Z]/.test(t)), `layer titles not in English: ${titles.join(", ")}`);
    await mapIdle(page);
    assert.equal((await neighboursNamedInView(page)).length, 6);
    await screenshot(page, "default-en");
    await page.close();
  });

  it("names the county and each zone once when zoomed in, not once per tile", async () => {
    // Zoom 12 over the county: its outline crosses several tiles, and MapLibre labelled each piece.
    const { page, consoleErrors } = await open(browsers.current, `${served.baseUrl}?map=12/30.9/120.9`);
    await mapIdle(page);
    const names = await page.evaluate(() => Object.fromEntries(["county-label", "zones-label", "water-label"].map((id) => [
      id, window.__atlas!.map.queryRenderedFeatures({ layers: [id] }).map((f) => String(f.properties.name)),
    ])));
    assert.deepEqual(names["county-label"], ["嘉善县"]);
    for (const [id, shown] of Object.entries(names)) assert.equal(new Set(shown).size, shown.length, `${id} repeats a name: ${shown.join(", ")}`);
    assert.ok(names["zones-label"]!.length > 0, "some zone is named in this view");
    assert.deepEqual(consoleErrors, []);
    await page.close();
  });

  it("restores view, layers, selection and language from a permalink", async () => {
    const { page } = await open(browsers.current, served.baseUrl);
    await mapIdle(page);
    await page.locator(".lang-toggle").click();
    await page.locator('[data-layer="water"] input[type=checkbox]').first().click();
    await page.evaluate(() => window.__atlas!.map.jumpTo({ center: [120.95, 30.9], zoom: 12.5, bearing: 20 }));
    await page.fill(".search input", "xitang");
    await page.keyboard.press("Enter");
    await page.locator(".feature-card").waitFor();
    await mapIdle(page);
    await page.waitForTimeout(300);
    const link = page.url();
    const before = await page.evaluate(() => ({
      center: window.__atlas!.map.getCenter().toArray(), zoom: window.__atlas!.map.getZoom(),
      visible: window.__atlas!.layers.filter((l) => l.visible).map((l) => l.id).sort(),
    }));
    const card = await page.locator(".feature-card .card-title").textContent();
    await page.close();

    const { page: again } = await open(browsers.current, link);
    await mapIdle(again);
    const restored = await again.evaluate(() => ({
      center: window.__atlas!.map.getCenter().toArray(), zoom: window.__atlas!.map.getZoom(),
      visible: window.__atlas!.layers.filter((l) => l.visible).map((l) => l.id).sort(),
    }));
    assert.ok(Math.abs(restored.zoom - before.zoom) < 0.02, `zoom ${restored.zoom} vs ${before.zoom}`);
    assert.ok(Math.abs(restored.center[0]! - before.center[0]!) < 1e-4 && Math.abs(restored.center[1]! - before.center[1]!) < 1e-4);
    assert.deepEqual(restored.visible, before.visible);
    assert.ok(!restored.visible.includes("water"));
    assert.equal(await again.locator(".feature-card .card-title").textContent(), card);
    assert.equal(await again.locator(".app-title span").textContent(), "Jiashan Atlas");
    await again.close();
  });

  it("finds places by Chinese name, pinyin initials and English, and flies to them", async () => {
    const { page } = await open(browsers.current, served.baseUrl);
    await mapIdle(page);
    for (const [query, expected] of [["姚庄", "姚庄镇"], ["yzz", "姚庄镇"], ["Taipu", "太浦河"]] as const) {
      await page.fill(".search input", query);
      const first = page.locator(".search-results li").first();
      assert.match((await first.textContent()) ?? "", new RegExp(expected));
    }
    await page.fill(".search input", "姚庄镇");
    await page.keyboard.press("Enter");
    assert.equal(await page.locator(".feature-card .card-title").textContent(), "姚庄镇");
    await page.close();
  });

  it("draws deck.gl service-radius rings interleaved with the map when asked", async () => {
    const { page, consoleErrors } = await open(browsers.current, served.baseUrl);
    await mapIdle(page);
    await page.locator('[data-layer="emergency"] .layer-extra input').click();
    await page.waitForFunction(() => window.__atlas!.map.getLayersOrder().some((id) => id.startsWith("deck-")), undefined, { timeout: 20_000 });
    await mapIdle(page);
    await screenshot(page, "deck-rings");
    assert.deepEqual(consoleErrors, []);
    await page.close();
  });

  it("reaches and operates the layer toggles, search and card with the keyboard alone", async () => {
    const { page } = await open(browsers.current, served.baseUrl);
    await mapIdle(page);
    const focusedIs = (selector: string) => page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await focusedIs('[data-layer="water"] input[type=checkbox]');
    }
    assert.ok(reached, "Tab never reached the water layer toggle");
    await page.keyboard.press("Space");
    assert.equal(await page.evaluate(() => window.__atlas!.layers.find((l) => l.kind === "water")!.visible), false);
    await page.locator(".search input").focus();
    await page.keyboard.type("西塘镇");
    await page.keyboard.press("Enter");
    await page.locator(".feature-card").waitFor();
    await page.waitForFunction(() => document.activeElement?.closest(".feature-card") !== null);
    await page.keyboard.press("Escape");
    await page.locator(".feature-card").waitFor({ state: "detached" });
    await page.close();
  });

  it("made no request outside localhost in the default configuration", () => {
    assert.deepEqual(browsers.outside, []);
  });

  it("falls back to the offline basemap, and says so, when an online one cannot be reached", async () => {
    const { page } = await open(browsers.current, served.baseUrl);
    await mapIdle(page);
    await page.locator(".basemap-switcher .tool-button").click();
    // click, not check(): the fallback may switch the radio back before Playwright re-reads it.
    await page.locator('input[name=basemap][value=osm]').click();
    await page.locator(".toast.warning").waitFor({ timeout: 20_000 });
    assert.match((await page.locator(".toast.warning").textContent()) ?? "", /OpenStreetMap/);
    assert.equal(await overlapping(page, ".toast.warning", ".draw-toolbar"), false, "the message hides the drawing tools");
    assert.equal(await page.locator('input[name=basemap][value=offline]').isChecked(), true);
    assert.ok(browsers.current.outside.some((u) => u.includes("openstreetmap")), "the OSM tiles were never requested");
    await page.close();
  });

  it("shifts overlays to GCJ-02 over AMap and names the CRS in a badge", async () => {
    const { page } = await open(browsers.current, served.baseUrl);
    await mapIdle(page);
    const coordOf = () => page.evaluate(() => {
      const data = (window.__atlas!.map.getStyle().sources.emergency as { data: GeoJSON.FeatureCollection }).data;
      return (data.features.find((f) => f.properties?.tier === "county")!.geometry as GeoJSON.Point).coordinates;
    });
    const wgs = await coordOf();
    // Stand in for AMap's tile server with a blank tile, so the basemap "loads" without leaving the machine.
    const blank = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
    await page.route(/autonavi\.com/, (route) => route.fulfill({ status: 200, contentType: "image/png", body: blank }));
    await page.locator(".basemap-switcher .tool-button").click();
    await page.locator('input[name=basemap][value=amap]').check();
    await page.waitForFunction(() => document.querySelector(".crs-badge")?.textContent?.includes("GCJ-02"));
    const gcj = await coordOf();
    // At Jiashan the WGS84→GCJ-02 shift is about +0.0041° lng, −0.0024° lat.
    assert.ok(Math.abs(gcj[0]! - wgs[0]! - 0.0041) < 0.0005, `lng shift ${gcj[0]! - wgs[0]!}`);
    assert.ok(Math.abs(gcj[1]! - wgs[1]! + 0.0024) < 0.0005, `lat shift ${gcj[1]! - wgs[1]!}`);
    await page.close();
  });
});
