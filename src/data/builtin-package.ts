/** The built-in package: geodata/ files emitted by Vite as same-origin assets. */
import { loadPackage, type LoadedPackage } from "./load-package.ts";

const URLS = import.meta.glob("../../geodata/*.{json,geojson}", { query: "?url", import: "default", eager: true }) as Record<string, string>;
const byFile = new Map(Object.entries(URLS).map(([path, url]) => [path.replace("../../geodata/", ""), url]));

async function fetchText(file: string, url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${file}: HTTP ${res.status}`);
  return res.text();
}

/**
 * Requests every file of the package at once rather than the layers after the manifest has been
 * read: at start-up the main thread is busy creating the map, and a second round trip would wait
 * for it.
 */
export function loadBuiltinPackage(): Promise<LoadedPackage> {
  const requests = new Map([...byFile].map(([file, url]) => [file, fetchText(file, url)]));
  // A file the manifest does not list is never awaited; its failure is not an error.
  for (const request of requests.values()) request.catch(() => undefined);
  return loadPackage((file) => requests.get(file) ?? Promise.reject(new Error(`${file}: listed in geodata/manifest.json but not in the package`)));
}
