import type { FeatureCollection, Point } from "geojson";
import proj4 from "proj4";
import { describe, expect, it } from "vitest";
import { PRJ_4549 } from "../../../scripts/make-import-fixtures";
import { convertToWgs84, wgs84ToGcj02 } from "./convert-to-wgs84";
import { crsChoices, crsFromCode, GAUSS_KRUGER_GRIDS } from "./crs-info";
import { detectCrs } from "./detect-crs";
import { prjToCrs } from "./prj-to-crs";

const JIASHAN: [number, number] = [120.92, 30.84];
const project = (code: string, lngLat = JIASHAN) => proj4("EPSG:4326", crsFromCode(code)!.proj4!).forward(lngLat) as [number, number];
const points = (...coordinates: number[][]): FeatureCollection<Point> => ({
  type: "FeatureCollection",
  features: coordinates.map((c) => ({ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: c } })),
});

describe("crsFromCode", () => {
  it("knows the Jiashan Gauss–Krüger grids with and without the zone number", () => {
    expect(crsFromCode("EPSG:4549")!.proj4).toContain("+lon_0=120 ");
    expect(crsFromCode("EPSG:4549")!.proj4).toContain("+x_0=500000 ");
    expect(crsFromCode("4528")!.proj4).toContain("+x_0=40500000 ");
    expect(crsFromCode("urn:ogc:def:crs:EPSG::4528")!.code).toBe("EPSG:4528");
    // Jiashan (120.9°E) lies in 6° zone 21, 120°–126°E, central meridian 123°E.
    expect(crsFromCode("EPSG:4499")!.proj4).toContain("+lon_0=123 +k=1 +x_0=21500000 ");
  });

  it("numbers every CGCS2000 grid as EPSG does (first/last of each block)", () => {
    const grid = (epsg: number) => GAUSS_KRUGER_GRIDS.find((g) => g.epsg === epsg)!;
    expect(grid(4513)).toMatchObject({ zone: 25, centralMeridian: 75, zonePrefix: true, zoneWidthDeg: 3 });
    expect(grid(4533)).toMatchObject({ zone: 45, centralMeridian: 135, zonePrefix: true });
    expect(grid(4534)).toMatchObject({ centralMeridian: 75, zonePrefix: false });
    expect(grid(4554)).toMatchObject({ centralMeridian: 135, zonePrefix: false });
    expect(grid(4491)).toMatchObject({ zone: 13, centralMeridian: 75, zoneWidthDeg: 6, zonePrefix: true });
    expect(grid(4512)).toMatchObject({ centralMeridian: 135, zoneWidthDeg: 6, zonePrefix: false });
    expect(grid(2385)).toMatchObject({ datum: "Xian1980", centralMeridian: 120, zonePrefix: false });
    expect(grid(2437)).toMatchObject({ datum: "Beijing1954", centralMeridian: 120, zonePrefix: false });
  });

  it("accepts the offset systems under their usual names and rejects unknown codes", () => {
    expect(["GCJ-02", "gcj02", "AMap"].map((c) => crsFromCode(c)?.code)).toEqual(["GCJ02", "GCJ02", "GCJ02"]);
    expect(["BD-09", "baidu"].map((c) => crsFromCode(c)?.code)).toEqual(["BD09", "BD09"]);
    expect(crsFromCode("CGCS2000")!.code).toBe("WGS84");
    expect(crsFromCode("EPSG:32651")!.proj4).toContain("+zone=51");
    expect(crsFromCode("EPSG:99999")).toBeUndefined();
    expect(crsFromCode("nonsense")).toBeUndefined();
  });
});

describe("prjToCrs", () => {
  it("names the ESRI CGCS2000 GK CM 120E WKT as EPSG:4549", () => {
    expect(prjToCrs(PRJ_4549)?.code).toBe("EPSG:4549");
  });

  it("names an OGC Xian 1980 CM 120E WKT as EPSG:2385 and is honest about its accuracy", () => {
    const wkt =
      'PROJCS["Xian 1980 / 3-degree Gauss-Kruger CM 120E",GEOGCS["Xian 1980",DATUM["Xian_1980",SPHEROID["IAG 1975",6378140,298.257]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",120],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","2385"]]';
    const crs = prjToCrs(wkt)!;
    expect(crs.code).toBe("EPSG:2385");
    expect(crs.conversionAccuracy_m).toBeGreaterThanOrEqual(50);
  });

  it("recognises Web Mercator and geographic WGS84, and returns undefined for junk", () => {
    expect(prjToCrs('PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]')?.code).toBe("EPSG:3857");
    expect(prjToCrs('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]')?.code).toBe("WGS84");
    expect(prjToCrs("<!DOCTYPE html><html>")).toBeUndefined();
    expect(prjToCrs('PROJCS["broken", nonsense')).toBeUndefined();
  });
});

