import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { FeatureCollection } from "geojson";
import { LAYER_KINDS } from "../data/types.ts";
import { BASEMAPS, basemapById } from "./basemaps.ts";
import { LIGHT, type Theme } from "./theme.ts";
import { toMapData, type MapLayerInput } from "./to-map.ts";
import { outsideMask } from "./layers/county.layer.ts";
import { LABEL_POINTS } from "./layers/draw.ts";
import { townSeats } from "./layers/towns.layer.ts";
import { neighbourLabels } from "./layers/neighbours.layer.ts";
import { LAYER_DEFS } from "./layers/registry.ts";
import { imageForId } from "./icons.ts";
import { facesWithout, fontFacesFromCss, rangeIntervals, unicodeRanges } from "./fonts.ts";
import { readFileSync } from "node:fs";
import { booleanPointInPolygon } from "@turf/turf";
import { labelCharacters } from "../../scripts/build-map-font.ts";

const square = (x: number, y: number, d = 0.01): FeatureCollection => ({
  type: "FeatureCollection",
  features: [{
    type: "Feature", properties: { id: "a", name: "甲", name_en: "A", status: "schematic", seat: [x, y] },
    geometry: { type: "Polygon", coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] },
  }],
});

const input = (over: Partial<Parameters<typeof toMapData>[0]> = {}) => ({
  layers: [...LAYER_KINDS, "imported" as const].map((kind, i): MapLayerInput => ({ id: `${kind}-${i}`, kind, fc: square(120.9, 30.85), visible: i % 2 === 0, opacity: 0.8 })),
  lang: "zh" as const, theme: LIGHT, basemap: basemapById("offline"), basemapKey: "", ...over,
});

