/** The built-in package: geodata/ files emitted by Vite as same-origin assets. */
import { loadPackage, type LoadedPackage } from "./load-package.ts";

const URLS = import.meta.glob("../../geodata/*.{json,geojson}", { query: "?url", import: "default", eager: true }) as Record<string, string>;
const byFile = new Map(Object.entries(URLS).map(([path, url]) => [path.replace("../../geodata/", ""), url]));

export function loadBuiltinPackage(): Promise<LoadedPackage> {
  return loadPackage(async (file) => {
    const url = byFile.get(file);
    if (!url) throw new Error(`${file}: listed in geodata/manifest.json but not in the package`);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${file}: HTTP ${res.status}`);
    return res.text();
  });
}
