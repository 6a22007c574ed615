/**
 * Vite-specific half of fonts.ts: the bundled font files. First the label subset made by
 * `npm run font:build` (every character of the package, seeds, story and UI), declared with its
 * exact unicode ranges; then fontsource's slices for any other character (user data).
 */
import css from "@fontsource/noto-sans-sc/400.css?raw";
import labelFontUrl from "./fonts/noto-sans-sc-labels.woff2?url";
import labelChars from "./fonts/noto-sans-sc-labels.chars.txt?raw";
import { MAP_FONT } from "./theme.ts";
import { fontFacesFromCss, unicodeRanges } from "./fonts.ts";

const FILES = import.meta.glob("/node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-*-400-normal.woff2", {
  query: "?url", import: "default", eager: true,
}) as Record<string, string>;

const byName = new Map(Object.entries(FILES).map(([path, url]) => [path.split("/").pop()!, url]));
const slices = fontFacesFromCss(css, (file) => byName.get(file))[MAP_FONT] as { url: string; "unicode-range": string[] }[];

/** Exactly the characters of the label subset, shared by the map's font-faces and the UI's FontFace. */
const labelRanges = unicodeRanges(labelChars.replace(/\n$/, ""));

export const MAP_FONT_FACES = {
  [MAP_FONT]: [{ url: labelFontUrl, "unicode-range": labelRanges }, ...slices],
};

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
