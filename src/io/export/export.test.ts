import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR, HOSTILE_STRINGS } from "../../../scripts/make-import-fixtures";
import { importFile } from "../import/import-file";
import type { LayersImport } from "../import/types";
import { xmldomParseXml } from "../import/xmldom-parse-xml";
import { toCsv, toWkt } from "./to-csv";
import { toGeoJson } from "./to-geojson";
import { escapeXml, toKml } from "./to-kml";

const truth = JSON.parse(readFileSync(join(FIXTURE_DIR, "jiashan-truth.geojson"), "utf8")) as FeatureCollection;
const mixed: FeatureCollection<Geometry | null> = {
  type: "FeatureCollection",
  features: [
    ...truth.features,
    { type: "Feature", properties: { name: "线", lanes: 2, open: true }, geometry: { type: "LineString", coordinates: [[120.9, 30.8], [120.95, 30.85]] } },
    { type: "Feature", properties: { name: "多面", note: 'say "hi", then leave' }, geometry: { type: "MultiPolygon", coordinates: [truth.features[5].geometry.type === "Polygon" ? (truth.features[5].geometry.coordinates as number[][][]) : []] } },
  ],
};

async function reimport(name: string, text: string) {
  const result = (await importFile({ name, bytes: new TextEncoder().encode(text) }, { parseXml: xmldomParseXml })) as LayersImport;
  expect(result.kind).toBe("layers");
  return result.layers[0].fc;
}

const stringified = (properties: Feature["properties"]) => Object.fromEntries(Object.entries(properties ?? {}).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : String(v)]));

describe("toGeoJson", () => {
  it("round-trips exactly through importFile", async () => {
    const back = await reimport("out.geojson", toGeoJson(mixed));
    expect(back.features).toEqual(mixed.features);
  });

  it("rounds coordinates when asked", () => {
    const text = toGeoJson({ type: "FeatureCollection", features: [{ type: "Feature", properties: { v: 1.23456789 }, geometry: { type: "Point", coordinates: [120.123456789, 30.987654321] } }] }, { coordinateDecimals: 6 });
    expect(JSON.parse(text).features[0].geometry.coordinates).toEqual([120.123457, 30.987654]);
    expect(JSON.parse(text).features[0].properties.v).toBe(1.23456789);
  });
});

describe("toCsv", () => {
  it("round-trips points and WKT shapes through importFile (values come back as text)", async () => {
    const text = toCsv(mixed, { excelBom: true });
    expect(text.startsWith("\uFEFF")).toBe(true);
    const back = await reimport("out.csv", text);
    expect(back.features).toHaveLength(mixed.features.length);
    back.features.forEach((feature, i) => {
      expect(feature.geometry).toEqual(mixed.features[i].geometry);
      const original = stringified(mixed.features[i].properties);
      // Columns absent for this feature come back empty, as in any table.
      expect(Object.fromEntries(Object.entries(feature.properties ?? {}).filter(([, v]) => v !== ""))).toEqual(original);
    });
  });

  it("quotes delimiters, quotes, line breaks and edge spaces; objects become JSON", () => {
    const text = toCsv([{ a: "x,y", b: 'say "hi"', c: "two\nlines", d: " padded", e: { k: 1 }, f: null }], { newline: "\n" });
    expect(text).toBe('a,b,c,d,e,f\n"x,y","say ""hi""","two\nlines"," padded","{""k"":1}",\n');
  });

  it("writes centroids for shapes when asked", () => {
    const text = toCsv({ type: "FeatureCollection", features: [mixed.features[5]] }, { geometry: "centroid", newline: "\n" });
    const [header, row] = text.trim().split("\n");
    expect(header).toBe("id,name,lng,lat");
    const [, , lng, lat] = row.split(",").map(Number);
    expect(lng).toBeCloseTo(120.93, 2);
    expect(lat).toBeCloseTo(30.845, 2);
  });

  it("writes WKT with holes and 3D positions", () => {
    expect(toWkt({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.2, 0.2], [0.3, 0.3], [0.3, 0.2], [0.2, 0.2]]] })).toBe(
      "POLYGON ((0 0, 1 0, 1 1, 0 0), (0.2 0.2, 0.3 0.3, 0.3 0.2, 0.2 0.2))",
    );
    expect(toWkt({ type: "Point", coordinates: [1, 2, 3] })).toBe("POINT (1 2 3)");
  });
});

describe("toKml", () => {
  it("round-trips geometry, names and numbers through importFile", async () => {
    const back = await reimport("out.kml", toKml(mixed, { name: "导出" }));
    back.features.forEach((feature, i) => {
      expect(feature.geometry?.type.replace("Multi", "")).toBe(mixed.features[i].geometry?.type.replace("Multi", ""));
      expect(JSON.stringify(feature.geometry).match(/-?\d+\.\d+/g)).toEqual(JSON.stringify(mixed.features[i].geometry).match(/-?\d+\.\d+/g));
      const expected = { ...mixed.features[i].properties };
      if (typeof expected.open === "boolean") expected.open = String(expected.open);
      expect(feature.properties).toEqual(expected);
    });
  });

  it("escapes hostile text so the document stays well-formed and the strings come back unchanged", async () => {
    const hostile: FeatureCollection = {
      type: "FeatureCollection",
      features: HOSTILE_STRINGS.map((value) => ({ type: "Feature", properties: { name: value, [value]: value }, geometry: { type: "Point", coordinates: [120.9, 30.8] } })),
    };
    const kml = toKml(hostile, { name: "<b>&</b>" });
    expect(kml).not.toContain("<img");
    expect(kml).not.toContain("<script");
    const back = await reimport("hostile.kml", kml);
    back.features.forEach((feature, i) => {
      const value = HOSTILE_STRINGS[i];
      expect(feature.properties?.name).toBe(value);
      expect(feature.properties?.[value]).toBe(value);
    });
  });

  it("drops characters XML cannot carry", () => {
    expect(escapeXml("a\u0000b\u0007c<")).toBe("abc&lt;");
  });
});
