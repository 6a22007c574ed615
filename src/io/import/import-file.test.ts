import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection, Geometry, Point, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR, HOSTILE_STRINGS, TRUTH_AREAS, TRUTH_POINTS } from "../../../scripts/make-import-fixtures";
import { ImportError } from "./import-error";
import { importFile, importFiles, reconvertLayer } from "./import-file";
import type { ImportedLayer, ImportOptions, ImportResult, LayersImport } from "./types";
import { xmldomParseXml } from "./xmldom-parse-xml";

const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(FIXTURE_DIR, name))) });
const options: ImportOptions = { parseXml: xmldomParseXml };

function layersOf(result: ImportResult): ImportedLayer[] {
  expect(result.kind).toBe("layers");
  return (result as LayersImport).layers;
}

async function importFixture(name: string, extra: ImportOptions = {}): Promise<LayersImport> {
  const result = await importFile(fixture(name), { ...options, ...extra });
  expect(result.kind).toBe("layers");
  return result as LayersImport;
}

/** Metres between two lng/lat points (equirectangular; plenty at these distances). */
function metres([lng1, lat1]: Position, [lng2, lat2]: Position): number {
  const k = Math.PI / 180;
  const x = (lng2 - lng1) * k * Math.cos(((lat1 + lat2) / 2) * k);
  return Math.hypot(x, (lat2 - lat1) * k) * 6_371_008;
}

function pointByName(fc: FeatureCollection<Geometry | null>, key: string, name: string): Position {
  const feature = fc.features.find((f) => f.properties?.[key] === name);
  expect(feature, `feature ${name}`).toBeDefined();
  return (feature!.geometry as Point).coordinates;
}

function expectPointsWithin(fc: FeatureCollection<Geometry | null>, key: string, maxMetres: number) {
  for (const truth of TRUTH_POINTS) {
    expect(metres(pointByName(fc, key, truth.name), truth.lngLat)).toBeLessThanOrEqual(maxMetres);
  }
}

describe("importFile: shapefiles in CGCS2000 Gauss–Krüger", () => {
  it("reads EPSG:4549 points from the .prj, with GBK attributes from the .cpg, within 0.01 m of the truth", async () => {
    const { layers } = await importFixture("jiashan-gk120.zip");
    const points = layers.find((l) => l.name === "jiashan_points")!;
    expect(points.sourceCrs.crs.code).toBe("EPSG:4549");
    expect(points.sourceCrs.confidence).toBe("high");
    expect(points.sourceCrs.reason.en).toContain("read from the .prj");
    expect(points.notes.map((n) => n.en).join(" ")).toContain("from cpg");
    expect(points.fc.features.map((f) => f.properties?.["名称"])).toEqual(TRUTH_POINTS.map((p) => p.name));
    expect(points.fc.features[0].properties).toEqual({ ID: "p1", 名称: "魏塘街道", NAME_EN: "Weitang", 序号: 1 });
    expectPointsWithin(points.fc, "名称", 0.01);
    // Raw coordinates are kept in metres for re-conversion.
    expect((points.raw.features[0].geometry as Point).coordinates[0]).toBeGreaterThan(500_000);
  });

  it("assembles polygons with holes (hole written before its shell) and detects GBK without a .cpg", async () => {
    const { layers } = await importFixture("jiashan-gk120.zip");
    const areas = layers.find((l) => l.name === "jiashan_areas")!;
    expect(areas.notes.map((n) => n.en).join(" ")).toMatch(/gb18030 \(from detected\)/);
    expect(areas.fc.features.map((f) => f.properties?.["名称"])).toEqual(TRUTH_AREAS.map((a) => a.name));
    expect(areas.fc.features[0].properties?.["备注"]).toBe("测试用，非官方边界");
    TRUTH_AREAS.forEach((truth, i) => {
      const polygon = areas.fc.features[i].geometry as Polygon;
      expect(polygon.type).toBe("Polygon");
      expect(polygon.coordinates).toHaveLength(truth.rings.length);
      polygon.coordinates.forEach((ring, r) => ring.forEach((p, j) => expect(metres(p, truth.rings[r][j])).toBeLessThan(0.01)));
    });
  });

  it("detects EPSG:4528 from the zone number in X when there is no .prj", async () => {
    const { layers, warnings } = await importFixture("jiashan-gk-zone40-noprj.zip");
    expect(layers[0].sourceCrs.crs.code).toBe("EPSG:4528");
    expect(layers[0].sourceCrs.reason.en).toMatch(/X starts with 40/);
    expect(layers[0].fc.features[1].properties?.["名称"]).toBe("西塘镇");
    expectPointsWithin(layers[0].fc, "名称", 0.01);
    expect(warnings).toEqual([]);
  });

  it("detects EPSG:4549 for bare 500 km-easting metres because that grid lands on Jiashan; GBK from the language driver", async () => {
    const { layers } = await importFixture("jiashan-gk120-noprj.zip");
    expect(layers[0].sourceCrs.crs.code).toBe("EPSG:4549");
    expect(layers[0].sourceCrs.confidence).toBe("medium");
    expect(layers[0].notes.map((n) => n.en).join(" ")).toContain("gbk (from language driver)");
    expectPointsWithin(layers[0].fc, "名称", 0.01);
  });

  it("imports loose shapefile parts dropped together", async () => {
    const { unzipSync } = await import("fflate");
    const entries = unzipSync(fixture("jiashan-gk120.zip").bytes);
    const loose = Object.entries(entries)
      .filter(([name]) => name.startsWith("jiashan_points"))
      .map(([name, bytes]) => ({ name, bytes }));
    const layers = layersOf(await importFiles(loose, options));
    expect(layers).toHaveLength(1);
    expectPointsWithin(layers[0].fc, "名称", 0.01);
  });
});

