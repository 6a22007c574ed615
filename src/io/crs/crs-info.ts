import type { Bilingual } from "../../data/types";

/**
 * A coordinate reference system the importers can convert from. `code` is stable and round-trips through
 * `crsFromCode`: "WGS84", "GCJ02", "BD09", "BD09MC", "EPSG:<n>" or "WKT" (a .prj we read but cannot name).
 */
export interface CrsInfo {
  code: string;
  label: Bilingual;
  /** proj4 definition (proj string or WKT) for everything converted through proj4. */
  proj4?: string;
  /** Extra positional error, in metres, that converting from this CRS to WGS84 may add. */
  conversionAccuracy_m: number;
}

export const WGS84: CrsInfo = {
  code: "WGS84",
  label: { zh: "WGS84 / CGCS2000 经纬度", en: "WGS84 / CGCS2000 longitude–latitude" },
  // CGCS2000 and WGS84 agree within about 1 m here (see docs/stack notes).
  conversionAccuracy_m: 1,
};
export const GCJ02: CrsInfo = {
  code: "GCJ02",
  label: { zh: "GCJ-02（高德/腾讯）", en: "GCJ-02 (AMap/Gaode, Tencent)" },
  conversionAccuracy_m: 2,
};
export const BD09: CrsInfo = {
  code: "BD09",
  label: { zh: "BD-09（百度经纬度）", en: "BD-09 (Baidu longitude–latitude)" },
  conversionAccuracy_m: 3,
};
export const BD09MC: CrsInfo = {
  code: "BD09MC",
  label: { zh: "BD-09 墨卡托米制（百度）", en: "BD-09 Mercator metres (Baidu)" },
  conversionAccuracy_m: 5,
};
export const WEB_MERCATOR: CrsInfo = {
  code: "EPSG:3857",
  label: { zh: "Web 墨卡托（EPSG:3857）", en: "Web Mercator (EPSG:3857)" },
  proj4: "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs",
  conversionAccuracy_m: 0,
};

type GeodeticDatum = "CGCS2000" | "Xian1980" | "Beijing1954";

const DATUM_PROJ: Record<GeodeticDatum, string> = {
  CGCS2000: "+ellps=GRS80",
  Xian1980: "+a=6378140 +b=6356755.288157528",
  // EPSG's single published Beijing 1954 → WGS84 shift (EPSG:1918 family); good to tens of metres at best.
  Beijing1954: "+ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0",
};
const DATUM_LABEL: Record<GeodeticDatum, Bilingual> = {
  CGCS2000: { zh: "CGCS2000", en: "CGCS2000" },
  Xian1980: { zh: "西安1980", en: "Xian 1980" },
  Beijing1954: { zh: "北京1954", en: "Beijing 1954" },
};
/** Xian 1980 and Beijing 1954 have no exact public transformation to WGS84: be honest about the error. */
const DATUM_ACCURACY_M: Record<GeodeticDatum, number> = { CGCS2000: 1, Xian1980: 100, Beijing1954: 100 };

/** One Gauss–Krüger grid: datum, zone width, central meridian and whether X carries the zone number. */
export interface GaussKrugerGrid {
  epsg: number;
  datum: GeodeticDatum;
  zoneWidthDeg: 3 | 6;
  centralMeridian: number;
  zone: number;
  zonePrefix: boolean;
}

/** EPSG code blocks: [first code, datum, zone width, zone-prefixed]; codes run west to east, one per zone. */
const GRID_BLOCKS: [number, GeodeticDatum, 3 | 6, boolean][] = [
  [4513, "CGCS2000", 3, true], // zones 25–45
  [4534, "CGCS2000", 3, false], // CM 75°E–135°E
  [4491, "CGCS2000", 6, true], // zones 13–23
  [4502, "CGCS2000", 6, false],
  [2349, "Xian1980", 3, true],
  [2370, "Xian1980", 3, false],
  [2327, "Xian1980", 6, true],
  [2338, "Xian1980", 6, false],
  [2401, "Beijing1954", 3, true],
  [2422, "Beijing1954", 3, false],
  [21413, "Beijing1954", 6, true],
  [21473, "Beijing1954", 6, false],
];

/** All Chinese Gauss–Krüger grids we know, generated from the EPSG code blocks above. */
export const GAUSS_KRUGER_GRIDS: GaussKrugerGrid[] = GRID_BLOCKS.flatMap(([first, datum, zoneWidthDeg, zonePrefix]) => {
  const zoneCount = zoneWidthDeg === 3 ? 21 : 11;
  const firstZone = zoneWidthDeg === 3 ? 25 : 13;
  return Array.from({ length: zoneCount }, (_, i) => {
    const zone = firstZone + i;
    const centralMeridian = zoneWidthDeg === 3 ? zone * 3 : zone * 6 - 3;
    return { epsg: first + i, datum, zoneWidthDeg, centralMeridian, zone, zonePrefix };
  });
});

/** False easting of a grid: 500 km, plus zone × 1 000 km when X carries the zone number. */
export function falseEasting(grid: GaussKrugerGrid): number {
  return (grid.zonePrefix ? grid.zone * 1_000_000 : 0) + 500_000;
}

