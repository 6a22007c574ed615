import gcoord from "gcoord";
import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { detectShiftedDatum, emptyTally, isLngLatCrsName, shiftedDatumProperty, tallyPosition } from "./coordinate-hints.ts";

describe("isLngLatCrsName", () => {
  it("recognises the usual spellings of WGS84 and CGCS2000 lng/lat", () => {
    for (const name of ["urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326", "EPSG:4490", "WGS84", "CGCS2000"]) {
      expect(isLngLatCrsName(name), name).toBe(true);
    }
  });

  it("does not take projected or shifted systems for lng/lat", () => {
    for (const name of ["EPSG:3857", "urn:ogc:def:crs:EPSG::4528", "GCJ-02", "EPSG:43260"]) expect(isLngLatCrsName(name), name).toBe(false);
  });
});

describe("shiftedDatumProperty", () => {
  it("finds converter hints in properties, Chinese ones included", () => {
    expect(shiftedDatumProperty({ coord_type: "bd09ll" })).toBe("coord_type=bd09ll");
    expect(shiftedDatumProperty({ 坐标系: "火星坐标" })).toBe("坐标系=火星坐标");
    expect(shiftedDatumProperty({ coord_type: "wgs84", name: "高德地图大厦" })).toBeNull();
  });
});

describe("tallyPosition", () => {
  it("tells projected metres, swapped axes and plain out-of-range apart", () => {
    const tally = emptyTally();
    for (const position of [[40_512_345, 3_412_345], [30.8, 120.9], [-259, -107], [120.9, 30.8]]) tallyPosition(tally, position);
    expect(tally).toMatchObject({ total: 4, outOfRange: 3, projected: 1, swapped: 1, firstOutOfRange: [40_512_345, 3_412_345] });
  });
});

describe("detectShiftedDatum", () => {
  const outline: Position[] = [];
  for (let step = 0; step <= 400; step += 1) outline.push([120.8 + step * 0.0005, 30.8]);
  const reference = { type: "LineString" as const, coordinates: outline };

  it("spots data that lines up only after BD-09 → WGS84", () => {
    const baidu = outline.map((position) => gcoord.transform(position as [number, number], gcoord.WGS84, gcoord.BD09) as Position);
    expect(detectShiftedDatum(baidu, reference)).toMatchObject({ datum: "BD-09", distanceConvertedM: expect.any(Number) });
  });

  it("stays quiet for WGS84 data and for data far from the reference", () => {
    expect(detectShiftedDatum(outline, reference)).toBeNull();
    expect(detectShiftedDatum([[100, 20], [100.1, 20]], reference)).toBeNull();
  });
});
