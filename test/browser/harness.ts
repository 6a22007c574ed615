/**
 * Browser-test harness: serves the built app with `vite preview` on a free loopback port and drives
 * Debian's Chromium through playwright-core. Requests that would leave the machine are aborted and
 * recorded, so tests can assert that none were made.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach } from "node:test";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "../..");
export const SHOTS = join(ROOT, "test/browser/out");

const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
  "--disable-quic", "--enable-unsafe-swiftshader", "--use-angle=swiftshader", "--disable-dev-shm-usage",
];

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
    server.on("error", fail);
  });
}

export interface Served {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves dist/ (run `vite build` first) and resolves once the server answers. `root` and `outDir`
 * serve another build instead (the load benchmark's floor page).
 */
export async function serveDist({ root = ".", outDir = "dist" } = {}): Promise<Served> {
  const port = await freePort();
  const child: ChildProcess = spawn(join(ROOT, "node_modules/.bin/vite"), ["preview", root, "--outDir", outDir, "--host", "127.0.0.1", "--port", String(port), "--strictPort"], {
    cwd: ROOT, stdio: "ignore",
  });
  const baseUrl = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(baseUrl)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    baseUrl,
    close: () => new Promise((r) => { child.once("exit", () => r()); child.kill(); }),
  };
}

export interface Browser {
  context: BrowserContext;
  /** Every request whose host was not the loopback server. */
  outside: string[];
  close(): Promise<void>;
}

const LOCAL = /^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|data:|blob:)/;

/**
 * A Chromium with a fresh profile. `watchRequests: false` leaves out the request interception that
 * records outside requests: Playwright routes every request through this process and turns off
 * the HTTP cache while it does, which the load benchmark must not measure.
 */
export async function launch(viewport = { width: 1366, height: 768 }, { watchRequests = true } = {}): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), "atlas-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS, viewport,
  });
  const outside: string[] = [];
  if (watchRequests) await context.route("**/*", (route) => {
    const url = route.request().url();
    if (LOCAL.test(url)) return route.continue();
    outside.push(url);
    return route.abort("internetdisconnected");
  });
  return {
    context, outside,
    close: async () => { await context.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

export interface FreshBrowsers {
  /** The current test's browser. */
  readonly current: Browser;
  /** Requests that tried to leave the machine, across all tests so far. */
  readonly outside: string[];
}

/**
 * A fresh Chromium profile for every test: the app keeps the user's language, layers and drawings
 * in IndexedDB, so a shared profile would let one test's choices leak into the next.
 */
export function freshBrowserPerTest(viewport?: { width: number; height: number }): FreshBrowsers {
  let current: Browser | undefined;
  const outside: string[] = [];
  beforeEach(async () => {
    current = await launch(viewport);
  });
  afterEach(async () => {
    outside.push(...current!.outside);
    await current!.close();
  });
  return {
    get current() {
      if (!current) throw new Error("no browser outside a test");
      return current;
    },
    outside,
  };
}

export interface OpenedPage {
  page: Page;
  consoleErrors: string[];
}

/** Opens a page and collects console errors and uncaught exceptions. */
export async function open(browser: Browser, url: string): Promise<OpenedPage> {
  const page = await browser.context.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { page, consoleErrors };
}

/** Waits until the data is on the map and MapLibre has gone idle. */
export async function mapIdle(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => (window.__atlas?.layers.length ?? 0) > 0, undefined, { timeout });
  await page.evaluate(() => new Promise<void>((resolve) => {
    const map = window.__atlas!.map;
    if (map.loaded() && !map.isMoving() && map.areTilesLoaded()) {
      map.once("idle", () => resolve());
      map.triggerRepaint();
    } else map.once("idle", () => resolve());
  }));
}

/** Whether two elements' boxes on screen share any area (one covers the other). */
export async function overlapping(page: Page, a: string, b: string): Promise<boolean> {
  const [boxA, boxB] = await Promise.all([page.locator(a).first().boundingBox(), page.locator(b).first().boundingBox()]);
  if (!boxA || !boxB) throw new Error(`not on screen: ${!boxA ? a : b}`);
  return boxA.x < boxB.x + boxB.width && boxB.x < boxA.x + boxA.width && boxA.y < boxB.y + boxB.height && boxB.y < boxA.y + boxA.height;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