describe("toMapData: rules that hold across the whole generated style", () => {
  const data = toMapData(input());

  it("gives every style layer a unique id and a declared source", () => {
    const ids = data.layers.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const layer of data.layers) {
      if (!("source" in layer)) continue;
      expect(layer.source in data.geojson || layer.source in data.raster, `${layer.id} → ${layer.source}`).toBe(true);
    }
  });

  it("prefixes every style layer with its data layer id, and lists them for the test hook", () => {
    for (const [layerId, styleIds] of Object.entries(data.styleLayerIds)) {
      expect(styleIds.length).toBeGreaterThan(0);
      for (const id of styleIds) expect(id.startsWith(`${layerId}-`)).toBe(true);
    }
  });

  it("hides exactly the layers that are not visible", () => {
    for (const [layerId, styleIds] of Object.entries(data.styleLayerIds)) {
      const visible = input().layers.find((l) => l.id === layerId)!.visible;
      for (const id of styleIds) {
        const spec = data.layers.find((l) => l.id === id)!;
        expect((spec.layout as { visibility?: string } | undefined)?.visibility).toBe(visible ? "visible" : "none");
      }
    }
  });

  it("uses lowercase #rrggbb theme colours, the same keys in every theme", () => {
    const themes: Theme[] = [LIGHT];
    for (const theme of themes) {
      expect(Object.keys(theme)).toEqual(Object.keys(LIGHT));
      for (const colour of Object.values(theme)) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it("draws uncertain geometry differently: hatched fills and dashed outlines keyed on status", () => {
    const polygonKinds = data.layers.filter((l) => l.id.endsWith("-hatch"));
    expect(polygonKinds.length).toBeGreaterThan(4);
    for (const hatch of polygonKinds) expect(JSON.stringify(hatch.paint)).toContain("hatch:#");
    const line = data.layers.find((l) => l.id.startsWith("towns-") && l.id.endsWith("-line"))!;
    expect(JSON.stringify(line.paint)).toMatch(/schematic.*approximate/);
  });

  it("keeps one shader variant per layer type: the same paint properties are data-driven in every layer", () => {
    const variants = new Map<string, Set<string>>();
    for (const layer of data.layers) {
      if (!["line", "circle", "fill"].includes(layer.type)) continue;
      const paint = (layer.paint ?? {}) as Record<string, unknown>;
      const driven = Object.keys(paint).filter((k) => Array.isArray(paint[k]) && k !== "fill-pattern").sort().join(",");
      const type = layer.type === "fill" && "fill-pattern" in paint ? "fill-pattern" : layer.type;
      variants.set(type, (variants.get(type) ?? new Set()).add(driven));
    }
    for (const [type, set] of variants) expect([...set], `${type} layers compile ${set.size} shader variants`).toHaveLength(1);
    for (const layer of data.layers.filter((l) => l.type === "fill")) expect((layer.paint as Record<string, unknown>)["fill-antialias"]).toBe(false);
  });

  it("puts every label above all geometry, township names on top", () => {
    const firstSymbol = data.layers.findIndex((l) => l.type === "symbol");
    expect(data.layers.slice(firstSymbol).every((l) => l.type === "symbol")).toBe(true);
    expect(data.layers.at(-1)!.id.startsWith("towns-")).toBe(true);
  });

  it("names each polygon once: point-placed labels never read polygons (one label point per feature instead)", () => {
    for (const layer of data.layers.filter((l) => l.type === "symbol")) {
      const layout = layer.layout as Record<string, unknown>;
      const source = (layer as { source: string }).source;
      if (layout["symbol-placement"] === "line" || !("text-field" in layout)) continue;
      // The test data is all polygons, so only a derived point source has anything to label here.
      for (const f of data.geojson[source]!.features) expect(f.geometry.type, `${layer.id} reads ${f.geometry.type}`).toMatch(/Point$/);
    }
    // One shared source (a source costs the map worker about as much as its data): one point per feature of each labelled layer.
    const points = data.geojson[LABEL_POINTS]!.features;
    const zones = points.filter((f) => String(f.properties!.label_layer).startsWith("zones-"));
    expect(zones).toHaveLength(1);
    expect(booleanPointInPolygon(zones[0]!.geometry as never, square(120.9, 30.85).features[0] as never)).toBe(true);
    expect(Object.keys(data.geojson).filter((k) => k.includes("label-points"))).toEqual([LABEL_POINTS]);
  });

  it("labels in the chosen language", () => {
    const zh = JSON.stringify(toMapData(input()).layers.filter((l) => l.type === "symbol").map((l) => (l.layout as Record<string, unknown>)["text-field"]));
    const en = JSON.stringify(toMapData(input({ lang: "en" })).layers.filter((l) => l.type === "symbol").map((l) => (l.layout as Record<string, unknown>)["text-field"]));
    expect(zh).not.toContain("name_en");
    expect(en).toContain("name_en");
  });

  it("shifts data to GCJ-02 only over a GCJ-02 basemap, without touching the input", () => {
    const base = input();
    const wgs = toMapData(base).geojson[base.layers[0]!.id]!;
    const gcj = toMapData({ ...base, basemap: basemapById("amap") }).geojson[base.layers[0]!.id]!;
    const [x0, y0] = (wgs.features[0]!.geometry as GeoJSON.Polygon).coordinates[0]![0]!;
    const [x1, y1] = (gcj.features[0]!.geometry as GeoJSON.Polygon).coordinates[0]![0]!;
    expect(x0).toBe(120.9);
    expect(x1! - x0!).toBeCloseTo(0.0041, 3);
    expect(y1! - y0!).toBeCloseTo(-0.0024, 3);
    expect(toMapData({ ...base, basemap: basemapById("amap") }).raster).toHaveProperty("basemap-amap");
  });

  it("adds raster sources for online basemaps, with the Tianditu key", () => {
    const tdt = toMapData(input({ basemap: basemapById("tdt-img"), basemapKey: "k123" }));
    expect(Object.keys(tdt.raster)).toEqual(["basemap-tdt-img", "basemap-tdt-cia"]);
    expect(JSON.stringify(tdt.raster)).toContain("tk=k123");
    expect(BASEMAPS.filter((b) => b.crs === "gcj02").map((b) => b.id)).toEqual(["amap"]);
  });

  it("declares a legend and card for every layer kind", () => {
    for (const def of LAYER_DEFS) expect(def.legend(LIGHT).length).toBeGreaterThan(0);
  });
});

describe("layers with nothing to draw", () => {
  it("sends no source and no style layers for a layer whose features have no geometry (the village list)", () => {
    const names: FeatureCollection = { type: "FeatureCollection", features: [{ type: "Feature", properties: { id: "v1", name: "洪溪村" }, geometry: null as never }] };
    const data = toMapData(input({ layers: [
      { id: "villages", kind: "villages", fc: names, visible: true, opacity: 1 },
      { id: "towns", kind: "towns", fc: square(120.9, 30.85), visible: true, opacity: 1 },
    ] }));
    expect(Object.keys(data.geojson).filter((id) => id.startsWith("villages"))).toEqual([]);
    expect(data.layers.some((l) => l.id.startsWith("villages"))).toBe(false);
    expect(data.styleLayerIds.villages).toEqual([]);
    expect(data.styleLayerIds.towns!.length).toBeGreaterThan(0);
  });
});

describe("derived sources", () => {
  it("masks the world outside the county with the county as a hole", () => {
    const mask = outsideMask(square(120.9, 30.85));
    expect((mask.features[0]!.geometry as GeoJSON.Polygon).coordinates).toHaveLength(2);
  });
  it("labels each neighbouring district inside its own part next to Jiashan", () => {
    const neighbours = JSON.parse(readFileSync("geodata/neighbours.geojson", "utf8")) as FeatureCollection;
    const county = JSON.parse(readFileSync("geodata/county.geojson", "utf8")) as FeatureCollection;
    const labels = neighbourLabels(neighbours);
    expect(labels.features.map((f) => f.properties!.name).sort()).toEqual(["南湖区", "吴江区", "平湖市", "秀洲区", "金山区", "青浦区"]);
    const [cx, cy] = [120.888, 30.897]; // the default view's centre
    for (const label of labels.features) {
      const district = neighbours.features.find((f) => f.properties!.name === label.properties!.name)!;
      expect(booleanPointInPolygon(label.geometry, district as never), String(label.properties!.name)).toBe(true);
      expect(booleanPointInPolygon(label.geometry, county.features[0] as never)).toBe(false);
      // Within the default view's reach (about ±0.3° by ±0.15° around its centre), unlike the districts' own centres.
      const [x, y] = label.geometry.coordinates as [number, number];
      expect(Math.abs(x - cx)).toBeLessThan(0.3);
      expect(Math.abs(y - cy)).toBeLessThan(0.15);
      expect(label.properties).toMatchObject({ province: district.properties!.province, province_en: district.properties!.province_en });
    }
  });
  it("marks and names townships at their seats; a township given as a point is its own seat", () => {
    expect(townSeats(square(120.9, 30.85)).features[0]!.geometry.coordinates).toEqual([120.9, 30.85]);
    const towns: FeatureCollection = {
      type: "FeatureCollection",
      features: [
        square(120.9, 30.85).features[0]!,
        { type: "Feature", properties: { id: "b", name: "乙", name_en: "B" }, geometry: { type: "Polygon", coordinates: [[[121, 30.8], [121.02, 30.8], [121.02, 30.82], [121, 30.82], [121, 30.8]]] } },
        { type: "Feature", properties: { id: "c", name: "丙", name_en: "C" }, geometry: { type: "Point", coordinates: [120.95, 30.9] } },
      ],
    };
    const data = toMapData(input({ layers: [{ id: "towns", kind: "towns", fc: towns, visible: true, opacity: 1 }] }));
    const seats = data.geojson["towns:seats"]!.features.map((f) => [f.properties!.id, (f.geometry as GeoJSON.Point).coordinates]);
    expect(seats).toEqual([["a", [120.9, 30.85]], ["c", [120.95, 30.9]]]);
    const label = data.layers.find((l) => l.id === "towns-label")!;
    expect("source" in label && label.source).toBe(LABEL_POINTS);
    const named = new Map(data.geojson[LABEL_POINTS]!.features.filter((f) => f.properties!.label_layer === "towns").map((f) => [f.properties!.name, (f.geometry as GeoJSON.Point).coordinates]));
    expect(named.get("甲")).toEqual([120.9, 30.85]);
    expect(named.get("丙")).toEqual([120.95, 30.9]);
    // An area without a seat is named inside itself.
    const [x, y] = named.get("乙")!;
    expect(x! > 121 && x! < 121.02 && y! > 30.8 && y! < 30.82).toBe(true);
  });
});

describe("images drawn in code", () => {
  it("draws hatch patterns and the three tier icons, solid and hollow", () => {
    const hatch = imageForId("hatch:#c2410c")!;
    expect(hatch.data.length).toBe(hatch.width * hatch.height * 4);
    expect([...hatch.data].some((v, i) => i % 4 === 3 && v > 0)).toBe(true);
    const solid = imageForId("em:county:solid")!;
    const hollow = imageForId("em:county:hollow")!;
    expect(solid.data).not.toEqual(hollow.data);
    expect(imageForId("em:town:solid")!.data).not.toEqual(imageForId("em:village:solid")!.data);
    expect(imageForId("unknown")).toBeNull();
    expect(() => imageForId("hatch:red")).toThrow(/Invalid colour/);
  });
});

describe("fonts", () => {
  it("turns characters into minimal unicode ranges", () => {
    expect(unicodeRanges("BA D嘉")).toEqual(["U+20", "U+41-42", "U+44", "U+5609"]);
  });
  it("has a label font covering every character of the package, seeds, story and UI (else: npm run font:build)", () => {
    const committed = readFileSync(new URL("./fonts/noto-sans-sc-labels.chars.txt", import.meta.url), "utf8").replace(/\n$/, "");
    const missing = [...labelCharacters()].filter((c) => !committed.includes(c));
    expect(missing.join("")).toBe("");
  });
  /** One face's ranges after `facesWithout` ([] when the face is dropped). */
  const rangesWithout = (ranges: string[], chars: string) => facesWithout([{ url: "f.woff2", "unicode-range": ranges }], chars)[0]?.["unicode-range"] ?? [];
  it("takes characters out of unicode ranges, splitting and dropping ranges as needed", () => {
    expect(rangesWithout(["U+4E00-4E05", "U+20", "U+41-42"], "\u4e00\u4e03 A")).toEqual(["U+4E01-4E02", "U+4E04-4E05", "U+42"]);
    expect(rangesWithout(["U+4??"], "\u0400\u04ff")).toEqual(["U+401-4FE"]);
    expect(rangesWithout(["U+41"], "A")).toEqual([]);
  });
  it("leaves exactly the ranges' code points that are neither among the characters nor controls (property)", () => {
    const isControl = (c: number) => c < 0x20 || (c >= 0x7f && c <= 0x9f);
    const codesOf = (ranges: string[]) => new Set(rangeIntervals(ranges).flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)));
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0x20, max: 0x2ff }), fc.integer({ min: 0, max: 40 })), { maxLength: 6 }),
      fc.array(fc.integer({ min: 0x20, max: 0x2ff }), { maxLength: 60 }),
      (spans, removed) => {
        const ranges = spans.map(([lo, len]) => `U+${lo.toString(16)}-${(lo + len).toString(16)}`);
        const expected = [...codesOf(ranges)].filter((c) => !removed.includes(c) && !isControl(c)).sort((a, b) => a - b);
        expect([...codesOf(rangesWithout(ranges, String.fromCodePoint(...removed)))].sort((a, b) => a - b)).toEqual(expected);
      },
    ));
  });
  it("reads unicode ranges of fontsource CSS into font-faces", () => {
    const css = `@font-face { src: url(./files/a-1-400-normal.woff2) format('woff2'), url(./files/a-1-400-normal.woff) format('woff'); unicode-range: U+4e00-4e8f,U+20; }`;
    expect(fontFacesFromCss(css, (f) => `/x/${f}`)).toEqual({ "Noto Sans SC Regular": [{ url: "/x/a-1-400-normal.woff2", "unicode-range": ["U+4E00-4E8F", "U+20"] }] });
  });
});

