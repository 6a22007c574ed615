/**
 * `npm run font:build`: makes the font files the labels need: a subset font for the UI, and the
 * same characters as pre-rendered map glyphs (scripts/map-glyphs.ts). It subsets the full
 * Noto Sans SC Regular (OFL-1.1, npm @expo-google-fonts/noto-sans-sc) to every character that the
 * data package, the seeds digest, the story and the UI strings use, plus ASCII and common
 * punctuation. One ~100 kB file instead of ~20 of fontsource's unicode-range slices makes Chinese
 * labels appear with the first idle frame. Characters outside it (e.g. in imported files) fall back
 * to the fontsource slices declared after it (src/map/fonts.bundle.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import subsetFont from "subset-font";
import * as hb from "harfbuzzjs";
import { MAP_FONT } from "../src/map/theme.ts";
import { packGlyphRanges } from "../src/map/glyph-pack.ts";
import { encodeGlyphRange, sdfGlyph, type SdfGlyph } from "./map-glyphs.ts";

const ROOT = resolve(import.meta.dirname, "..");
const OUT_DIR = join(ROOT, "src/map/fonts");
const SOURCE_FONT = join(ROOT, "node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf");

/** Text files whose characters may end up on the map or in the UI. */
export function labelTextSources(root = ROOT): string[] {
  const inDir = (dir: string, ext: RegExp) =>
    readdirSync(join(root, dir)).filter((f) => ext.test(f)).map((f) => join(root, dir, f));
  // Every source file, not just strings.ts: legends, messages and button glyphs live beside their code.
  const sources = (readdirSync(join(root, "src"), { recursive: true }) as string[])
    .filter((f) => /\.(tsx?|css)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .sort()
    .map((f) => join(root, "src", f));
  return [
    ...inDir("geodata", /\.(geo)?json$/),
    join(root, "seeds/digest.json"),
    ...inDir("src/story", /\.json$/),
    ...sources,
  ];
}

/** The sorted, de-duplicated characters of all label sources, with ASCII and CJK punctuation. */
export function labelCharacters(root = ROOT): string {
  const chars = new Set<string>();
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCodePoint(c));
  for (const c of "·—–、。,:;!?()《》“”‘’〔〕【】°′″²³±×÷…～") chars.add(c);
  // No-break space: MapLibre's scale bar writes "5&nbsp;km"; without it a fontsource slice loads mid-start-up.
  chars.add("\u00a0");
  for (const file of labelTextSources(root)) {
    for (const c of readFileSync(file, "utf8")) if (c.codePointAt(0)! >= 0x80) chars.add(c);
  }
  return [...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).join("");
}

/** Every character of `text` as an SDF glyph, grouped into MapLibre's 256-code-point ranges. */
export function glyphRanges(ttf: Uint8Array, text: string): Map<number, Uint8Array> {
  const face = new hb.Face(new hb.Blob(ttf));
  const font = new hb.Font(face);
  const byRange = new Map<number, SdfGlyph[]>();
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const gid = font.nominalGlyph(code);
    if (gid === undefined) continue;
    const glyph = sdfGlyph(code, font.glyphToJson(gid), font.glyphHAdvance(gid), face.upem);
    const range = byRange.get(code >> 8) ?? byRange.set(code >> 8, []).get(code >> 8)!;
    range.push(glyph);
  }
  return new Map([...byRange].map(([range, glyphs]) => [range, encodeGlyphRange(MAP_FONT, range, glyphs)]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = labelCharacters();
  const ttf = readFileSync(SOURCE_FONT);
  const font = await subsetFont(ttf, text, { targetFormat: "woff2" });
  writeFileSync(join(OUT_DIR, "noto-sans-sc-labels.woff2"), font);
  writeFileSync(join(OUT_DIR, "noto-sans-sc-labels.chars.txt"), `${text}\n`);
  const glyphs = packGlyphRanges(glyphRanges(ttf, text));
  writeFileSync(join(OUT_DIR, "noto-sans-sc-labels.glyphs"), glyphs);
  console.log(`map font: ${[...text].length} characters, ${(font.length / 1024).toFixed(0)} kB → src/map/fonts/noto-sans-sc-labels.woff2`);
  console.log(`map glyphs: ${(glyphs.length / 1024).toFixed(0)} kB → src/map/fonts/noto-sans-sc-labels.glyphs`);
}