describe("importFile: CSV", () => {
  it("turns GCJ-02 points back into WGS84 within 5 m, recognising AMap from the file name", async () => {
    const { layers } = await importFixture("amap-gcj02-points.csv");
    expect(layers[0].sourceCrs.crs.code).toBe("GCJ02");
    expect(layers[0].sourceCrs.reason.en).toContain("amap-gcj02-points.csv");
    expectPointsWithin(layers[0].fc, "name", 5);
  });

  it("turns BD-09 points back into WGS84 within 5 m, recognising Baidu from the file name", async () => {
    const { layers } = await importFixture("baidu-bd09-points.csv");
    expect(layers[0].sourceCrs.crs.code).toBe("BD09");
    expectPointsWithin(layers[0].fc, "name", 5);
  });

  it("takes the crs option over the file name, and lets the user re-convert from raw coordinates", async () => {
    const renamed = { name: "points.csv", bytes: fixture("amap-gcj02-points.csv").bytes };
    const assumed = layersOf(await importFile(renamed, options))[0];
    expect(assumed.sourceCrs.crs.code).toBe("WGS84");
    expect(assumed.sourceCrs.reason.en).toMatch(/cannot tell GCJ-02/);
    // Without the hint the points are ≈ 480 m off; re-converting fixes it.
    expect(metres(pointByName(assumed.fc, "name", "魏塘街道"), TRUTH_POINTS[0].lngLat)).toBeGreaterThan(300);
    const corrected = reconvertLayer(assumed, "GCJ-02");
    expect(corrected.sourceCrs.crs.code).toBe("GCJ02");
    expectPointsWithin(corrected.fc, "name", 5);
    const chosen = layersOf(await importFile(renamed, { ...options, crs: "BD09" }))[0];
    expect(chosen.sourceCrs.confidence).toBe("declared");
    expect(metres(pointByName(chosen.fc, "name", "魏塘街道"), TRUTH_POINTS[0].lngLat)).toBeGreaterThan(300);
  });

  it("reads GBK text with 经度/纬度 headers and reports the bad row without failing", async () => {
    const { layers, warnings } = await importFixture("gbk-jingwei.csv");
    expect(layers[0].fc.features).toHaveLength(TRUTH_POINTS.length);
    expect(layers[0].fc.features[0].properties).toEqual({ 名称: "魏塘街道", 备注: "测试点, 非官方" });
    expect(layers[0].notes[0].en).toMatch(/gb18030/);
    expectPointsWithin(layers[0].fc, "名称", 0.01);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].feature).toBe(`row ${TRUTH_POINTS.length + 2}`);
    expect(warnings[0].message.en).toContain("gbk-jingwei.csv");
    expect(warnings[0].message.zh).toContain("东经");
  });

  it("reads a BOM, semicolon-delimited CSV with 东坐标/北坐标 in zone-40 metres", async () => {
    const { layers } = await importFixture("gk-zone40-xy.csv");
    expect(layers[0].sourceCrs.crs.code).toBe("EPSG:4528");
    expect(layers[0].notes[0].en).toMatch(/semicolon/);
    expectPointsWithin(layers[0].fc, "名称", 0.01);
  });

  it("swaps lat/lng columns that are in the wrong order", async () => {
    const bytes = new TextEncoder().encode("name,x,y\na,30.84,120.92\nb,30.9,120.95\n");
    const layer = layersOf(await importFile({ name: "swapped.csv", bytes }))[0];
    expect(layer.sourceCrs.axesSwapped).toBe(true);
    expect((layer.fc.features[0].geometry as Point).coordinates).toEqual([120.92, 30.84]);
  });
});

