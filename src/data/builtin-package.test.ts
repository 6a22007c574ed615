import { afterEach, describe, expect, it, vi } from "vitest";
import { readFileSync } from "node:fs";
import { loadBuiltinPackage } from "./builtin-package.ts";

const manifest = JSON.parse(readFileSync("geodata/manifest.json", "utf8")) as { layers: { file: string }[] };

/** What the server would answer for `url`: the manifest, a layer file, or an empty object. */
function answer(url: string): Response {
  const file = manifest.layers.find((l) => url.includes(l.file.replace(/\.geojson$/, "")))?.file;
  return new Response(url.includes("manifest") ? JSON.stringify(manifest) : file ? readFileSync(`geodata/${file}`, "utf8") : "{}", { status: 200 });
}

afterEach(() => vi.unstubAllGlobals());

describe("loadBuiltinPackage", () => {
  it("requests every layer file at once, before the manifest has arrived", async () => {
    const requested: string[] = [];
    let releaseAll = () => {};
    const gate = new Promise<void>((resolve) => (releaseAll = resolve));
    vi.stubGlobal("fetch", async (url: string) => {
      requested.push(url);
      await gate;
      return answer(url);
    });
    const loading = loadBuiltinPackage();
    // Nothing has answered yet, and every file is already on its way.
    for (const { file } of manifest.layers) expect(requested.some((u) => u.includes(file.replace(/\.geojson$/, "")))).toBe(true);
    expect(requested.some((u) => u.includes("manifest"))).toBe(true);
    releaseAll();
    const pkg = await loading;
    expect(pkg.layers.map((l) => l.meta.file)).toEqual(manifest.layers.map((l) => l.file));
    expect(pkg.layers.every((l) => Array.isArray(l.fc.features))).toBe(true);
  });

  it("names the file when one fails, and does not fail on a file the manifest does not list", async () => {
    vi.stubGlobal("fetch", async (url: string) => {
      if (url.includes("emergency-standards")) return new Response("", { status: 500 });
      if (url.includes("towns")) return new Response("", { status: 404 });
      return answer(url);
    });
    await expect(loadBuiltinPackage()).rejects.toThrow(/^towns\.geojson: HTTP 404$/);
  });
});
