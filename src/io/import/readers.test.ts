import { describe, expect, it } from "vitest";
import { decodeText, encodingLabel, guessLegacyEncoding } from "./decode-text";
import { detectFormat } from "./detect-format";
import { findCoordinateColumns } from "./find-coordinate-columns";
import { parseCoordinate } from "./parse-coordinate";
import { parseDelimited, sniffDelimiter } from "./parse-delimited";
import { parseWkt } from "./parse-wkt";
import { readDbf } from "./read-dbf";
import { assemblePolygon, readShp } from "./read-shp";

const gbk = (text: string) => {
  const decoder = new TextDecoder("gbk");
  // Tiny GBK encoder for the test strings: search the two-byte table.
  return Uint8Array.from(
    [...text].flatMap((ch) => {
      if (ch.charCodeAt(0) < 0x80) return [ch.charCodeAt(0)];
      for (let lead = 0x81; lead <= 0xfe; lead++)
        for (let trail = 0x40; trail <= 0xfe; trail++) if (decoder.decode(new Uint8Array([lead, trail])) === ch) return [lead, trail];
      throw new Error(ch);
    }),
  );
};

describe("parseDelimited and sniffDelimiter", () => {
  it("handles quotes, doubled quotes, embedded newlines and CRLF", () => {
    expect(parseDelimited('a,"b,c"\r\n1,"say ""hi"""\n2,"two\nlines"\n\n', ",")).toEqual([
      ["a", "b,c"],
      ["1", 'say "hi"'],
      ["2", "two\nlines"],
    ]);
  });

  it("keeps empty fields and a trailing empty field", () => {
    expect(parseDelimited("a,,c,\n", ",")).toEqual([["a", "", "c", ""]]);
  });

  it("picks the delimiter that splits lines consistently", () => {
    expect(sniffDelimiter("lat;lon;name\n1;2;a,b\n3;4;c")).toBe(";");
    expect(sniffDelimiter("lat\tlon\n1\t2")).toBe("\t");
    expect(sniffDelimiter("lat|lon\n1|2")).toBe("|");
    expect(sniffDelimiter('name,note\n"a;b;c",x')).toBe(",");
    expect(sniffDelimiter("name\nfoo")).toBe(",");
  });
});

describe("parseCoordinate", () => {
  it.each([
    ["120.92", 120.92],
    ["-0.5", -0.5],
    ["１２０．９２", 120.92],
    ["23°N", 23],
    ["26°W", -26],
    [`40° 11' 15"`, 40.1875],
    ["30°50′24″N", 30.84],
    ["东经120°55′", 120 + 55 / 60],
    ["S 33°52′", -(33 + 52 / 60)],
  ])("%s → %d", (text, value) => expect(parseCoordinate(text)).toBeCloseTo(value, 10));

  it("reads a decimal comma only when the delimiter is not a comma", () => {
    expect(parseCoordinate("120,92", true)).toBe(120.92);
    expect(parseCoordinate("120,92", false)).toBeUndefined();
  });

  it.each(["", "foo", "1e999", "12°75′", "NaN", "0x10", "1.2.3"])("rejects %j", (text) => expect(parseCoordinate(text)).toBeUndefined());
});

describe("findCoordinateColumns", () => {
  it.each([
    [["名称", "经度", "纬度"], 1, 2],
    [["name", "Longitude", "Latitude"], 1, 2],
    [["id", "X", "Y"], 1, 2],
    [["名称", "东坐标", "北坐标"], 1, 2],
    [["name", "经度(GCJ-02)", "纬度(GCJ-02)"], 1, 2],
    [["lat_bd09", "lng_bd09"], 1, 0],
    [["long_name", "lon", "lat"], 1, 2],
  ])("%j", (headers, lng, lat) => expect(findCoordinateColumns(headers)).toEqual({ lng, lat }));

  it("prefers degree names over x/y and finds nothing in plain tables", () => {
    expect(findCoordinateColumns(["x", "y", "lng", "lat"])).toEqual({ lng: 2, lat: 3 });
    expect(findCoordinateColumns(["name", "value"])).toEqual({ lng: -1, lat: -1 });
  });
});

