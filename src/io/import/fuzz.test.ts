/**
 * Seeded fuzzing of the importers: 12,000 mutated inputs (byte flips, truncation, inserted junk, huge
 * numbers, deep nesting, random zips, mutated files inside valid zips). Every input must either import or
 * fail with an ImportError whose message names the file; nothing else may escape.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, zipSync } from "fflate";
import { expect, it } from "vitest";
import { FIXTURE_DIR } from "../../../scripts/make-import-fixtures";
import { ImportError } from "./import-error";
import { importFile } from "./import-file";
import type { ImportInput } from "./types";
import { xmldomParseXml } from "./xmldom-parse-xml";

const INPUTS = 12_000;
const encode = (text: string) => new TextEncoder().encode(text);

/** mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS: ImportInput[] = [
  ...readdirSync(FIXTURE_DIR).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(FIXTURE_DIR, name))) })),
  { name: "tiny.geojson", bytes: encode('{"type":"Feature","properties":{"a":1},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}') },
  { name: "tiny.csv", bytes: encode("lat,lon,name\n30.8,120.9,a\n30.9,121,b\n") },
  { name: "tiny.gpx", bytes: encode('<gpx><trk><trkseg><trkpt lat="30.8" lon="120.9"/><trkpt lat="30.9" lon="121"/></trkseg></trk></gpx>') },
];
const JUNK = ["\u0000", "\uFFFD", '"', "<", "]]>", "{", "[", ",", "\n", "1e308", "-1e999", "NaN", "ÿ", "中", "\r\n", "PK\u0003\u0004"];
const EXTENSIONS = [".geojson", ".json", ".kml", ".kmz", ".gpx", ".csv", ".zip", ".shp", ".txt", ""];

function mutateBytes(bytes: Uint8Array, rand: () => number): Uint8Array {
  const out = Array.from(bytes);
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (out.length + 1));
    switch (Math.floor(rand() * 6)) {
      case 0:
        if (out.length) out[Math.min(at, out.length - 1)] ^= 1 << Math.floor(rand() * 8);
        break;
      case 1:
        out.length = Math.min(out.length, at);
        break;
      case 2:
        out.splice(at, 0, ...encode(JUNK[Math.floor(rand() * JUNK.length)]));
        break;
      case 3:
        out.splice(at, Math.floor(rand() * 16));
        break;
      case 4:
        out.splice(at, 0, ...out.slice(at, at + Math.floor(rand() * 64)));
        break;
      default:
        out[Math.min(at, Math.max(0, out.length - 1))] = Math.floor(rand() * 256);
    }
  }
  return Uint8Array.from(out);
}

/** Text-aware damage: numbers become huge or non-numbers. */
function mutateNumbers(bytes: Uint8Array, rand: () => number): Uint8Array {
  const replacements = ["1e308", "-1e400", "99999999999999999999", "NaN", "0x10", "", "1.2.3", "Infinity"];
  const text = new TextDecoder().decode(bytes).replace(/-?\d+\.\d+/g, (n) => (rand() < 0.3 ? replacements[Math.floor(rand() * replacements.length)] : n));
  return encode(text);
}

/** Mutates one file inside a valid zip and re-zips, so the damage reaches the .shp/.dbf/.kml readers. */
function mutateInsideZip(bytes: Uint8Array, rand: () => number): Uint8Array {
  const entries: Record<string, Uint8Array> = unzipSync(bytes);
  const names = Object.keys(entries);
  const target = names[Math.floor(rand() * names.length)];
  entries[target] = mutateBytes(entries[target], rand);
  return zipSync(entries, { mtime: new Date(2026, 0, 1) });
}

function deepNesting(rand: () => number): Uint8Array {
  const depth = 10 + Math.floor(rand() * 5000);
  if (rand() < 0.5) return encode(`{"type":"Feature","geometry":{"type":"Point","coordinates":${"[".repeat(depth)}1,2${"]".repeat(depth)}}}`);
  let geometry = '{"type":"Point","coordinates":[1,2]}';
  for (let i = 0; i < Math.min(depth, 400); i++) geometry = `{"type":"GeometryCollection","geometries":[${geometry}]}`;
  return encode(`{"type":"Feature","properties":{},"geometry":${geometry}}`);
}

function randomZip(rand: () => number): Uint8Array {
  const header = [0x50, 0x4b, 0x03, 0x04];
  return Uint8Array.from([...header, ...Array.from({ length: Math.floor(rand() * 200) }, () => Math.floor(rand() * 256))]);
}

function makeInput(index: number, rand: () => number): ImportInput {
  const seed = SEEDS[index % SEEDS.length];
  const strategy = Math.floor(rand() * 10);
  const rename = rand() < 0.1;
  const name = rename ? `fuzz-${index}${EXTENSIONS[Math.floor(rand() * EXTENSIONS.length)]}` : seed.name;
  const isZip = seed.bytes[0] === 0x50 && seed.bytes[1] === 0x4b;
  if (strategy === 0) return { name, bytes: deepNesting(rand) };
  if (strategy === 1) return { name, bytes: randomZip(rand) };
  if (strategy === 2 && !isZip) return { name, bytes: mutateNumbers(seed.bytes, rand) };
  if (strategy <= 5 && isZip) return { name, bytes: mutateInsideZip(seed.bytes, rand) };
  return { name, bytes: mutateBytes(seed.bytes, rand) };
}

it(`survives ${INPUTS.toLocaleString("en-US")} mutated inputs with only ImportErrors that name the file`, async () => {
  const rand = random(20261122);
  const outcome = { imported: 0, rejected: 0 };
  const started = performance.now();
  for (let i = 0; i < INPUTS; i++) {
    const input = makeInput(i, rand);
    try {
      const result = await importFile(input, { parseXml: xmldomParseXml, maxBytes: 5_000_000 });
      expect(["layers", "package"]).toContain(result.kind);
      for (const warning of result.warnings) expect(typeof warning.message.en).toBe("string");
      outcome.imported++;
    } catch (error) {
      if (!(error instanceof ImportError) || !error.problem.en.includes(input.name) || !error.problem.zh.includes(input.name)) {
        throw new Error(`input #${i} (${input.name}) escaped as ${String(error)}`);
      }
      outcome.rejected++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.info(`fuzz: ${INPUTS} inputs, ${outcome.imported} imported, ${outcome.rejected} rejected, ${seconds.toFixed(1)} s`);
  expect(outcome.imported + outcome.rejected).toBe(INPUTS);
  expect(outcome.imported).toBeGreaterThan(INPUTS * 0.1);
  expect(outcome.rejected).toBeGreaterThan(INPUTS * 0.1);
  expect(seconds).toBeLessThan(45);
});