describe("detectCrs", () => {
  it("takes X≈5xx,xxx / Y≈3,4xx,xxx near Jiashan as EPSG:4549", () => {
    const detection = detectCrs([project("EPSG:4549"), project("EPSG:4549", [120.85, 30.95])])!;
    expect(detection.crs.code).toBe("EPSG:4549");
    expect(detection.confidence).toBe("medium");
    expect(detection.reason.en).toContain("near the expected area");
  });

  it("reads the zone from an X prefix: 40,5xx,xxx → EPSG:4528 (3° zone 40), 21,xxx,xxx → EPSG:4499 (6° zone 21)", () => {
    expect(detectCrs([project("EPSG:4528")])!.crs.code).toBe("EPSG:4528");
    expect(detectCrs([project("EPSG:4499")])!.crs.code).toBe("EPSG:4499");
    // Far from Jiashan the prefix still decides: Urumqi in 3° zone 29.
    const urumqi = proj4("EPSG:4326", crsFromCode("EPSG:4517")!.proj4!).forward([87.6, 43.8]);
    expect(detectCrs([urumqi])!.crs.code).toBe("EPSG:4517");
  });

  it("notices surveyors' X/Y order (X = northing) and swaps", () => {
    const [x, y] = project("EPSG:4528");
    const detection = detectCrs([[y, x]])!;
    expect(detection.crs.code).toBe("EPSG:4528");
    expect(detection.axesSwapped).toBe(true);
  });

  it("recognises Web Mercator metres, and Baidu Mercator when the name says Baidu", () => {
    const mercator = proj4("EPSG:4326", "EPSG:3857").forward(JIASHAN);
    expect(detectCrs([mercator])!.crs.code).toBe("EPSG:3857");
    expect(detectCrs([mercator], { fileName: "百度导出.csv" })!.crs.code).toBe("BD09MC");
  });

  it("assumes WGS84 for degrees and says GCJ-02/BD-09 cannot be told apart; name hints switch it", () => {
    const plain = detectCrs(points(JIASHAN))!;
    expect(plain.crs.code).toBe("WGS84");
    expect(plain.reason.zh).toContain("无法区分");
    expect(detectCrs(points(JIASHAN), { fileName: "高德坐标.csv" })!.crs.code).toBe("GCJ02");
    expect(detectCrs(points(JIASHAN), { columnNames: ["name", "bd09_lng", "bd09_lat"] })!.crs.code).toBe("BD09");
  });

  it("prefers a declared CRS and a .prj over the numbers, and gives up on numbers that fit nothing", () => {
    expect(detectCrs([[1, 2]], { declared: "EPSG:4549" })!.confidence).toBe("high");
    expect(detectCrs([[1, 2]], { prj: PRJ_4549 })!.crs.code).toBe("EPSG:4549");
    expect(detectCrs([[-5e7, 9e7]])).toBeUndefined();
  });
});

describe("convertToWgs84 and wgs84ToGcj02", () => {
  it("inverts the Gauss–Krüger projection to well under a millimetre and keeps Z", () => {
    const [x, y] = project("EPSG:4549");
    const [lng, lat, z] = (convertToWgs84(points([x, y, 7]), crsFromCode("EPSG:4549")!).features[0].geometry as Point).coordinates;
    expect(lng).toBeCloseTo(JIASHAN[0], 8);
    expect(lat).toBeCloseTo(JIASHAN[1], 8);
    expect(z).toBe(7);
  });

  it("shifts by ≈ 480 m for GCJ-02 display and round-trips within 5 m, without touching the input", () => {
    const input = points([...JIASHAN]);
    const shifted = wgs84ToGcj02(input);
    const [lng, lat] = (shifted.features[0].geometry as Point).coordinates;
    expect(lng - JIASHAN[0]).toBeCloseTo(0.0041, 3);
    expect(lat - JIASHAN[1]).toBeCloseTo(-0.0024, 3);
    expect((input.features[0].geometry as Point).coordinates).toEqual(JIASHAN);
    const back = (convertToWgs84(shifted, crsFromCode("GCJ02")!).features[0].geometry as Point).coordinates;
    expect(Math.abs(back[0] - JIASHAN[0]) * 95_000 + Math.abs(back[1] - JIASHAN[1]) * 111_000).toBeLessThan(5);
  });

  it("handles 200,000 positions in well under 2 s", () => {
    const line: FeatureCollection = {
      type: "FeatureCollection",
      features: [{ type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: Array.from({ length: 200_000 }, (_, i) => [120.8 + i * 1e-6, 30.8]) } }],
    };
    const started = performance.now();
    const shifted = wgs84ToGcj02(line);
    expect(performance.now() - started).toBeLessThan(2000);
    expect((shifted.features[0].geometry as { coordinates: number[][] }).coordinates).toHaveLength(200_000);
  });
});

describe("detectCrs with stray positions", () => {
  it("ignores a stray (0, 0) among 200 zone-40 points", () => {
    const grid = Array.from({ length: 200 }, (_, i) => project("EPSG:4528", [120.85 + (i % 20) * 0.005, 30.8 + Math.floor(i / 20) * 0.01]));
    expect(detectCrs([...grid, [0, 0]])!.crs.code).toBe("EPSG:4528");
  });
});

describe("crsChoices", () => {
  it("lists the likely Jiashan systems first and every known grid once", () => {
    const codes = crsChoices().map((c) => c.code);
    expect(codes.slice(0, 5)).toEqual(["WGS84", "GCJ02", "BD09", "EPSG:4549", "EPSG:4528"]);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.filter((c) => c.startsWith("EPSG:") && c !== "EPSG:3857")).toHaveLength(GAUSS_KRUGER_GRIDS.length);
  });
});

describe("detectCrs with a reference outline", () => {
  const square = [[120.85, 30.8], [120.98, 30.8], [120.98, 30.92], [120.85, 30.92], [120.85, 30.8]];
  const outline: FeatureCollection = { type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [square] } }] };
  const densify = (ring: number[][]) => ring.slice(1).flatMap((b, i) => Array.from({ length: 20 }, (_, k) => [ring[i][0] + ((b[0] - ring[i][0]) * k) / 20, ring[i][1] + ((b[1] - ring[i][1]) * k) / 20]));

  it("recognises data traced on GCJ-02 tiles by how it lines up with a WGS84 outline", () => {
    const traced = wgs84ToGcj02(points(...densify(square)));
    const detection = detectCrs(traced, { referenceOutline: outline })!;
    expect(detection.crs.code).toBe("GCJ02");
    expect(detection.reason.en).toMatch(/reference outline/);
    expect(detectCrs(points(...densify(square)), { referenceOutline: outline })!.crs.code).toBe("WGS84");
  });
});
