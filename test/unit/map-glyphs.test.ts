/** Pre-rendered label glyphs: the distance field, MapLibre's PBF format, the pack file and its coverage. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { PbfReader } from "pbf";
import { sdfGlyph, encodeGlyphRange, flattenOutline, GLYPH_SIZE } from "../../scripts/map-glyphs.ts";
import { glyphRanges, labelCharacters } from "../../scripts/build-map-font.ts";
import { packGlyphRanges, rangeOfGlyphUrl, unpackGlyphRanges } from "../../src/map/glyph-pack.ts";

/** A square of side `side` font units at the origin, as HarfBuzz draws outlines (y up). */
const square = (side: number) => [
  { type: "M", values: [0, 0] }, { type: "L", values: [side, 0] }, { type: "L", values: [side, side] }, { type: "L", values: [0, side] }, { type: "Z", values: [] },
];

/** Reads glyph PBF bytes the way MapLibre's parse_glyph_pbf.ts does (same tags and types). */
function readGlyphs(bytes: Uint8Array) {
  const glyphs: Record<string, number | Uint8Array>[] = [];
  new PbfReader(bytes).readFields((tag, _: unknown, pbf) => {
    if (tag !== 1) return;
    pbf.readMessage((t, __: unknown, p) => {
      if (t !== 3) return;
      glyphs.push(p.readMessage((k, g: Record<string, number | Uint8Array>, q) => {
        if (k === 1) g.id = q.readVarint();
        else if (k === 2) g.bitmap = q.readBytes();
        else if (k === 3) g.width = q.readVarint();
        else if (k === 4) g.height = q.readVarint();
        else if (k === 5) g.left = q.readSVarint();
        else if (k === 6) g.top = q.readSVarint();
        else if (k === 7) g.advance = q.readVarint();
      }, {}));
    }, null);
  }, null);
  return glyphs;
}

describe("signed distance field", () => {
  // 500 units at 1000 per em = 12 px at the 24 px glyph size.
  const g = sdfGlyph(0x25a0, square(500), 1000, 1000);
  const w = g.width + 6;
  const at = (i: number, j: number) => g.bitmap[j * w + i]!;

  it("has the glyph's box plus a 3 px border, and MapLibre's metrics", () => {
    expect(GLYPH_SIZE).toBe(24);
    expect([g.width, g.left, g.advance]).toEqual([12, 0, 24]);
    expect(g.height).toBe(13); // the top edge is put half a pixel off the grid so that `top` is whole
    expect(g.top).toBe(12.5 - 27.5);
    expect(g.bitmap.length).toBe((g.width + 6) * (g.height + 6));
  });

  it("is 191 at the outline, rises inside and falls outside by 255/8 per pixel", () => {
    // Row through the middle; column 3 is the first pixel inside the square (centre 0.5 px in).
    const row = 3 + 6;
    expect(at(3, row)).toBe(Math.round(191.25 + 31.875 * 0.5));
    expect(at(2, row)).toBe(Math.round(191.25 - 31.875 * 0.5));
    expect(at(0, row)).toBe(Math.round(191.25 - 31.875 * 2.5));
    expect(at(3 + 6, row)).toBe(255); // 5.5 px inside: past the 8 px range's top, clamped
    expect(at(0, 0)).toBeLessThan(at(0, row));
  });

  it("fills by non-zero winding: a hole wound the other way stays empty", () => {
    const ring = [...square(1000).slice(0, 4), { type: "Z", values: [] }];
    const hole = [
      { type: "M", values: [250, 250] }, { type: "L", values: [250, 750] }, { type: "L", values: [750, 750] }, { type: "L", values: [750, 250] }, { type: "Z", values: [] },
    ];
    const donut = sdfGlyph(1, [...ring, ...hole], 1000, 1000);
    const dw = donut.width + 6;
    const centre = donut.bitmap[Math.floor((donut.height + 6) / 2) * dw + Math.floor(dw / 2)]!;
    const inRing = donut.bitmap[Math.floor((donut.height + 6) / 2) * dw + 3 + 2]!;
    expect(centre).toBeLessThan(191);
    expect(inRing).toBeGreaterThan(191);
  });

  it("cuts curves into lines that stay on the curve", () => {
    const [contour] = flattenOutline([{ type: "M", values: [0, 0] }, { type: "Q", values: [500, 1000, 1000, 0] }, { type: "Z", values: [] }], 0.024);
    const mid = contour!.slice(8, 10); // t = 0.5 of 8 steps: (12, 12) px
    expect(mid[0]).toBeCloseTo(12, 6);
    expect(mid[1]).toBeCloseTo(12, 6);
  });

  it("leaves blank glyphs without a bitmap but with their advance", () => {
    expect(sdfGlyph(32, [], 224, 1000)).toMatchObject({ width: 0, height: 0, advance: 5 });
  });
});

describe("glyph PBF and pack", () => {
  it("encodes a range in MapLibre's glyph PBF layout", () => {
    const glyph = sdfGlyph(0x5609, square(500), 1000, 1000);
    const [read] = readGlyphs(encodeGlyphRange("Noto Sans SC Regular", 0x56, [glyph]));
    expect(read).toEqual({ id: 0x5609, bitmap: glyph.bitmap, width: glyph.width, height: glyph.height, left: glyph.left, top: glyph.top, advance: glyph.advance });
  });

  it("packs ranges into one file and finds each again", () => {
    const ranges = new Map([[78, new Uint8Array([1, 2, 3])], [0, new Uint8Array([9])]]);
    const packed = packGlyphRanges(ranges);
    const back = unpackGlyphRanges(packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.byteLength) as ArrayBuffer);
    expect([...back.keys()]).toEqual([0, 78]);
    expect([...back.get(78)!]).toEqual([1, 2, 3]);
    expect(() => unpackGlyphRanges(new Uint8Array([1, 2, 3, 4, 0, 0, 0, 0]).buffer)).toThrow(/not a glyph pack/);
    expect(rangeOfGlyphUrl("atlas-glyphs://Noto Sans SC Regular/19968-20223")).toBe(78);
    expect(rangeOfGlyphUrl("atlas-glyphs://x/y")).toBeNull();
  });

  it("the committed pack is what font:build makes from today's label characters (else: npm run font:build)", () => {
    const file = readFileSync(new URL("../../src/map/fonts/noto-sans-sc-labels.glyphs", import.meta.url));
    const pack = unpackGlyphRanges(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    const ttf = readFileSync(new URL("../../node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf", import.meta.url));
    const fresh = glyphRanges(ttf, labelCharacters());
    expect(Buffer.from(packGlyphRanges(fresh)).equals(file)).toBe(true);
    // And so every label character the font has is there: 嘉善 among them.
    const ids = new Set([...pack.values()].flatMap((pbf) => readGlyphs(pbf).map((g) => g.id as number)));
    expect(ids.has(0x5609) && ids.has(0x5584)).toBe(true);
    expect(ids.size).toBeGreaterThan(1000);
  }, 30_000);
});
