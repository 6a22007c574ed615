/**
 * Map labels draw with Noto Sans SC from @fontsource (OFL-1.1), declared in the style's
 * `font-faces` so no glyph server is needed and CJK never renders as tofu. The package splits the
 * font into ~100 unicode-range subsets; MapLibre downloads only the subsets the labels use.
 */
import type { FontFacesSpecification } from "maplibre-gl";
import { MAP_FONT } from "./theme.ts";

/** Reads `@font-face` blocks of a fontsource CSS file into font-faces entries. */
export function fontFacesFromCss(css: string, urlFor: (file: string) => string | undefined): FontFacesSpecification {
  const faces: { url: string; "unicode-range": string[] }[] = [];
  for (const block of css.split("@font-face").slice(1)) {
    const file = /url\(\.\/files\/([^)]+?\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    const url = file ? urlFor(file) : undefined;
    if (url && range) faces.push({ url, "unicode-range": range.split(",").map((r) => r.trim().toUpperCase()) });
  }
  return { [MAP_FONT]: faces };
}

/** CSS unicode-range entries covering exactly these characters: "AB D" → ["U+20", "U+41-42", "U+44"]. */
export function unicodeRanges(chars: string): string[] {
  const codes = [...new Set([...chars].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  const ranges: string[] = [];
  const hex = (n: number) => n.toString(16).toUpperCase();
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j]! + 1) j++;
    ranges.push(codes[i] === codes[j] ? `U+${hex(codes[i]!)}` : `U+${hex(codes[i]!)}-${hex(codes[j]!)}`);
    i = j + 1;
  }
  return ranges;
}
