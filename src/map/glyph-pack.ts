/**
 * The label glyphs ship as one file (one request, cached) holding one MapLibre glyph PBF per range
 * of 256 code points; MapLibre asks for ranges one at a time through the `atlas-glyphs:` protocol.
 *
 * Layout, little-endian: "AGL1", uint32 n, n × (uint32 range, uint32 offset, uint32 length), PBFs.
 */
const MAGIC = "AGL1";

export function packGlyphRanges(ranges: Map<number, Uint8Array>): Uint8Array {
  const entries = [...ranges].sort((a, b) => a[0] - b[0]);
  const header = 8 + 12 * entries.length;
  const out = new Uint8Array(header + entries.reduce((n, [, pbf]) => n + pbf.length, 0));
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, entries.length, true);
  let offset = header;
  entries.forEach(([range, pbf], i) => {
    view.setUint32(8 + 12 * i, range, true);
    view.setUint32(12 + 12 * i, offset, true);
    view.setUint32(16 + 12 * i, pbf.length, true);
    out.set(pbf, offset);
    offset += pbf.length;
  });
  return out;
}

/** Each range's PBF, as views into `buffer`. Throws on a file that is not a glyph pack. */
export function unpackGlyphRanges(buffer: ArrayBuffer): Map<number, Uint8Array> {
  const bytes = new Uint8Array(buffer);
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC) throw new Error("not a glyph pack (bad magic)");
  const view = new DataView(buffer);
  const ranges = new Map<number, Uint8Array>();
  for (let i = 0, n = view.getUint32(4, true); i < n; i++) {
    const offset = view.getUint32(12 + 12 * i, true), length = view.getUint32(16 + 12 * i, true);
    if (offset + length > bytes.length) throw new Error(`glyph pack truncated at range ${view.getUint32(8 + 12 * i, true)}`);
    ranges.set(view.getUint32(8 + 12 * i, true), bytes.subarray(offset, offset + length));
  }
  return ranges;
}

/** "atlas-glyphs://Noto Sans SC Regular/19968-20223" → 78 (the range number), or null. */
export function rangeOfGlyphUrl(url: string): number | null {
  const m = /\/(\d+)-(\d+)(?:\.pbf)?$/.exec(url);
  return m ? Math.floor(Number(m[1]) / 256) : null;
}