describe("importFile: KML, KMZ, GPX, GeoJSON", () => {
  it("reads KML with Chinese names and ExtendedData/SchemaData into properties", async () => {
    const { layers } = await importFixture("jiashan-places.kml");
    const fc = layers[0].fc;
    expect(layers[0].sourceCrs.crs.code).toBe("WGS84");
    expect(fc.features.map((f) => f.geometry?.type)).toEqual(["Point", "Point", "Point", "LineString", "Polygon"]);
    expect(fc.features[0].properties).toMatchObject({ name: "魏塘街道", name_en: "Weitang", 类别: "街道/镇", 人口: 1000, 面积_km2: 12.5 });
    // togeojson marks HTML descriptions as { "@type": "html", value }: the UI shows `value` as text.
    expect(fc.features[0].properties?.description).toEqual({ "@type": "html", value: "测试点 <b>Weitang</b> &amp; 非官方位置" });
    expect((fc.features[4].geometry as Polygon).coordinates).toEqual(TRUTH_AREAS[0].rings);
  });

  it("reads a KMZ (doc.kml inside a zip) exactly like the KML", async () => {
    const kmz = await importFixture("jiashan-places.kmz");
    const kml = await importFixture("jiashan-places.kml");
    expect(kmz.layers[0].fc).toEqual(kml.layers[0].fc);
  });

  it("sniffs KML content in a .json file and says so", async () => {
    const { layers, warnings } = await importFixture("kml-named-json.json");
    expect(layers[0].fc.features).toHaveLength(5);
    expect(warnings[0].message.en).toContain("named .json but the content is KML");
  });

  it("reads GPX waypoints, routes and multi-segment tracks", async () => {
    const fc = (await importFixture("jiashan-ride.gpx")).layers[0].fc;
    const types = fc.features.map((f) => `${f.properties?._gpxType ?? "wpt"}:${f.geometry?.type}`);
    expect(types.filter((t) => t === "wpt:Point")).toHaveLength(TRUTH_POINTS.length);
    expect(types).toContain("rte:LineString");
    expect(types).toContain("trk:MultiLineString");
    const waypoints = fc.features.filter((f) => f.geometry?.type === "Point");
    expect(waypoints.map((f) => f.properties?.name)).toEqual(TRUTH_POINTS.map((p) => p.name));
    expect(waypoints.map((f) => (f.geometry as Point).coordinates)).toEqual(TRUTH_POINTS.map((p) => [...p.lngLat, 3]));
  });

  it("reads UTF-8 GeoJSON with a BOM", async () => {
    const fc = (await importFixture("bom.geojson")).layers[0].fc;
    expect(fc.features[0].properties?.name).toBe("魏塘街道");
    expect((fc.features[0].geometry as Point).coordinates).toEqual(TRUTH_POINTS[0].lngLat);
  });

  it("keeps hostile names and values as the very same plain strings", async () => {
    const fc = (await importFixture("hostile.geojson")).layers[0].fc;
    HOSTILE_STRINGS.forEach((value, i) => {
      const properties = fc.features[i].properties!;
      expect(properties.name).toBe(value);
      expect(properties[value]).toBe(`key-${i}`);
      expect(properties.nested).toEqual({ html: value });
    });
    const first = fc.features[0].properties!;
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(first, "__proto__")).toBe(true);
  });

  it("honours a GeoJSON crs member (old-style EPSG:4549 coordinates)", async () => {
    const fc = { type: "FeatureCollection", crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::4549" } }, features: [{ type: "Feature", properties: { n: 1 }, geometry: { type: "Point", coordinates: [586_000, 3_414_000] } }] };
    const layer = layersOf(await importFile({ name: "old.geojson", bytes: new TextEncoder().encode(JSON.stringify(fc)) }))[0];
    expect(layer.sourceCrs.crs.code).toBe("EPSG:4549");
    const [lng, lat] = (layer.fc.features[0].geometry as Point).coordinates;
    expect(lng).toBeCloseTo(120.899, 3);
    expect(lat).toBeCloseTo(30.8438, 3);
  });
});

