/**
 * Bring-your-own-data in Chromium: import (hostile strings stay text, GCJ-02 and Gauss–Krüger land on
 * the truth), persistence across reload, project round trip, malformed files, drawing with undo/redo.
 * Build first: `npx vite build && node --import tsx --test test/browser/user-data.test.ts`.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launch, mapIdle, open, overlapping, ROOT, screenshot, serveDist, type Browser, type Served } from "./harness.ts";

const FIXTURES = join(ROOT, "test/fixtures/import");
const truth = JSON.parse(readFileSync(join(FIXTURES, "jiashan-truth.geojson"), "utf8")) as GeoJSON.FeatureCollection;
const truthPoints = truth.features.filter((f) => f.geometry.type === "Point").map((f) => (f.geometry as GeoJSON.Point).coordinates as [number, number]);

let served: Served;
/** Each test gets its own browser profile, so IndexedDB starts empty. */
let browser: Browser;

before(async () => {
  served = await serveDist();
});
after(async () => {
  await browser?.close();
  await served?.close();
});

/** Metres between two [lng, lat] positions (haversine). */
function metres([lng1, lat1]: [number, number], [lng2, lat2]: [number, number]): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lng2 - lng1) * r) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}

const importedLayers = (page: Page) =>
  page.evaluate(() => window.__atlas!.layers.filter((l) => l.kind === "imported").map((l) => l.id));

/** The GeoJSON the map source holds for a data layer (what MapLibre draws). */
const sourceData = (page: Page, id: string) =>
  page.evaluate((layerId) => (window.__atlas!.map.getStyle().sources[layerId] as { data: GeoJSON.FeatureCollection } | undefined)?.data ?? null, id);

async function importFile(page: Page, ...files: string[]): Promise<void> {
  await page.setInputFiles('[data-testid="import-file"]', files.map((f) => join(FIXTURES, f)));
}

async function waitForLayerCount(page: Page, n: number): Promise<string[]> {
  await page.waitForFunction((count) => window.__atlas!.layers.filter((l) => l.kind === "imported").length === count, n, { timeout: 30_000 });
  return importedLayers(page);
}

async function freshPage(): Promise<{ page: Page; consoleErrors: string[] }> {
  await browser?.close();
  browser = await launch();
  const opened = await open(browser, served.baseUrl);
  await mapIdle(opened.page);
  return opened;
}