describe("card fields", () => {
  it("shows a zone's founding year as a year, without a thousands separator", () => {
    const year = LAYER_DEFS.find((d) => d.kind === "zones")!.cardFields.find((f) => f.key === "year")!;
    expect(year.format!(2019, "zh")).toBe("2019");
    expect(year.format!(undefined, "en")).toBe("—");
  });
});

describe("map font-faces beside the glyph pack", () => {
  it("leave the packed characters to the pack and keep fontsource for the rest (imported names)", () => {
    const css = readFileSync("node_modules/@fontsource/noto-sans-sc/400.css", "utf8");
    const slices = Object.values(fontFacesFromCss(css, (f) => f))[0] as { url: string; "unicode-range": string[] }[];
    const packed = readFileSync(new URL("./fonts/noto-sans-sc-labels.chars.txt", import.meta.url), "utf8").replace(/\n$/, "");
    const faces = facesWithout(slices, packed);
    const covers = (ch: string) => faces.some((f) => rangeIntervals(f["unicode-range"]).some(([lo, hi]) => ch.codePointAt(0)! >= lo && ch.codePointAt(0)! <= hi));
    expect(covers("嘉")).toBe(false); // in the pack
    expect(covers("A")).toBe(false);
    expect(covers("龘")).toBe(true); // in no label source: drawn from a fontsource slice
    expect(covers("犇")).toBe(true);
    expect(covers("\n")).toBe(false); // a line break in a label is never drawn
    expect(covers("\u0085")).toBe(false);
    expect(faces.length).toBeGreaterThan(90);
  });
});