export function gaussKrugerCrs(grid: GaussKrugerGrid): CrsInfo {
  const datum = DATUM_LABEL[grid.datum];
  const zoneZh = grid.zonePrefix ? `第${grid.zone}带（X 含带号）` : `中央经线${grid.centralMeridian}°E`;
  const zoneEn = grid.zonePrefix ? `zone ${grid.zone} (zone number in X)` : `CM ${grid.centralMeridian}°E`;
  return {
    code: `EPSG:${grid.epsg}`,
    label: {
      zh: `${datum.zh} ${grid.zoneWidthDeg}度带高斯-克吕格 ${zoneZh}（EPSG:${grid.epsg}）`,
      en: `${datum.en} ${grid.zoneWidthDeg}° Gauss–Krüger ${zoneEn} (EPSG:${grid.epsg})`,
    },
    proj4:
      `+proj=tmerc +lat_0=0 +lon_0=${grid.centralMeridian} +k=1 +x_0=${falseEasting(grid)} +y_0=0 ` +
      `${DATUM_PROJ[grid.datum]} +units=m +no_defs`,
    conversionAccuracy_m: DATUM_ACCURACY_M[grid.datum],
  };
}

/** WGS84 UTM zone n north = EPSG:32600+n, south = 32700+n. */
function utmCrs(epsg: number): CrsInfo | undefined {
  const south = epsg >= 32701 && epsg <= 32760;
  if (!south && !(epsg >= 32601 && epsg <= 32660)) return undefined;
  const zone = epsg - (south ? 32700 : 32600);
  const hemisphere = south ? "S" : "N";
  return {
    code: `EPSG:${epsg}`,
    label: { zh: `WGS84 UTM ${zone}${hemisphere} 带（EPSG:${epsg}）`, en: `WGS84 UTM zone ${zone}${hemisphere} (EPSG:${epsg})` },
    proj4: `+proj=utm +zone=${zone}${south ? " +south" : ""} +datum=WGS84 +units=m +no_defs`,
    conversionAccuracy_m: 0,
  };
}

const NAMED_CODES: Record<string, CrsInfo> = {
  WGS84: WGS84,
  WGS1984: WGS84,
  CGCS2000: { ...WGS84, code: "WGS84", label: { zh: "CGCS2000 经纬度", en: "CGCS2000 longitude–latitude" } },
  "EPSG:4326": WGS84,
  "EPSG:4490": WGS84,
  "CRS84": WGS84,
  GCJ02: GCJ02,
  AMAP: GCJ02,
  GAODE: GCJ02,
  BD09: BD09,
  BD09LL: BD09,
  BAIDU: BD09,
  BD09MC: BD09MC,
  "EPSG:3857": WEB_MERCATOR,
  "EPSG:900913": WEB_MERCATOR,
  "EPSG:102100": WEB_MERCATOR,
  "EPSG:102113": WEB_MERCATOR,
  WEBMERCATOR: WEB_MERCATOR,
};

/**
 * Resolves a user- or file-supplied CRS name to a CrsInfo, or undefined if it is not one we know.
 * Accepts "WGS84", "CGCS2000", "GCJ-02", "BD-09", "EPSG:4549", "4549", "urn:ogc:def:crs:EPSG::4549", …
 *
 * @example crsFromCode("EPSG:4549")?.proj4 // "+proj=tmerc +lat_0=0 +lon_0=120 … +x_0=500000 …"
 */
export function crsFromCode(code: string): CrsInfo | undefined {
  const compact = code.trim().toUpperCase().replace(/[\s_-]/g, "");
  const epsgMatch = /^(?:URN:OGC:DEF:CRS:)?(?:EPSG:+(?:[\d.]*:)?)?(\d{4,5})$/.exec(compact);
  const normalized = epsgMatch ? `EPSG:${epsgMatch[1]}` : compact.replace(/^URN:OGC:DEF:CRS:OGC:1\.3:/, "");
  if (NAMED_CODES[normalized]) return NAMED_CODES[normalized];
  if (!epsgMatch) return undefined;
  const epsg = Number(epsgMatch[1]);
  const grid = GAUSS_KRUGER_GRIDS.find((g) => g.epsg === epsg);
  return grid ? gaussKrugerCrs(grid) : utmCrs(epsg);
}

/**
 * The CRS choices for a "coordinates are actually in…" picker, most likely first for Jiashan data:
 * WGS84/CGCS2000, GCJ-02, BD-09, the Jiashan Gauss–Krüger grids, Web Mercator, then every other grid.
 *
 * @example crsChoices().slice(0, 3).map((c) => c.code) // ["WGS84", "GCJ02", "BD09"]
 */
export function crsChoices(): CrsInfo[] {
  const jiashanGrids = [4549, 4528, 4510, 4499, 2385, 2437].map((epsg) => crsFromCode(`EPSG:${epsg}`)!);
  const others = GAUSS_KRUGER_GRIDS.filter((g) => !jiashanGrids.some((c) => c.code === `EPSG:${g.epsg}`)).map(gaussKrugerCrs);
  return [WGS84, GCJ02, BD09, ...jiashanGrids, WEB_MERCATOR, BD09MC, ...others];
}