describe("bring your own data", () => {
  it("imports a hostile GeoJSON as an imported layer whose strings stay inert text on the card", async () => {
    const { page, consoleErrors } = await freshPage();
    await page.evaluate(() => { (window as unknown as { __xss?: boolean }).__xss = undefined; window.alert = () => { (window as unknown as { __xss?: boolean }).__xss = true; }; });
    await importFile(page, "hostile.geojson");
    const [id] = await waitForLayerCount(page, 1);
    await mapIdle(page);
    const data = await sourceData(page, id!);
    assert.ok(data && data.features.length > 0);
    assert.ok(data.features.every((f) => f.properties!.status === "approximate"), "imported features carry provenance status");
    // The fixture puts two hostile features at each position; the click opens one of them.
    const [lng, lat] = (data.features[0]!.geometry as GeoJSON.Point).coordinates as [number, number];
    const here = data.features.filter((f) => JSON.stringify((f.geometry as GeoJSON.Point).coordinates) === JSON.stringify([lng, lat]));
    await page.evaluate(([x, y]) => window.__atlas!.map.jumpTo({ center: [x!, y!], zoom: 13 }), [lng, lat]);
    await mapIdle(page);
    const point = await page.evaluate(([x, y]) => window.__atlas!.map.project([x!, y!]), [lng, lat]);
    await page.mouse.click(point.x, point.y);
    await page.locator(".feature-card").waitFor();
    const title = await page.locator(".feature-card .card-title").textContent();
    const shown = here.find((f) => f.properties!.name === title);
    assert.ok(shown, `the card title is a hostile name, literally: ${title}`);
    const card = (await page.locator(".feature-card").textContent()) ?? "";
    for (const [key, value] of Object.entries(shown.properties!)) {
      if (typeof value === "string" && !["id", "name", "source", "method", "status"].includes(key)) assert.ok(card.includes(key) && card.includes(value), `"${key}": "${value}" appears as text`);
    }
    assert.match(card, /hostile\.geojson/, "the card shows the file as the source");
    assert.equal(await page.evaluate(() => document.querySelectorAll(".feature-card img, .feature-card script").length), 0);
    assert.equal(await page.evaluate(() => document.querySelectorAll("img[src='x'], body script:not([type=module])").length), 0);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: boolean }).__xss), undefined);
    assert.match((await page.locator('[data-testid="import-notice"]').first().textContent()) ?? "", /WGS84|坐标/);
    await screenshot(page, "user-data-hostile");
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(browser.outside, []);
    await page.close();
  });

  it("places a GCJ-02 CSV and a Gauss–Krüger shapefile within metres of the truth, saying what it assumed", async () => {
    const { page, consoleErrors } = await freshPage();
    await importFile(page, "amap-gcj02-points.csv");
    const [csvId] = await waitForLayerCount(page, 1);
    await importFile(page, "jiashan-gk120.zip");
    const ids = await waitForLayerCount(page, 3);
    await mapIdle(page);
    const notices = await page.locator('[data-testid="crs-reason"]').allTextContents();
    assert.ok(notices.some((n) => /GCJ-02/.test(n)), `a notice names GCJ-02: ${notices.join(" | ")}`);
    assert.ok(notices.some((n) => /4549|高斯|Gauss|\.prj/.test(n)), `a notice names the projected grid: ${notices.join(" | ")}`);
    // The notices leave the badge naming the CRS in use readable, even on a 1366 × 768 screen.
    assert.equal(await overlapping(page, ".import-status", ".crs-badge"), false, "the import notices cover the CRS badge");
    for (const id of [csvId!, ...ids.filter((x) => x !== csvId)]) {
      const data = await sourceData(page, id);
      const points = data!.features.filter((f) => f.geometry?.type === "Point");
      for (const f of points) {
        const p = (f.geometry as GeoJSON.Point).coordinates as [number, number];
        const nearest = Math.min(...truthPoints.map((t) => metres(p, t)));
        assert.ok(nearest < 5, `${id}: point ${p.join(",")} is ${nearest.toFixed(1)} m from the truth`);
      }
      if (id === csvId) assert.ok(points.length >= 5);
    }
    await screenshot(page, "user-data-crs");
    // A name with characters no bundled label glyph covers still gets its label: MapLibre draws
    // them from the fontsource slices declared in font-faces, beside 村 from the glyph pack.
    const fontFilesLoaded = () => page.evaluate(() => [...document.fonts].filter((f) => f.family.startsWith("maplibre-gl-font-face") && f.status === "loaded").length);
    const fontFilesBefore = await fontFilesLoaded();
    const rare = { type: "FeatureCollection", features: [{ type: "Feature", properties: { name: "龘犇鱻村" }, geometry: { type: "Point", coordinates: [120.95, 30.95] } }] };
    await page.setInputFiles('[data-testid="import-file"]', { name: "rare-names.geojson", mimeType: "application/geo+json", buffer: Buffer.from(JSON.stringify(rare)) });
    const [, , , rareId] = await waitForLayerCount(page, 4);
    await page.evaluate(() => window.__atlas!.map.jumpTo({ center: [120.95, 30.95], zoom: 12 }));
    await mapIdle(page);
    const rareLabels = await page.evaluate((id) => window.__atlas!.map.queryRenderedFeatures({ layers: [`${id}-label`] }).map((f) => String(f.properties.name)), rareId!);
    assert.deepEqual(rareLabels, ["龘犇鱻村"]);
    assert.ok((await fontFilesLoaded()) > fontFilesBefore, "a fontsource slice was loaded for the characters outside the glyph pack");
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(browser.outside, []);
    await page.close();
  });

  it("keeps imports across a reload, and a malformed file leaves them intact with a message naming it", async () => {
    const { page, consoleErrors } = await freshPage();
    // Dropped onto the map: the overlay shows while dragging, the drop imports.
    const kml = readFileSync(join(FIXTURES, "jiashan-places.kml"), "utf8");
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "jiashan-places.kml", { type: "application/vnd.google-earth.kml+xml" }));
      return dt;
    }, kml);
    await page.dispatchEvent("#map", "dragenter", { dataTransfer: transfer });
    await page.locator(".drop-overlay").waitFor();
    await screenshot(page, "user-data-drop");
    await page.dispatchEvent("#map", "drop", { dataTransfer: transfer });
    const [id] = await waitForLayerCount(page, 1);
    assert.equal(await page.locator(".drop-overlay").count(), 0);
    const before = (await sourceData(page, id!))!.features.length;
    await page.waitForTimeout(800); // autosave is debounced
    await page.reload();
    await mapIdle(page);
    const [restored] = await waitForLayerCount(page, 1);
    await mapIdle(page);
    assert.equal(restored, id);
    assert.equal((await sourceData(page, restored!))!.features.length, before);

    await page.setInputFiles('[data-testid="import-file"]', { name: "broken.geojson", mimeType: "application/geo+json", buffer: Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feat') });
    const error = page.locator('[data-testid="import-error"]');
    await error.waitFor({ timeout: 20_000 });
    assert.match((await error.textContent()) ?? "", /broken\.geojson/);
    assert.deepEqual(await importedLayers(page), [id]);
    assert.equal((await sourceData(page, id!))!.features.length, before);
    await screenshot(page, "user-data-error");
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(browser.outside, []);
    await page.close();
  });

  it("offers a data package as a replacement for the built-in one, and swaps it in only after confirmation", async () => {
    const { page, consoleErrors } = await freshPage();
    const builtinCount = await page.evaluate(() => window.__atlas!.layers.filter((l) => l.kind !== "imported").length);
    await importFile(page, "jiashan-places.kml");
    await waitForLayerCount(page, 1);
    await importFile(page, "mini-package.zip");
    await page.locator(".package-offer").waitFor();
    await page.locator('[data-testid="import-progress"]').waitFor({ state: "detached" });
    assert.match((await page.locator(".package-offer").textContent()) ?? "", /mini-package\.zip/);
    assert.equal(await page.evaluate(() => window.__atlas!.layers.filter((l) => l.kind !== "imported").length), builtinCount, "nothing replaced before confirming");
    page.once("dialog", (d) => void d.accept());
    await page.locator(".package-offer button").first().click();
    await page.locator(".package-offer").waitFor({ state: "detached" });
    await page.waitForFunction(() => window.__atlas!.layers.filter((l) => l.kind !== "imported").length === 1);
    assert.deepEqual(await page.evaluate(() => window.__atlas!.layers.map((l) => l.kind)), ["towns", "imported"], "the user's layer stays");
    await mapIdle(page);
    assert.equal((await sourceData(page, "towns"))!.features.length, 5);
    // Its townships are points: each is drawn as a seat and named (they once drew nothing).
    const drawn = await page.evaluate(() => {
      const map = window.__atlas!.map;
      const ids = window.__atlas!.layers.find((l) => l.kind === "towns")!.styleLayerIds.filter((id) => map.getLayer(id));
      return map.queryRenderedFeatures({ layers: ids }).map((f) => `${f.layer.type}:${String(f.properties.name)}`);
    });
    assert.equal(drawn.filter((d) => d.startsWith("circle:")).length, 5, drawn.join());
    assert.equal(drawn.filter((d) => d.startsWith("symbol:")).length, 5, drawn.join());

    // Kept across a reload, and named where the sources are listed.
    await page.waitForTimeout(800); // the user's layer: autosave is debounced
    await page.reload();
    await mapIdle(page);
    await page.waitForFunction(() => window.__atlas!.layers.length === 2);
    assert.deepEqual(await page.evaluate(() => window.__atlas!.layers.map((l) => l.kind)), ["towns", "imported"], "the replacement package survives a reload");
    await mapIdle(page);
    assert.equal((await sourceData(page, "towns"))!.features.length, 5);
    await page.locator(".attribution-toggle").click();
    assert.match((await page.locator(".package-in-use").textContent()) ?? "", /mini-package\.zip/);
    await screenshot(page, "user-data-package");

    // Restoring the built-in package brings it back, for good.
    page.once("dialog", (d) => void d.accept());
    await page.locator(".package-in-use button").click();
    await page.waitForFunction((n) => window.__atlas!.layers.filter((l) => l.kind !== "imported").length === n, builtinCount);
    assert.equal(await page.locator(".package-in-use").count(), 0);
    await page.reload();
    await mapIdle(page);
    await page.waitForFunction((n) => window.__atlas!.layers.filter((l) => l.kind !== "imported").length === n, builtinCount);
    assert.equal((await importedLayers(page)).length, 1, "the user's layer stays through both swaps");

    // Clear-my-data forgets a replacement too. Here the built-in package cannot be fetched just then:
    // the replacement stays on screen, marked as no longer kept, and a reload shows the built-in one.
    await importFile(page, "mini-package.zip");
    await page.locator(".package-offer").waitFor();
    page.once("dialog", (d) => void d.accept());
    await page.locator(".package-offer button").first().click();
    await page.waitForFunction(() => window.__atlas!.layers.filter((l) => l.kind !== "imported").length === 1);
    await page.waitForFunction(() => document.querySelector(".attribution-toggle")?.textContent?.includes("mini-package.zip"));
    await page.route("**/*.geojson", (route) => route.abort("internetdisconnected"));
    page.once("dialog", (d) => void d.accept());
    await page.locator('[data-testid="export-menu"]').click();
    await page.locator('[data-testid="clear-data"]').click();
    await waitForLayerCount(page, 0);
    assert.deepEqual(await page.evaluate(() => window.__atlas!.layers.map((l) => l.kind)), ["towns"]);
    await page.locator(".attribution-panel").count().then((n) => (n ? undefined : page.locator(".attribution-toggle").click()));
    assert.match((await page.locator(".package-in-use").textContent()) ?? "", /could not keep|未能保存/);
    await page.unroute("**/*.geojson");
    await page.reload();
    await mapIdle(page);
    await page.waitForFunction((n) => window.__atlas!.layers.length === n, builtinCount);
    assert.equal(await page.locator(".attribution-toggle").textContent().then((text) => text?.includes("mini-package.zip")), false);
    // The only console errors are the browser's own lines for the fetches this test cut off.
    assert.deepEqual(consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
    assert.deepEqual(browser.outside, []);
    await page.close();
  });

  it("opens a database saved by the first version (no package store) and keeps its layers and settings", async () => {
    await browser?.close();
    browser = await launch();
    const page = await browser.context.newPage();
    // Any same-origin page that is not the app, so the version-1 database exists before the app opens it.
    const asset = readdirSync(join(ROOT, "dist/assets")).find((f) => f.endsWith(".css"))!;
    await page.goto(`${served.baseUrl}assets/${asset}`);
    await page.evaluate(() => new Promise<void>((resolve, reject) => {
      const request = indexedDB.open("jiashan-atlas", 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore("layers", { keyPath: "id" });
        db.createObjectStore("data", { keyPath: "id" });
        db.createObjectStore("settings");
      };
      request.onsuccess = () => {
        const db = request.result;
        const tx = db.transaction(["layers", "data", "settings"], "readwrite");
        tx.objectStore("layers").put({ id: "user-v1", order: 0, title: { zh: "旧图层", en: "Old layer" }, visible: true, opacity: 1 });
        tx.objectStore("data").put({ id: "user-v1", fc: { type: "FeatureCollection", features: [{ type: "Feature", id: "p1", properties: { id: "p1", name: "甲" }, geometry: { type: "Point", coordinates: [120.92, 30.84] } }] } });
        tx.objectStore("settings").put({ lang: "en", basemap: "offline" }, "app");
        tx.oncomplete = () => { db.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
      request.onerror = () => reject(request.error);
    }));
    await page.goto(served.baseUrl);
    await mapIdle(page);
    assert.deepEqual(await waitForLayerCount(page, 1), ["user-v1"]);
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.equal(await page.evaluate(() => new Promise((resolve) => {
      const request = indexedDB.open("jiashan-atlas");
      request.onsuccess = () => { resolve(request.result.version); request.result.close(); };
    })), 2);
    await page.close();
  });

  it("exports a project, clears, and imports it back equal; exports a PNG", async () => {
    const { page, consoleErrors } = await freshPage();
    await importFile(page, "jiashan-gk120.zip");
    await waitForLayerCount(page, 2);
    const snapshot = () => page.evaluate(() => {
      const atlas = window.__atlas!;
      return atlas.layers.filter((l) => l.kind === "imported").map((l) => {
        const data = (atlas.map.getStyle().sources[l.id] as { data: GeoJSON.FeatureCollection }).data;
        return { name: document.querySelector(`[data-layer="${l.id}"] .layer-title`)?.textContent, count: data.features.length, coords: JSON.stringify(data.features.map((f) => f.geometry)) };
      });
    });
    const before = await snapshot();
    await page.locator('[data-testid="export-menu"]').click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-project"]').click()]);
    const path = await download.path();
    page.once("dialog", (d) => void d.accept());
    await page.locator('[data-testid="export-menu"]').click();
    await page.locator('[data-testid="clear-data"]').click();
    await waitForLayerCount(page, 0);
    await page.locator('[data-testid="export-menu"]').click();
    await page.setInputFiles('[data-testid="open-project"]', path!);
    await waitForLayerCount(page, 2);
    await mapIdle(page);
    assert.deepEqual(await snapshot(), before);

    await page.locator('[data-testid="export-menu"]').click();
    const [png] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-png"]').click()]);
    const pngPath = join(ROOT, "test/browser/out/user-data-export.png");
    await png.saveAs(pngPath);
    const bytes = readFileSync(pngPath);
    assert.equal(bytes.subarray(1, 4).toString(), "PNG");
    assert.equal(bytes.readUInt32BE(16), 1366, "the PNG has the map's width");
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(browser.outside, []);
    await page.close();
  });

  it("over the AMap (GCJ-02) basemap, a drawn point stays where it was clicked on the tiles", async () => {
    await browser?.close();
    browser = await launch();
    const page = await browser.context.newPage();
    // Stand-in AMap tiles (a blank PNG), so the basemap counts as reachable and stays on; no request leaves.
    const blank = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");
    await page.route(/autonavi\.com/, (route) => route.fulfill({ status: 200, contentType: "image/png", body: blank }));
    await page.goto(`${served.baseUrl}?basemap=amap`);
    await mapIdle(page);
    await page.locator('[data-testid="draw-point"]').click();
    await page.waitForFunction(() => window.__atlas!.map.getSource("td-point") !== undefined, undefined, { timeout: 20_000 });
    await page.mouse.move(700, 450, { steps: 4 });
    await page.mouse.click(700, 450);
    await page.waitForFunction(() => ((window.__atlas!.map.getStyle().sources.drawings as { data: GeoJSON.FeatureCollection } | undefined)?.data.features.length ?? 0) === 1);
    const { clicked, shown, basemap } = await page.evaluate(() => {
      const map = window.__atlas!.map;
      const rect = map.getCanvas().getBoundingClientRect();
      const at = map.unproject([700 - rect.left, 450 - rect.top]);
      const data = (map.getStyle().sources.drawings as { data: GeoJSON.FeatureCollection }).data;
      return {
        clicked: [at.lng, at.lat] as [number, number],
        shown: (data.features[0]!.geometry as GeoJSON.Point).coordinates as [number, number],
        basemap: new URLSearchParams(location.search).get("basemap"),
      };
    });
    assert.equal(basemap, "amap");
    // Stored in WGS84 and shifted for display again, it lands on the click; stored as clicked, it
    // would be drawn ~480 m away.
    assert.ok(metres(clicked, shown) < 2, `drawn ${metres(clicked, shown).toFixed(1)} m from the click`);
    assert.deepEqual(browser.outside, []);
    await page.close();
  });

  it("draws a polygon into My drawings with its geodesic area; undo removes it, redo restores it", async () => {
    const { page, consoleErrors } = await freshPage();
    await page.locator('[data-testid="draw-polygon"]').click();
    await page.waitForFunction(() => window.__atlas!.map.getSource("td-polygon") !== undefined, undefined, { timeout: 20_000 });
    const corners: [number, number][] = [[600, 420], [760, 420], [760, 560], [600, 560]];
    for (const [x, y] of corners) {
      await page.mouse.move(x, y, { steps: 4 });
      await page.mouse.click(x, y);
      await page.waitForTimeout(150);
    }
    await page.mouse.move(600, 420, { steps: 4 });
    await page.mouse.click(600, 420);
    await page.waitForFunction(() => window.__atlas!.layers.some((l) => l.id === "drawings"), undefined, { timeout: 10_000 });
    const count = () => page.evaluate(() => (window.__atlas!.map.getStyle().sources.drawings as { data: GeoJSON.FeatureCollection } | undefined)?.data.features.length ?? 0);
    await page.waitForFunction(() => ((window.__atlas!.map.getStyle().sources.drawings as { data: GeoJSON.FeatureCollection } | undefined)?.data.features.length ?? 0) === 1);
    const area = (await page.locator('[data-testid="area"]').textContent()) ?? "";
    assert.match(area, /平方米|m²/);
    assert.match(area, /亩|mu/);
    await mapIdle(page);
    await screenshot(page, "user-data-drawn");
    await page.locator('[data-testid="undo"]').click();
    await page.waitForFunction(() => ((window.__atlas!.map.getStyle().sources.drawings as { data: GeoJSON.FeatureCollection } | undefined)?.data.features.length ?? 0) === 0);
    assert.equal(await count(), 0);
    await page.keyboard.press("Control+Shift+Z");
    await page.waitForFunction(() => ((window.__atlas!.map.getStyle().sources.drawings as { data: GeoJSON.FeatureCollection } | undefined)?.data.features.length ?? 0) === 1);
    assert.equal(await count(), 1);

    // Select mode: drag a corner; the stored geometry follows, and undo puts it back.
    const ring = () => page.evaluate(() => JSON.stringify((window.__atlas!.map.getStyle().sources.drawings as { data: GeoJSON.FeatureCollection }).data.features[0]!.geometry));
    const drawn = await ring();
    await page.locator('[data-testid="draw-select"]').click();
    await page.mouse.click(680, 490);
    await page.waitForTimeout(300);
    await page.mouse.move(760, 420, { steps: 3 });
    await page.mouse.down();
    await page.mouse.move(800, 380, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction((before) => JSON.stringify((window.__atlas!.map.getStyle().sources.drawings as { data: GeoJSON.FeatureCollection }).data.features[0]!.geometry) !== before, drawn);
    await page.keyboard.press("Control+z");
    await page.waitForFunction((before) => JSON.stringify((window.__atlas!.map.getStyle().sources.drawings as { data: GeoJSON.FeatureCollection }).data.features[0]!.geometry) === before, drawn);
    assert.equal(await ring(), drawn);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(browser.outside, []);
    await page.close();
  });
});
