/** What the load benchmarks share: one timed load in a fresh browser profile. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launch, mapIdle, ROOT } from "../test/browser/harness.ts";


/** The naive baseline: every chunk the build produced is fetched and evaluated before the app starts. */
export async function importEverything(page: Page): Promise<void> {
  const chunks = readdirSync(join(ROOT, "dist/assets")).filter((f) => f.endsWith(".js"));
  await page.addInitScript((names: string[]) => {
    (window as unknown as { __eager: Promise<unknown> }).__eager = Promise.all(names.map((n) => import(`/assets/${n}`).catch(() => null)));
  }, chunks);
}

/**
 * Navigation → first map idle in a fresh browser profile, in ms. Timed loads run without request
 * interception (see harness.ts). `onIdle` runs while the browser is still open, to read what the
 * load cost it.
 */
export async function timeToIdle(url: string, { eagerAll = false, onIdle }: { eagerAll?: boolean; onIdle?: () => void } = {}): Promise<number> {
  const browser = await launch(undefined, { watchRequests: false });
  try {
    const page = await browser.context.newPage();
    if (eagerAll) await importEverything(page);
    const start = Date.now();
    await page.goto(url);
    if (eagerAll) await page.evaluate(() => (window as unknown as { __eager: Promise<unknown> }).__eager);
    await mapIdle(page, 60_000);
    const ms = Date.now() - start;
    onIdle?.();
    return ms;
  } finally {
    await browser.close();
  }
}
