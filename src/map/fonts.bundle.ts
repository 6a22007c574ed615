/**
 * Vite-specific half of fonts.ts: the bundled font files, made by `npm run font:build` from every
 * character of the package, seeds, story and UI. The map gets those characters as pre-rendered
 * glyphs and fontsource's slices, less those characters, for anything else (user data); the UI
 * gets them as a subset font.
 */
import css from "@fontsource/noto-sans-sc/400.css?raw";
import labelFontUrl from "./fonts/noto-sans-sc-labels.woff2?url";
import labelChars from "./fonts/noto-sans-sc-labels.chars.txt?raw";
import glyphPackUrl from "./fonts/noto-sans-sc-labels.glyphs?url";
import { MAP_FONT } from "./theme.ts";
import { facesWithout, fontFacesFromCss, unicodeRanges } from "./fonts.ts";
import { unpackGlyphRanges } from "./glyph-pack.ts";

const FILES = import.meta.glob("/node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-*-400-normal.woff2", {
  query: "?url", import: "default", eager: true,
}) as Record<string, string>;

const byName = new Map(Object.entries(FILES).map(([path, url]) => [path.split("/").pop()!, url]));
const slices = fontFacesFromCss(css, (file) => byName.get(file))[MAP_FONT] as { url: string; "unicode-range": string[] }[];

const labelText = labelChars.replace(/\n$/, "");

/** Exactly the characters of the label subset (the UI's FontFace). */
const labelRanges = unicodeRanges(labelText);

/**
 * Font files for characters without a pre-rendered glyph. MapLibre prefers a declared font file
 * over the glyphs URL, so the pre-rendered characters are taken out of the slices' ranges.
 */
export const MAP_FONT_FACES = {
  [MAP_FONT]: facesWithout(slices, labelText),
};

export const GLYPHS_PROTOCOL = "atlas-glyphs";
/** The style's `glyphs` URL: answered from the glyph pack by the bridge's protocol handler. */
export const MAP_GLYPHS_URL = `${GLYPHS_PROTOCOL}://{fontstack}/{range}`;

let glyphPack: Promise<Map<number, Uint8Array>> | undefined;
/** The pre-rendered label glyphs by range, fetched once; call early, the first labels wait for it. */
export function labelGlyphs(): Promise<Map<number, Uint8Array>> {
  glyphPack ??= fetch(glyphPackUrl)
    .then((res) => (res.ok ? res.arrayBuffer() : Promise.reject(new Error(`${glyphPackUrl}: HTTP ${res.status}`))))
    .then(unpackGlyphRanges);
  return glyphPack;
}

/** The family name the UI's CSS uses for the label subset (app.css lists it first). */
export const UI_FONT = "Atlas Sans";

/**
 * Lets the UI draw its text with the same subset file as the map labels: one download shared with
 * the map instead of a dozen fontsource slices. Other characters fall through to fontsource.
 */
export function registerUiFont(): void {
  const face = new FontFace(UI_FONT, `url(${labelFontUrl})`, { unicodeRange: labelRanges.join(", ") });
  document.fonts.add(face);
}
