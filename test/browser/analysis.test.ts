/** The analysis panel in Chromium: coverage equals the CLI, deck.gl overlays, what-if and scenarios, cancel, life circle. */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import type { Page } from "playwright-core";
import { ROOT, launch, mapIdle, open, screenshot, serveDist, type Browser, type Served } from "./harness.ts";

let served: Served;
let browser: Browser;

before(async () => {
  served = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await served?.close();
});

function atlasJson(args: string[]): any {
  const out = spawnSync(process.execPath, ["--import", "tsx", "src/cli/atlas.ts", ...args, "--json"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout);
}

async function openPanel(page: Page): Promise<void> {
  await page.locator(".analysis-toggle").click();
  await page.locator(".analysis-panel").waitFor({ timeout: 20_000 });
}

/** Runs coverage and waits for a new total (the table re-renders with a fresh data-value). */
async function runCoverage(page: Page): Promise<number> {
  const before = await page.locator(".coverage-table .total-pct").getAttribute("data-value").catch(() => null);
  await page.locator(".analysis-panel .run-button").click();
  await page.waitForFunction((prev) => {
    const cell = document.querySelector(".coverage-table .total-pct");
    return cell && !document.querySelector(".analysis-progress") && cell.getAttribute("data-value") !== prev;
  }, before, { timeout: 60_000 });
  return Number(await page.locator(".coverage-table .total-pct").getAttribute("data-value"));
}

const deckIds = (page: Page) => page.evaluate(() => (window.__atlas!["deckLayerIds"] as string[] | undefined) ?? []);

describe("analysis panel", () => {
  it("computes emergency coverage with the CLI's numbers and draws deck.gl overlays", async () => {
    const { page, consoleErrors } = await open(browser, served.baseUrl);
    await mapIdle(page);
    await openPanel(page);
    assert.equal(await page.locator(".analysis-tabs [role=tab][aria-selected=true]").count(), 1);

    // Radii from the data (the default).
    const fromData = await runCoverage(page);
    const cliData = atlasJson(["coverage", "--layer", "emergency", "--by", "towns"]);
    assert.ok(Math.abs(fromData - cliData.total.covered_pct) <= 0.1, `panel ${fromData} vs CLI ${cliData.total.covered_pct} (data radii)`);

    // One radius: 5000 m (typing a radius selects "one radius").
    await page.locator(".radius-field input[type=number]").fill("4000");
    await page.locator(".radius-field input[type=number]").press("Tab");
    assert.equal(await page.locator(".radius-field input[value=fixed]").isChecked(), true);
    await page.locator(".radius-field input[type=number]").fill("5000");
    await page.locator(".radius-field input[type=number]").press("Tab");
    const at5km = await runCoverage(page);
    const cli5km = atlasJson(["coverage", "--layer", "emergency", "--radius", "5000", "--by", "towns"]);
    assert.ok(Math.abs(at5km - cli5km.total.covered_pct) <= 0.1, `panel ${at5km} vs CLI ${cli5km.total.covered_pct} (5 km)`);
    assert.equal(await page.locator(".coverage-table tbody tr").count(), cli5km.areas.length);
    const yaozhuang = await page.locator('.coverage-table tr[data-code="330421111"] .pct').textContent();
    assert.equal(Number(yaozhuang), Math.round(cli5km.areas.find((a: { code: string }) => a.code === "330421111").covered_pct * 10) / 10);

    // Method and caveats are derived from the inputs.
    const caveats = (await page.locator(".coverage-result .analysis-notices").textContent()) ?? "";
    assert.match(caveats, /示意|SCHEMATIC/);
    assert.match(caveats, /township seat/);
    assert.match((await page.locator(".coverage-result .analysis-method").textContent()) ?? "", /geodesic/);
    assert.ok(await page.locator(".analysis-chart svg rect.chart-bar").count() >= cli5km.areas.length);

    await page.waitForFunction(() => window.__atlas!.map.getLayersOrder().some((id) => id.startsWith("deck-")), undefined, { timeout: 20_000 });
    const ids = await deckIds(page);
    for (const id of ["deck-analysis-covered", "deck-analysis-uncovered", "deck-analysis-redundancy", "deck-analysis-stations"]) assert.ok(ids.includes(id), `${id} missing from ${ids}`);
    await mapIdle(page);
    await screenshot(page, "analysis-coverage");

    // Export: CSV and GeoJSON download through Blob links.
    const [csv] = await Promise.all([page.waitForEvent("download"), page.locator(".analysis-export button").first().click()]);
    assert.equal(csv.suggestedFilename(), "jiashan-coverage.csv");
    const [geojson] = await Promise.all([page.waitForEvent("download"), page.locator(".analysis-export button").nth(1).click()]);
    assert.equal(geojson.suggestedFilename(), "jiashan-coverage.geojson");

    assert.deepEqual(consoleErrors, []);
    await page.close();
  });

  it("adds a what-if station by clicking the map and compares scenarios A and B", async () => {
    const { page, consoleErrors } = await open(browser, served.baseUrl);
    await mapIdle(page);
    await openPanel(page);
    await page.locator(".radius-field input[value=fixed]").check();
    await page.locator(".radius-field input[type=number]").fill("5000");
    const base = await runCoverage(page);
    const cli5km = atlasJson(["coverage", "--layer", "emergency", "--radius", "5000", "--by", "towns"]);
    assert.ok(Math.abs(base - cli5km.total.covered_pct) <= 0.1, `panel ${base} vs CLI ${cli5km.total.covered_pct}`);
    await page.locator(".save-a").click();

    // Centre the map on the least-covered township so the click lands on open map, not on the panel.
    const target = await page.evaluate(() => {
      const map = window.__atlas!.map;
      const towns = (map.getStyle().sources.towns as { data: GeoJSON.FeatureCollection }).data;
      const town = towns.features.find((f) => f.properties?.code === "330421111")!;
      const ring = (town.geometry as GeoJSON.Polygon).coordinates[0]!;
      const lng = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
      const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
      map.jumpTo({ center: [lng, lat] });
      const p = map.project([lng, lat]);
      return { x: p.x, y: p.y };
    });
    await mapIdle(page);
    await page.locator(".analysis-whatif .tool-button").first().click();
    assert.equal(await page.locator(".analysis-whatif .tool-button").first().getAttribute("aria-pressed"), "true");
    await page.mouse.click(target.x, target.y);
    await page.waitForFunction((prev) => {
      const cell = document.querySelector(".coverage-table .total-pct");
      return cell && !document.querySelector(".analysis-progress") && Number(cell.getAttribute("data-value")) > prev;
    }, base, { timeout: 60_000 });
    const after = Number(await page.locator(".coverage-table .total-pct").getAttribute("data-value"));
    assert.ok(after > base, `adding a station raised coverage ${base} → ${after}`);
    await page.locator(".save-b").click();
    const total = page.locator(".scenario-table tr.total td").last();
    assert.equal(await total.textContent(), `+${(after - base).toFixed(1)}`);
    assert.match((await page.locator(".coverage-result .analysis-notices").textContent()) ?? "", /what-if|假设/);
    await mapIdle(page);
    await screenshot(page, "analysis-whatif");

    // Clicking the new station (a deck.gl dot) in edit mode removes it: coverage returns to A.
    await page.mouse.click(target.x, target.y);
    await page.waitForFunction((prev) => {
      const cell = document.querySelector(".coverage-table .total-pct");
      return cell && !document.querySelector(".analysis-progress") && Number(cell.getAttribute("data-value")) < prev;
    }, after, { timeout: 60_000 });
    assert.ok(Math.abs(Number(await page.locator(".coverage-table .total-pct").getAttribute("data-value")) - base) < 1e-9);
    await page.keyboard.press("Escape");
    assert.equal(await page.locator(".analysis-whatif .tool-button").first().getAttribute("aria-pressed"), "false");
    assert.deepEqual(consoleErrors, []);
    await page.close();
  });

  it("cancels a long life-circle run, stays usable, then shows the compliance table", async () => {
    const { page, consoleErrors } = await open(browser, served.baseUrl);
    await mapIdle(page);
    await openPanel(page);
    await page.locator("#analysis-tab-lifecircle").click();
    const grid = page.locator(".analysis-form input[type=number]").first();
    await grid.fill("30");
    await grid.press("Tab");
    await page.locator(".analysis-panel .run-button").click();
    await page.locator(".analysis-progress .analysis-cancel").click({ timeout: 10_000 });
    await page.locator(".analysis-message.cancelled").waitFor({ timeout: 10_000 });
    assert.equal(await page.locator(".analysis-progress").count(), 0);
    assert.equal(await page.locator(".compliance-table").count(), 0);

    // The app still answers: switch language and back, then run the default 100 m check.
    await page.locator(".lang-toggle").click();
    assert.equal(await page.locator("#analysis-tab-lifecircle").textContent(), "15-minute life circle");
    await page.locator(".lang-toggle").click();
    await grid.fill("100");
    await grid.press("Tab");
    await page.locator(".analysis-panel .run-button").click();
    await page.locator(".compliance-table").waitFor({ timeout: 120_000 });
    const cli = atlasJson(["lifecircle"]);
    const all = cli.compliance.find((r: { code: string; category: string }) => r.code === "*" && r.category === "health-centre");
    const row = page.locator(".compliance-table tr.total").filter({ hasText: /社区卫生服务中心|health centre/i });
    const cells = await row.locator("td").allTextContents();
    assert.equal(Number(cells[5]), Math.round(all.share_within["15min"] * 1000) / 10, `≤15 min share of all townships: ${cells}`);
    assert.match((await page.locator(".lifecircle-result .analysis-notices li.loud").textContent()) ?? "", /示意|SCHEMATIC/);
    assert.ok((await deckIds(page)).includes("deck-analysis-surface"));
    await mapIdle(page);
    await screenshot(page, "analysis-lifecircle");
    assert.deepEqual(consoleErrors, []);
    await page.close();
  });

  it("suggests sites and computes area statistics", async () => {
    const { page, consoleErrors } = await open(browser, served.baseUrl);
    await mapIdle(page);
    await openPanel(page);
    await page.locator("#analysis-tab-suggest").click();
    await page.locator(".analysis-panel .run-button").click();
    await page.locator(".suggest-table tbody tr").first().waitFor({ timeout: 60_000 });
    const cli = atlasJson(["suggest", "--category", "health-station", "--radius", "1000", "--count", "3"]);
    assert.equal(await page.locator(".suggest-table tbody tr").count(), cli.picks.length);
    const first = await page.locator(".suggest-table tbody tr").first().locator("td").allTextContents();
    assert.equal(Number(first[1]), Number(cli.picks[0].lng.toFixed(5)));
    assert.ok((await deckIds(page)).includes("deck-analysis-picks"));
    await mapIdle(page);
    await screenshot(page, "analysis-suggest");

    await page.locator("#analysis-tab-area").click();
    await page.locator(".analysis-panel .run-button").click();
    await page.locator(".area-table tbody tr").first().waitFor({ timeout: 30_000 });
    assert.ok(await page.locator(".overlap-table tbody tr").count() > 0);
    await screenshot(page, "analysis-area");
    assert.deepEqual(consoleErrors, []);
    await page.close();
  });
});
