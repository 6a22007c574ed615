/**
 * Map labels draw with Noto Sans SC (OFL-1.1). The characters the package, seeds, story and UI use
 * come as pre-rendered glyphs (glyph-pack.ts); any other character, e.g. from an imported file, is
 * drawn by MapLibre from @fontsource's unicode-range slices, declared in the style's `font-faces`
 * so no glyph server is needed and CJK never renders as tofu.
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

/** Sorted, distinct code points of `chars`. */
const codePoints = (chars: string) => [...new Set([...chars].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);

const hex = (n: number) => n.toString(16).toUpperCase();
/** One unicode-range entry: "U+41" or "U+41-42". */
const rangeEntry = (a: number, b: number) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`);

/** CSS unicode-range entries covering exactly these characters: "AB D" → ["U+20", "U+41-42", "U+44"]. */
export function unicodeRanges(chars: string): string[] {
  const codes = codePoints(chars);
  const ranges: string[] = [];
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j]! + 1) j++;
    ranges.push(rangeEntry(codes[i]!, codes[j]!));
    i = j + 1;
  }
  return ranges;
}

/** Code point intervals of CSS unicode-range entries ("U+4E00-9FFF", "U+20", "U+4??"). */
export function rangeIntervals(ranges: string[]): [number, number][] {
  return ranges.map((r) => {
    const [a, b] = r.replace(/^U\+/i, "").split("-");
    if (b !== undefined) return [parseInt(a!, 16), parseInt(b, 16)];
    return [parseInt(a!.replace(/\?/g, "0"), 16), parseInt(a!.replace(/\?/g, "F"), 16)];
  });
}

/** Index of the first element of the ascending `xs` that is ≥ `x` (`xs.length` when none is). */
function firstAtLeast(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Intervals less the ascending code points `removed`, as unicode-range entries. */
function intervalsWithout(intervals: [number, number][], removed: number[]): string[] {
  const out: string[] = [];
  const push = (a: number, b: number) => { if (a <= b) out.push(rangeEntry(a, b)); };
  for (const [lo, hi] of intervals) {
    let start = lo;
    // Binary search to the first removed code in the interval: this runs at start-up, over ~100
    // fontsource slices and ~1,200 label characters.
    for (let i = firstAtLeast(removed, lo); i < removed.length && removed[i]! <= hi; i++) {
      push(start, removed[i]! - 1);
      start = removed[i]! + 1;
    }
    push(start, hi);
  }
  return out;
}

type Face = { url: string; "unicode-range": string[] };

/** C0 and C1 control characters: line breaks in a label are layout, never drawn. */
const CONTROLS = String.fromCodePoint(...Array.from({ length: 0x20 }, (_, i) => i), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i));

/**
 * The faces with `chars` (and control characters) taken out of their ranges; faces left with no
 * range are dropped. Without the controls, the "\n" of a two-line label made MapLibre fetch a
 * whole fontsource slice for a character it does not draw.
 */
export function facesWithout(faces: Face[], chars: string): Face[] {
  const removed = codePoints(chars + CONTROLS);
  return faces
    .map((face) => ({ ...face, "unicode-range": intervalsWithout(rangeIntervals(face["unicode-range"]), removed) }))
    .filter((face) => face["unicode-range"].length > 0);
}