describe("importFile: packages and refusals", () => {
  it("returns a data package (manifest + layers) for the UI to swap in", async () => {
    const result = await importFile(fixture("mini-package.zip"), options);
    expect(result.kind).toBe("package");
    if (result.kind !== "package") return;
    expect(result.manifest.layers[0].id).toBe("towns");
    expect(result.layers[0].fc.features).toHaveLength(TRUTH_POINTS.length);
  });

  it("refuses files above the size limit with a message naming the file and both sizes", async () => {
    const error = await importFile({ name: "huge.geojson", bytes: new Uint8Array(2048) }, { maxBytes: 1024 }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error.problem.en).toMatch(/^huge\.geojson: file is too large/);
    expect(error.problem.zh).toContain("huge.geojson");
  });

  it("refuses unknown formats, broken JSON and unknown CRS names with ImportErrors", async () => {
    const cases: [string, string, ImportOptions?][] = [
      ["a.xyz", "\u0000\u0001binary"],
      ["a.geojson", '{"type": "FeatureCollection", "features": [}'],
      ["a.geojson", '{"type": "Topology"}'],
      ["a.csv", "lat,lng\n1,2", { crs: "EPSG:99999" }],
      ["a.kml", "<html><body>not kml</body></html>"],
      ["a.gpx", "<gpx><wpt lat="],
    ];
    for (const [name, text, extra] of cases) {
      const error = await importFile({ name, bytes: new TextEncoder().encode(text) }, { ...options, ...extra }).catch((e) => e);
      expect(error, name).toBeInstanceOf(ImportError);
      expect(error.file).toBe(name);
      expect(error.toJSON().message.en.startsWith(`${name}: `)).toBe(true);
    }
  });

  it("cancels when the signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await importFile(fixture("bom.geojson"), { signal: controller.signal }).catch((e) => e);
    expect(error.problem.en).toContain("cancelled");
  });

  it("reports progress", async () => {
    const seen: string[] = [];
    await importFile(fixture("gbk-jingwei.csv"), { onProgress: (p) => seen.push(`${p.phase}:${p.unit}`) });
    expect(seen).toEqual(["read:bytes", "parse:rows", "convert:features"]);
  });
});


describe("importFile: KML named after an offset map", () => {
  it("keeps WGS84 (the format's rule) but warns that the name suggests GCJ-02", async () => {
    const { layers, warnings } = await importFile({ name: "高德导出.kml", bytes: fixture("jiashan-places.kml").bytes }, options) as LayersImport;
    expect(layers[0].sourceCrs.crs.code).toBe("WGS84");
    expect(warnings[0].message.en).toMatch(/suggests GCJ-02/);
    const corrected = reconvertLayer(layers[0], "GCJ02");
    expect(corrected.notes.at(-1)!.en).toMatch(/re-converted from GCJ-02/);
    expect(corrected.notes.filter((n) => /specification/.test(n.en))).toHaveLength(0);
  });
});
