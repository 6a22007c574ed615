/**
 * Generates the importer fixtures in test/fixtures/import/ from a handful of WGS84 "truth" test points and
 * areas around Jiashan. The points are synthetic test locations near the named townships, NOT official
 * positions. Everything is deterministic, so `src/io/import/fixtures.test.ts` can check that the committed
 * files are exactly what this script makes.
 *
 * Run: npx tsx scripts/make-import-fixtures.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { zipSync } from "fflate";
import gcoord from "gcoord";
import type { Feature, FeatureCollection, Point, Polygon, Position } from "geojson";
import proj4 from "proj4";

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "import");

/** Local-time constructor: zip timestamps are local DOS times, so this is the same bytes in every time zone. */
const ZIP_TIME = new Date(2026, 0, 1, 0, 0, 0);

const EPSG_4549 = "+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs";
const EPSG_4528 = "+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=40500000 +y_0=0 +ellps=GRS80 +units=m +no_defs";
/** The ESRI WKT ArcGIS writes for EPSG:4549 (same form as the CM 114E file in the corpus). */
export const PRJ_4549 =
  'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",' +
  'SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],' +
  'PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],' +
  'PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** Synthetic WGS84 test points near each township seat (approximate, for tests only). */
export const TRUTH_POINTS: { id: string; name: string; name_en: string; lngLat: [number, number] }[] = [
  { id: "p1", name: "魏塘街道", name_en: "Weitang", lngLat: [120.9258, 30.8411] },
  { id: "p2", name: "西塘镇", name_en: "Xitang", lngLat: [120.8889, 30.944] },
  { id: "p3", name: "姚庄镇", name_en: "Yaozhuang", lngLat: [120.9591, 30.9127] },
  { id: "p4", name: "陶庄镇", name_en: "Taozhuang", lngLat: [120.8436, 30.9773] },
  { id: "p5", name: "干窑镇", name_en: "Ganyao", lngLat: [120.868, 30.863] },
];

/** Two synthetic test areas: one with a hole, one plain (RFC 7946 winding: shells CCW, holes CW). */
export const TRUTH_AREAS: { id: string; name: string; rings: Position[][] }[] = [
  {
    id: "a1",
    name: "测试区甲（含洞）",
    rings: [
      [[120.9, 30.82], [120.96, 30.82], [120.96, 30.87], [120.9, 30.87], [120.9, 30.82]],
      [[120.92, 30.835], [120.92, 30.85], [120.94, 30.85], [120.94, 30.835], [120.92, 30.835]],
    ],
  },
  {
    id: "a2",
    name: "测试区乙",
    rings: [[[120.86, 30.93], [120.9, 30.93], [120.9, 30.96], [120.86, 30.96], [120.86, 30.93]]],
  },
];

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** GBK encoding table built from the platform's GBK decoder (Node has no GBK encoder). */
function gbkEncoder(): (text: string) => Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder("gbk");
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return (text) =>
    Uint8Array.from(
      [...text].flatMap((ch) => {
        if (ch.charCodeAt(0) < 0x80) return [ch.charCodeAt(0)];
        const bytes = table.get(ch);
        if (!bytes) throw new Error(`no GBK code for ${ch}`);
        return bytes;
      }),
    );
}
const toGbk = gbkEncoder();

// ---- minimal shapefile writer (test tooling only) ----

interface DbfFieldSpec {
  name: string;
  type: "C" | "N";
  length: number;
  decimals?: number;
}