describe("decodeText and encodings", () => {
  it("strips a UTF-8 BOM and falls back to GB18030 for GBK bytes", () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: "a", encoding: "utf-8 (BOM)" });
    expect(decodeText(gbk("魏塘街道,西塘镇"))).toEqual({ text: "魏塘街道,西塘镇", encoding: "gb18030" });
  });

  it("tells Latin-1 from GBK by how high bytes pair up", () => {
    expect(guessLegacyEncoding(new Uint8Array([0xc5, 0x6c, 0x61, 0x6e, 0x64]))).toBe("windows-1252");
    expect(guessLegacyEncoding(gbk("嘉善县"))).toBe("gb18030");
  });

  it.each([
    ["UTF-8", "utf-8"],
    ["ANSI 1250", "windows-1250"],
    ["1252", "windows-1252"],
    ["CP936", "gbk"],
    ["GB2312", "gbk"],
    ["gb18030", "gb18030"],
    ["ISO 8859-1", "iso-8859-1"],
    ["ANSI", undefined],
    ["<html>", undefined],
  ])("encodingLabel(%j) = %j", (name, label) => expect(encodingLabel(name)).toBe(label));
});

describe("detectFormat", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it("goes by content first and says when the name disagrees", () => {
    expect(detectFormat("a.json", bytes("<kml></kml>")).format).toBe("kml");
    expect(detectFormat("a.json", bytes("<kml></kml>")).note?.en).toContain(".json");
    expect(detectFormat("a.txt", bytes('\uFEFF{"type":"Feature"}')).format).toBe("geojson");
    expect(detectFormat("a.kmz", new Uint8Array([0x50, 0x4b, 3, 4])).format).toBe("kmz-or-zip");
    expect(detectFormat("data", new Uint8Array([0, 0, 0x27, 0x0a])).format).toBe("shp-part");
    expect(detectFormat("a.csv", bytes("lat,lon")).format).toBe("csv");
    expect(detectFormat("a.xyz", bytes("???")).format).toBe("unknown");
  });
});

describe("parseWkt", () => {
  it("reads the common geometry types, with holes, Z and both MULTIPOINT spellings", () => {
    expect(parseWkt("POINT Z (1 2 3)")).toEqual({ type: "Point", coordinates: [1, 2, 3] });
    expect(parseWkt("SRID=4326;LINESTRING (1 2, 3 4)")).toEqual({ type: "LineString", coordinates: [[1, 2], [3, 4]] });
    expect(parseWkt("MULTIPOINT ((1 2), (3 4))")).toEqual(parseWkt("MULTIPOINT (1 2, 3 4)"));
    expect(parseWkt("polygon ((0 0, 1 0, 1 1, 0 0), (0.2 0.2, 0.3 0.2, 0.3 0.3, 0.2 0.2))")?.type).toBe("Polygon");
    expect(parseWkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))")?.type).toBe("MultiPolygon");
  });

  it.each(["POINT (1)", "POLYGON ((0 0, 1 0)", "LINESTRING 1 2", "CIRCLE (0 0)", "POINT (1 2) junk", "POLYGON (1 2, 3 4)"])("rejects %j", (text) =>
    expect(parseWkt(text)).toBeUndefined(),
  );
});

function shpWith(records: Uint8Array[], shapeType: number): Uint8Array {
  const length = 100 + records.reduce((n, r) => n + 8 + r.length, 0);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, 9994, false);
  view.setInt32(24, length / 2, false);
  view.setInt32(32, shapeType, true);
  let at = 100;
  records.forEach((record, i) => {
    view.setInt32(at, i + 1, false);
    view.setInt32(at + 4, record.length / 2, false);
    bytes.set(record, at + 8);
    at += 8 + record.length;
  });
  return bytes;
}

function pointRecord(x: number, y: number): Uint8Array {
  const view = new DataView(new ArrayBuffer(20));
  view.setInt32(0, 1, true);
  view.setFloat64(4, x, true);
  view.setFloat64(12, y, true);
  return new Uint8Array(view.buffer);
}

describe("readShp", () => {
  it("reads points and null shapes, and stops cleanly at a record that does not fit", () => {
    const nullShape = new Uint8Array(4);
    const shp = shpWith([pointRecord(1, 2), nullShape, pointRecord(3, 4)], 1);
    expect(readShp(shp).records.map((r) => r.geometry)).toEqual([{ type: "Point", coordinates: [1, 2] }, null, { type: "Point", coordinates: [3, 4] }]);
    const cut = readShp(shp.subarray(0, shp.length - 5));
    expect(cut.records).toHaveLength(2);
    expect(cut.truncated).toMatch(/record 3/);
  });

  it("refuses part counts that do not fit the record instead of allocating them", () => {
    const view = new DataView(new ArrayBuffer(44));
    view.setInt32(0, 5, true);
    view.setInt32(36, 1, true);
    view.setInt32(40, 0x7fffffff, true);
    const result = readShp(shpWith([new Uint8Array(view.buffer)], 5));
    expect(result.records[0].geometry).toBeNull();
    expect(result.records[0].problem).toMatch(/do not fit/);
  });

  it("throws for a file that is not a shapefile", () => {
    expect(() => readShp(new Uint8Array(120))).toThrow(/not a \.shp/);
  });
});