function writeDbf(fields: DbfFieldSpec[], rows: (string | number)[][], encode: (s: string) => Uint8Array, languageDriver: number): Uint8Array {
  const headerLength = 32 + fields.length * 32 + 1;
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const bytes = new Uint8Array(headerLength + rows.length * recordLength + 1);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x03;
  bytes.set([126, 1, 1], 1); // last update 2026-01-01
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  bytes[29] = languageDriver;
  fields.forEach((field, i) => {
    const at = 32 + i * 32;
    bytes.set(encode(field.name).subarray(0, 10), at);
    bytes[at + 11] = field.type.charCodeAt(0);
    bytes[at + 16] = field.length;
    bytes[at + 17] = field.decimals ?? 0;
  });
  bytes[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let at = headerLength + r * recordLength;
    bytes[at++] = 0x20;
    fields.forEach((field, i) => {
      const value = row[i];
      const cell = new Uint8Array(field.length).fill(0x20);
      if (field.type === "N") {
        const text = typeof value === "number" ? value.toFixed(field.decimals ?? 0) : "";
        cell.set(utf8(text.padStart(field.length).slice(-field.length)));
      } else cell.set(encode(String(value)).subarray(0, field.length));
      bytes.set(cell, at);
      at += field.length;
    });
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

type ShpShape = { type: 1; point: Position } | { type: 5; rings: Position[][] };

function shapeContent(shape: ShpShape): Uint8Array {
  if (shape.type === 1) {
    const content = new DataView(new ArrayBuffer(20));
    content.setInt32(0, 1, true);
    content.setFloat64(4, shape.point[0], true);
    content.setFloat64(12, shape.point[1], true);
    return new Uint8Array(content.buffer);
  }
  const points = shape.rings.flat();
  const content = new DataView(new ArrayBuffer(44 + shape.rings.length * 4 + points.length * 16));
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  content.setInt32(0, 5, true);
  [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => content.setFloat64(4 + i * 8, v, true));
  content.setInt32(36, shape.rings.length, true);
  content.setInt32(40, points.length, true);
  let start = 0;
  shape.rings.forEach((ring, i) => {
    content.setInt32(44 + i * 4, start, true);
    start += ring.length;
  });
  points.forEach(([x, y], i) => {
    content.setFloat64(44 + shape.rings.length * 4 + i * 16, x, true);
    content.setFloat64(44 + shape.rings.length * 4 + i * 16 + 8, y, true);
  });
  return new Uint8Array(content.buffer);
}

function writeShpAndShx(shapeType: 1 | 5, shapes: ShpShape[]): { shp: Uint8Array; shx: Uint8Array } {
  const contents = shapes.map(shapeContent);
  const shpLength = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + shapes.length * 8);
  const all = shapes.flatMap((s) => (s.type === 1 ? [s.point] : s.rings.flat()));
  const bbox = [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
  for (const [bytes, length] of [[shp, shpLength], [shx, shx.length]] as const) {
    const view = new DataView(bytes.buffer);
    view.setInt32(0, 9994, false);
    view.setInt32(24, length / 2, false);
    view.setInt32(28, 1000, true);
    view.setInt32(32, shapeType, true);
    bbox.forEach((v, i) => view.setFloat64(36 + i * 8, v, true));
  }
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  let offset = 100;
  contents.forEach((content, i) => {
    shpView.setInt32(offset, i + 1, false);
    shpView.setInt32(offset + 4, content.length / 2, false);
    shp.set(content, offset + 8);
    shxView.setInt32(100 + i * 8, offset / 2, false);
    shxView.setInt32(100 + i * 8 + 4, content.length / 2, false);
    offset += 8 + content.length;
  });
  return { shp, shx };
}

function projectPosition(definition: string): (p: Position) => Position {
  const converter = proj4("EPSG:4326", definition);
  return (p) => (converter.forward([p[0], p[1]]) as number[]).map((v) => round(v, 3));
}

/** Shapefile rings: shells clockwise, holes counter-clockwise; the hole is written first on purpose. */
function shpRings(rings: Position[][], project: (p: Position) => Position): Position[][] {
  const [shell, ...holes] = rings.map((ring) => ring.map(project));
  return [...holes.map((h) => [...h].reverse()), [...shell].reverse()];
}

const zip = (files: Record<string, Uint8Array>) => zipSync(files, { mtime: ZIP_TIME, level: 6 });

function featureCollection(features: Feature[]): FeatureCollection {
  return { type: "FeatureCollection", features };
}

const KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
  <Document>
    <name>嘉善测试地点</name>
    <Schema name="site" id="site">
      <SimpleField name="人口" type="int"/>
      <SimpleField name="面积_km2" type="double"/>
    </Schema>
${TRUTH_POINTS.slice(0, 3)
  .map(
    (p, i) => `    <Placemark id="${p.id}">
      <name>${p.name}</name>
      <description><![CDATA[测试点 <b>${p.name_en}</b> &amp; 非官方位置]]></description>
      <ExtendedData>
        <Data name="name_en"><value>${p.name_en}</value></Data>
        <Data name="类别"><value>街道/镇</value></Data>
        <SchemaData schemaUrl="#site">
          <SimpleData name="人口">${1000 * (i + 1)}</SimpleData>
          <SimpleData name="面积_km2">${(12.5 * (i + 1)).toFixed(1)}</SimpleData>
        </SchemaData>
      </ExtendedData>
      <Point><coordinates>${p.lngLat[0]},${p.lngLat[1]},0</coordinates></Point>
    </Placemark>`,
  )
  .join("\n")}
    <Placemark>
      <name>测试线路</name>
      <LineString><coordinates>${TRUTH_POINTS.map((p) => p.lngLat.join(",")).join(" ")}</coordinates></LineString>
    </Placemark>
    <Placemark>
      <name>${TRUTH_AREAS[0].name}</name>
      <Polygon>
        <outerBoundaryIs><LinearRing><coordinates>${TRUTH_AREAS[0].rings[0].map((p) => p.join(",")).join(" ")}</coordinates></LinearRing></outerBoundaryIs>
        <innerBoundaryIs><LinearRing><coordinates>${TRUTH_AREAS[0].rings[1].map((p) => p.join(",")).join(" ")}</coordinates></LinearRing></innerBoundaryIs>
      </Polygon>
    </Placemark>
  </Document>
</kml>
`;

const GPX = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="jiashan-atlas fixtures" xmlns="http://www.topografix.com/GPX/1/1">
${TRUTH_POINTS.map((p) => `  <wpt lat="${p.lngLat[1]}" lon="${p.lngLat[0]}"><name>${p.name}</name><ele>3</ele></wpt>`).join("\n")}
  <rte>
    <name>测试路线</name>
${TRUTH_POINTS.slice(0, 3).map((p) => `    <rtept lat="${p.lngLat[1]}" lon="${p.lngLat[0]}"/>`).join("\n")}
  </rte>
  <trk>
    <name>测试骑行</name>
    <trkseg>
${TRUTH_POINTS.slice(0, 2).map((p, i) => `      <trkpt lat="${p.lngLat[1]}" lon="${p.lngLat[0]}"><ele>${i + 2}</ele><time>2026-01-01T0${i}:00:00Z</time></trkpt>`).join("\n")}
    </trkseg>
    <trkseg>
${TRUTH_POINTS.slice(2, 4).map((p, i) => `      <trkpt lat="${p.lngLat[1]}" lon="${p.lngLat[0]}"><ele>${i + 4}</ele><time>2026-01-01T0${i + 2}:00:00Z</time></trkpt>`).join("\n")}
    </trkseg>
  </trk>
</gpx>
`;

/** Values a hostile file might carry; they must come back as the very same plain strings. */
export const HOSTILE_STRINGS = [
  "<img src=x onerror=alert(1)>",
  "<script>alert('x')</script>",
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
  "{{constructor.constructor('alert(1)')()}}",
  "=HYPERLINK(\"http://example.invalid\",\"x\")",
  "\u202Egnp.exe",
  "line1\nline2\ttab",
];

/** Every fixture file, by name. Pure: the same bytes on every run. */
export function makeImportFixtures(): Record<string, Uint8Array> {
  const to4549 = projectPosition(EPSG_4549);
  const to4528 = projectPosition(EPSG_4528);
  const pointFields: DbfFieldSpec[] = [
    { name: "ID", type: "C", length: 4 },
    { name: "名称", type: "C", length: 20 },
    { name: "NAME_EN", type: "C", length: 12 },
    { name: "序号", type: "N", length: 4 },
  ];
  const pointRows = TRUTH_POINTS.map((p, i) => [p.id, p.name, p.name_en, i + 1]);
  const points4549 = writeShpAndShx(1, TRUTH_POINTS.map((p) => ({ type: 1, point: to4549(p.lngLat) })));
  const areas4549 = writeShpAndShx(5, TRUTH_AREAS.map((a) => ({ type: 5, rings: shpRings(a.rings, to4549) })));
  const points4528 = writeShpAndShx(1, TRUTH_POINTS.map((p) => ({ type: 1, point: to4528(p.lngLat) })));
  const areaFields: DbfFieldSpec[] = [
    { name: "ID", type: "C", length: 4 },
    { name: "名称", type: "C", length: 24 },
    { name: "备注", type: "C", length: 30 },
  ];
  const areaRows = TRUTH_AREAS.map((a) => [a.id, a.name, "测试用，非官方边界"]);

  const truth = featureCollection([
    ...TRUTH_POINTS.map((p): Feature<Point> => ({ type: "Feature", properties: { id: p.id, name: p.name, name_en: p.name_en }, geometry: { type: "Point", coordinates: p.lngLat } })),
    ...TRUTH_AREAS.map((a): Feature<Polygon> => ({ type: "Feature", properties: { id: a.id, name: a.name }, geometry: { type: "Polygon", coordinates: a.rings } })),
  ]);

  const offsetCsv = (to: Parameters<typeof gcoord.transform>[2]) =>
    utf8(
      "name,name_en,lng,lat\n" +
        TRUTH_POINTS.map((p) => {
          const [lng, lat] = gcoord.transform(p.lngLat, gcoord.WGS84, to) as [number, number];
          return `${p.name},${p.name_en},${lng.toFixed(7)},${lat.toFixed(7)}`;
        }).join("\n") +
        "\n",
    );

  const gbkCsv = toGbk(
    "名称,经度,纬度,备注\r\n" +
      TRUTH_POINTS.map((p) => `${p.name},${p.lngLat[0]},${p.lngLat[1]},"测试点, 非官方"`).join("\r\n") +
      "\r\n坏行,东经,30.9,坐标无效\r\n",
  );
  const zoneCsv = utf8(
    "\uFEFF名称;东坐标;北坐标\n" + TRUTH_POINTS.map((p) => `${p.name};${to4528(p.lngLat).slice(0, 2).join(";")}`).join("\n") + "\n",
  );

  const hostile = featureCollection(
    HOSTILE_STRINGS.map((value, i) => ({
      type: "Feature",
      properties: { name: value, [value]: `key-${i}`, constructor: value, nested: { html: value } },
      geometry: { type: "Point", coordinates: TRUTH_POINTS[i % TRUTH_POINTS.length].lngLat },
    })),
  );
  // An own "__proto__" key cannot come from an object literal: splice it into the first feature's text.
  const hostileText = JSON.stringify(hostile, null, 2);

  const manifest = {
    name: "mini-package",
    title: { zh: "测试数据包", en: "Test package" },
    version: "0.0.1",
    crs: "EPSG:4326",
    layers: [
      {
        id: "towns",
        kind: "towns",
        file: "layers/towns.geojson",
        title: { zh: "镇街测试点", en: "Township test points" },
        geometry: "Point",
        status: "schematic",
        sources: ["synthetic test data"],
        licence: "CC0-1.0",
        attribution: { zh: "测试", en: "test" },
      },
    ],
  };
  const packageTowns = featureCollection(
    TRUTH_POINTS.map((p) => ({
      type: "Feature",
      properties: { id: p.id, name: p.name, name_en: p.name_en, source: "synthetic", method: "test fixture", accuracy_m: 1000, status: "schematic" },
      geometry: { type: "Point", coordinates: p.lngLat },
    })),
  );

  return {
    "jiashan-truth.geojson": utf8(JSON.stringify(truth, null, 2) + "\n"),
    "jiashan-gk120.zip": zip({
      "jiashan_points.shp": points4549.shp,
      "jiashan_points.shx": points4549.shx,
      "jiashan_points.dbf": writeDbf(pointFields, pointRows, toGbk, 0x00),
      "jiashan_points.prj": utf8(PRJ_4549),
      "jiashan_points.cpg": utf8("GBK"),
      "jiashan_areas.shp": areas4549.shp,
      "jiashan_areas.shx": areas4549.shx,
      "jiashan_areas.dbf": writeDbf(areaFields, areaRows, toGbk, 0x00),
      "jiashan_areas.prj": utf8(PRJ_4549),
    }),
    "jiashan-gk-zone40-noprj.zip": zip({
      "zone40/points.shp": points4528.shp,
      "zone40/points.shx": points4528.shx,
      "zone40/points.dbf": writeDbf(pointFields, pointRows, utf8, 0x00),
      "zone40/points.cpg": utf8("UTF-8"),
    }),
    "jiashan-gk120-noprj.zip": zip({
      "points.shp": points4549.shp,
      "points.shx": points4549.shx,
      "points.dbf": writeDbf(pointFields, pointRows, toGbk, 0x4d),
    }),
    "amap-gcj02-points.csv": offsetCsv(gcoord.GCJ02),
    "baidu-bd09-points.csv": offsetCsv(gcoord.BD09),
    "gbk-jingwei.csv": gbkCsv,
    "gk-zone40-xy.csv": zoneCsv,
    "jiashan-places.kml": utf8(KML),
    "jiashan-places.kmz": zip({ "doc.kml": utf8(KML), "files/readme.txt": utf8("KMZ test: doc.kml plus a resource folder") }),
    "kml-named-json.json": utf8(KML),
    "jiashan-ride.gpx": utf8(GPX),
    "bom.geojson": utf8("\uFEFF" + JSON.stringify(featureCollection(truth.features.slice(0, 2)))),
    "hostile.geojson": utf8(hostileText.replace('"constructor"', '"__proto__": "not a prototype",\n        "constructor"') + "\n"),
    "mini-package.zip": zip({ "manifest.json": utf8(JSON.stringify(manifest, null, 2)), "layers/towns.geojson": utf8(JSON.stringify(packageTowns)) }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  for (const [name, bytes] of Object.entries(makeImportFixtures())) writeFileSync(join(FIXTURE_DIR, name), bytes);
  console.log(`wrote ${Object.keys(makeImportFixtures()).length} fixtures to ${FIXTURE_DIR}`);
}