describe("assemblePolygon", () => {
  const cwSquare = (x: number, y: number, size: number) => [[x, y], [x, y + size], [x + size, y + size], [x + size, y], [x, y]];
  const ccw = (ring: number[][]) => [...ring].reverse();

  it("puts each hole in the smallest shell containing it and emits RFC 7946 winding", () => {
    const geometry = assemblePolygon([ccw(cwSquare(2, 2, 1)), cwSquare(0, 0, 10), cwSquare(1, 1, 4), ccw(cwSquare(20, 20, 1))]);
    expect(geometry?.type).toBe("MultiPolygon");
    const polygons = (geometry as { coordinates: number[][][][] }).coordinates;
    // Outer 10×10 shell, inner 4×4 shell holding the small hole, and an orphan "hole" taken as a shell.
    expect(polygons.map((p) => p.length)).toEqual([1, 2, 1]);
    const area = (ring: number[][]) => ring.reduce((s, [x1, y1], i) => (i ? s + (ring[i - 1][0] * y1 - x1 * ring[i - 1][1]) : s), 0) / 2;
    expect(area(polygons[0][0])).toBeGreaterThan(0);
    expect(area(polygons[1][1])).toBeLessThan(0);
  });

  it("closes unclosed rings and ignores degenerate ones", () => {
    expect(assemblePolygon([[[0, 0], [0, 1], [1, 1], [1, 0]], [[5, 5], [6, 6]]])).toEqual({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] });
  });
});

function dbfWith(fields: [string, string, number][], rows: string[][], languageDriver = 0): Uint8Array {
  const headerLength = 32 + fields.length * 32 + 1;
  const recordLength = 1 + fields.reduce((n, [, , len]) => n + len, 0);
  const bytes = new Uint8Array(headerLength + rows.length * recordLength).fill(0x20, headerLength);
  const view = new DataView(bytes.buffer);
  bytes[0] = 3;
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  bytes[29] = languageDriver;
  bytes.fill(0, 32, headerLength - 1);
  fields.forEach(([name, type, length], i) => {
    bytes.set(new TextEncoder().encode(name), 32 + i * 32);
    bytes[32 + i * 32 + 11] = type.charCodeAt(0);
    bytes[32 + i * 32 + 16] = length;
  });
  bytes[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let at = headerLength + r * recordLength + 1;
    row.forEach((cell, i) => {
      bytes.set(typeof cell === "string" && /[^\x00-\x7f]/.test(cell) ? gbk(cell) : new TextEncoder().encode(cell), at);
      at += fields[i][2];
    });
  });
  return bytes;
}

describe("readDbf", () => {
  const fields: [string, string, number][] = [["NAME", "C", 12], ["POP", "N", 8], ["OK", "L", 1], ["SINCE", "D", 8]];

  it("reads C/N/L/D fields, empty numbers as null", () => {
    const dbf = readDbf(dbfWith(fields, [["abc", "   42.5", "T", "20260101"], ["", "", "?", ""]]));
    expect(dbf.rows).toEqual([
      { NAME: "abc", POP: 42.5, OK: true, SINCE: "2026-01-01" },
      { NAME: "", POP: null, OK: null, SINCE: null },
    ]);
    expect(dbf.encodingSource).toBe("detected");
  });

  it("takes the encoding from the option, then .cpg, then the language driver, then detection", () => {
    const bytes = dbfWith(fields, [["西塘镇", "1", "F", ""]], 0x4d);
    expect(readDbf(bytes).encodingSource).toBe("language driver");
    expect(readDbf(bytes).rows[0].NAME).toBe("西塘镇");
    expect(readDbf(bytes, { cpg: "GBK" }).encodingSource).toBe("cpg");
    expect(readDbf(bytes, { encoding: "gb18030", cpg: "UTF-8" }).encodingSource).toBe("option");
    const undeclared = dbfWith(fields, [["西塘镇", "1", "F", ""]]);
    expect(readDbf(undeclared).rows[0].NAME).toBe("西塘镇");
    expect(readDbf(undeclared).encoding).toBe("gb18030");
  });

  it("keeps the rows that are there when the file is shorter than its header says", () => {
    const bytes = dbfWith(fields, [["a", "1", "T", ""], ["b", "2", "F", ""]]);
    const dbf = readDbf(bytes.subarray(0, bytes.length - 10));
    expect(dbf.rows).toHaveLength(1);
    expect(dbf.truncated).toMatch(/promises 2 records/);
  });

  it("throws for a header that is not a DBF", () => {
    expect(() => readDbf(new Uint8Array(10))).toThrow(/not a \.dbf/);
  });
});
