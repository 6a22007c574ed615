import type { FeatureCollection, GeoJSON, Position, Geometry } from "geojson";
import proj4 from "proj4";
import type { Bilingual } from "../../data/types";
import {
  BD09,
  BD09MC,
  GAUSS_KRUGER_GRIDS,
  GCJ02,
  WEB_MERCATOR,
  WGS84,
  crsFromCode,
  gaussKrugerCrs,
  type CrsInfo,
} from "./crs-info";
import { forEachPosition } from "./map-positions";
import { prjToCrs } from "./prj-to-crs";
import { detectShiftedDatum } from "../validate/index.ts";

/** Outside clues about a file's CRS. Coordinates alone cannot tell WGS84 from GCJ-02 or BD-09. */
export interface CrsHints {
  fileName?: string;
  columnNames?: string[];
  /** Content of a shapefile .prj. */
  prj?: string;
  /** A CRS name the file itself declares (e.g. a GeoJSON `crs` member). */
  declared?: string;
  /** Where the data is expected to be, to choose between grids. @default Jiashan county centre [120.92, 30.84] */
  expectedLngLat?: [number, number];
  /**
   * A trusted WGS84 outline (e.g. the county boundary). Degree data that only lines up with it after a
   * GCJ-02→WGS84 or BD-09→WGS84 conversion is taken as GCJ-02/BD-09 (the validator's offset test).
   * @default undefined
   */
  referenceOutline?: GeoJSON;
}

/** The shared validator's offset test; any failure in it simply means "no evidence". */
function offsetFromReference(sample: Position[], reference: GeoJSON | undefined): { crs: CrsInfo; reason: Bilingual } | undefined {
  if (!reference) return undefined;
  try {
    const found = detectShiftedDatum(sample, reference);
    if (!found) return undefined;
    const crs = found.datum === "GCJ-02" ? GCJ02 : BD09;
    return {
      crs,
      reason: {
        zh: `与参考边界比对：原样相距约 ${found.distanceAsGivenM} m，按 ${found.datum} 转换后约 ${found.distanceConvertedM} m，判断为 ${crs.label.zh}`,
        en: `compared with the reference outline: ≈${found.distanceAsGivenM} m off as given, ≈${found.distanceConvertedM} m after converting from ${found.datum}; taken as ${crs.label.en}`,
      },
    };
  } catch {
    return undefined;
  }
}

export type CrsConfidence = "high" | "medium" | "low";

export interface CrsDetection {
  crs: CrsInfo;
  confidence: CrsConfidence;
  reason: Bilingual;
  /** True when the numbers only make sense with X and Y (or lng and lat) swapped; the caller should swap them. */
  axesSwapped?: boolean;
}

export const JIASHAN_CENTRE: [number, number] = [120.92, 30.84];
const CHINA_BOUNDS = { west: 73, south: 17, east: 136, north: 54 };
/** Candidates landing this close to the expected place win. Jiashan county is ~30 km across. */
const NEAR_KM = 150;
const SAMPLE_LIMIT = 5000;

interface Extent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  count: number;
}

/**
 * Extent of the sample without its outer 1 % on each side, so a stray row (0, 0) or a typo does not hide
 * the grid the rest of the data is in. Small samples keep every position.
 */
function extentOf(positions: Position[]): Extent {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of positions) {
    if (Number.isFinite(x) && Number.isFinite(y)) {
      xs.push(x);
      ys.push(y);
    }
  }
  xs.sort((a, b) => a - b);
  ys.sort((a, b) => a - b);
  const count = xs.length;
  const lo = Math.floor(count * 0.01);
  const hi = Math.max(lo, Math.ceil(count * 0.99) - 1);
  return { minX: xs[lo] ?? Infinity, maxX: xs[hi] ?? -Infinity, minY: ys[lo] ?? Infinity, maxY: ys[hi] ?? -Infinity, count };
}

function samplePositions(input: FeatureCollection<Geometry | null> | Position[]): Position[] {
  if (Array.isArray(input)) return input.slice(0, SAMPLE_LIMIT);
  const sample: Position[] = [];
  forEachPosition(input, (p) => sample.push(p) < SAMPLE_LIMIT);
  return sample;
}

function distanceKm([lng1, lat1]: [number, number], [lng2, lat2]: [number, number]): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function inChina([lng, lat]: [number, number]): boolean {
  return lng >= CHINA_BOUNDS.west && lng <= CHINA_BOUNDS.east && lat >= CHINA_BOUNDS.south && lat <= CHINA_BOUNDS.north;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/**
 * Name-based clues for the Chinese offset systems (file name, column names): AMap/高德/gcj/Tencent → GCJ-02,
 * Baidu/百度/bd09 → BD-09.
 *
 * @example offsetSystemHint({ fileName: "高德导出.kml" })?.crs.code // "GCJ02"
 */
export function offsetSystemHint(hints: Pick<CrsHints, "fileName" | "columnNames">): { crs: CrsInfo; clue: string } | undefined {
  const texts = [hints.fileName ?? "", ...(hints.columnNames ?? [])];
  for (const text of texts) {
    if (/baidu|百度|bd[-_ ]?09|bmap/i.test(text)) return { crs: BD09, clue: text };
    if (/amap|gaode|高德|gcj|火星|tencent|腾讯|autonavi/i.test(text)) return { crs: GCJ02, clue: text };
  }
  return undefined;
}

function isDegrees(e: Extent): boolean {
  return e.minX >= -180 && e.maxX <= 180 && e.minY >= -90 && e.maxY <= 90;
}

interface Candidate {
  crs: CrsInfo;
  lngLat: [number, number];
  swapped: boolean;
  zonePrefixed: boolean;
  why: Bilingual;
}

/** Projected grids the extent could be in, each with where its centre would land. */
function projectedCandidates(e: Extent, swapped: boolean): Candidate[] {
  const [minX, maxX, minY, maxY] = swapped ? [e.minY, e.maxY, e.minX, e.maxX] : [e.minX, e.maxX, e.minY, e.maxY];
  const centre: [number, number] = [(minX + maxX) / 2, (minY + maxY) / 2];
  const candidates: Candidate[] = [];
  const add = (crs: CrsInfo, why: Bilingual, zonePrefixed = false) => {
    try {
      const lngLat = proj4(crs.proj4!, "EPSG:4326").forward(centre) as [number, number];
      if (Number.isFinite(lngLat[0]) && Number.isFinite(lngLat[1])) candidates.push({ crs, lngLat, swapped, zonePrefixed, why });
    } catch {
      // A grid that cannot even convert the centre is simply not a candidate.
    }
  };
  const northingInChina = minY >= 1_800_000 && maxY <= 6_100_000;
  const zone = Math.floor(minX / 1_000_000);
  const sameZone = zone === Math.floor(maxX / 1_000_000);
  const offsetInZone = (minX % 1_000_000) - 500_000;
  if (northingInChina && sameZone && Math.abs(offsetInZone) < 400_000) {
    for (const grid of GAUSS_KRUGER_GRIDS) {
      if (grid.datum !== "CGCS2000") continue;
      if (grid.zonePrefix && grid.zone === zone) {
        add(gaussKrugerCrs(grid), {
          zh: `X 值以 ${zone} 开头（${fmt(minX)}…），即带号 ${zone}、东偏 500 km 的${grid.zoneWidthDeg}度带`,
          en: `X starts with ${zone} (${fmt(minX)}…): zone number ${zone} with a 500 km false easting, a ${grid.zoneWidthDeg}° zone`,
        }, true);
      }
      if (!grid.zonePrefix && zone === 0) {
        add(gaussKrugerCrs(grid), {
          zh: `X≈${fmt(centre[0])}、Y≈${fmt(centre[1])} 为米制坐标，东偏 500 km、不含带号`,
          en: `X≈${fmt(centre[0])}, Y≈${fmt(centre[1])} are metres with a 500 km false easting and no zone number`,
        });
      }
    }
  }
  if (Math.abs(minX) <= 20_037_509 && Math.abs(maxX) <= 20_037_509 && Math.abs(minY) <= 20_037_509 && Math.abs(maxY) <= 20_037_509) {
    add(WEB_MERCATOR, {
      zh: `X≈${fmt(centre[0])}、Y≈${fmt(centre[1])} 在 Web 墨卡托范围内`,
      en: `X≈${fmt(centre[0])}, Y≈${fmt(centre[1])} fit Web Mercator metres`,
    });
  }
  return candidates;
}

const ASSUMED_WGS84: Bilingual = {
  zh: "坐标为经纬度，按 WGS84/CGCS2000 处理。仅凭数值无法区分 GCJ-02（高德/腾讯，嘉善处偏约 480 m）或 BD-09（百度，偏约 1.1 km）；如数据来自这些地图，请改选坐标系。",
  en: "Coordinates are longitude/latitude degrees, treated as WGS84/CGCS2000. Numbers alone cannot tell GCJ-02 (AMap/Tencent, ≈480 m off at Jiashan) or BD-09 (Baidu, ≈1.1 km off) apart; pick one of those if the data came from such a map.",
};

/**
 * Guesses the CRS of raw coordinates. Order of evidence: a declared CRS name, a .prj, then the numbers:
 * degrees → WGS84 unless the file/column names point at GCJ-02 or BD-09, or the data lines up with
 * `referenceOutline` only after such a conversion; metres → CGCS2000 Gauss–Krüger
 * (zone from the X prefix, or the grid that lands nearest `expectedLngLat`) or Web Mercator. Also notices
 * swapped axes (lat/lng columns, or surveyors' X = northing). Never proves GCJ-02/BD-09 from numbers.
 * Returns undefined when nothing fits (the caller must ask the user).
 *
 * @example detectCrs([[586000, 3414000]]).crs.code // "EPSG:4549" (near Jiashan)
 */
export function detectCrs(input: FeatureCollection<Geometry | null> | Position[], hints: CrsHints = {}): CrsDetection | undefined {
  if (hints.declared) {
    const declared = crsFromCode(hints.declared);
    if (declared)
      return { crs: declared, confidence: "high", reason: { zh: `文件声明坐标系为 ${hints.declared}`, en: `the file declares its CRS as ${hints.declared}` } };
  }
  if (hints.prj) {
    const fromPrj = prjToCrs(hints.prj);
    if (fromPrj) return { crs: fromPrj, confidence: "high", reason: { zh: `由 .prj 读出：${fromPrj.label.zh}`, en: `read from the .prj: ${fromPrj.label.en}` } };
  }
  const sample = samplePositions(input);
  const extent = extentOf(sample);
  const offsetHint = offsetSystemHint(hints);
  if (extent.count === 0) {
    return { crs: offsetHint?.crs ?? WGS84, confidence: "low", reason: { zh: "没有坐标，按 WGS84 处理", en: "no coordinates; treated as WGS84" } };
  }
  const swappedExtent = { ...extent, minX: extent.minY, maxX: extent.maxY, minY: extent.minX, maxY: extent.maxX };
  if (isDegrees(extent) || isDegrees(swappedExtent)) {
    const swapped =
      !inChina([extent.minX, extent.minY]) && inChina([extent.minY, extent.minX]) && inChina([extent.maxY, extent.maxX]);
    if (!isDegrees(extent) && !swapped) return undefined;
    const swapReason = swapped ? { zh: "经纬度顺序颠倒，已交换；", en: "longitude and latitude were swapped and have been exchanged; " } : { zh: "", en: "" };
    if (offsetHint) {
      return {
        crs: offsetHint.crs,
        confidence: "medium",
        axesSwapped: swapped,
        reason: {
          zh: `${swapReason.zh}名称“${offsetHint.clue}”表明数据来自${offsetHint.crs.label.zh}，按此转换`,
          en: `${swapReason.en}the name "${offsetHint.clue}" points at ${offsetHint.crs.label.en}; converted from it`,
        },
      };
    }
    const byReference = swapped ? undefined : offsetFromReference(sample, hints.referenceOutline);
    if (byReference) return { crs: byReference.crs, confidence: "medium", axesSwapped: false, reason: byReference.reason };
    return {
      crs: WGS84,
      confidence: "medium",
      axesSwapped: swapped,
      reason: { zh: swapReason.zh + ASSUMED_WGS84.zh, en: swapReason.en + ASSUMED_WGS84.en },
    };
  }
  const expected = hints.expectedLngLat ?? JIASHAN_CENTRE;
  const candidates = [...projectedCandidates(extent, false), ...projectedCandidates(extent, true)].filter((c) => inChina(c.lngLat));
  if (candidates.length === 0) return undefined;
  const byDistance = [...candidates].sort((a, b) => distanceKm(a.lngLat, expected) - distanceKm(b.lngLat, expected));
  const nearest = byDistance[0];
  const near = distanceKm(nearest.lngLat, expected) <= NEAR_KM;
  const zonePrefixed = candidates.find((c) => c.zonePrefixed);
  const chosen = near ? nearest : (zonePrefixed ?? nearest);
  const baiduMercator = chosen.crs === WEB_MERCATOR && offsetHint?.crs === BD09;
  const crs = baiduMercator ? BD09MC : chosen.crs;
  const where = near
    ? { zh: "，按此落在预期区域（嘉善附近）", en: ", which puts the data near the expected area (Jiashan)" }
    : { zh: "，但不在预期区域附近，请核对", en: ", but this is not near the expected area; please check" };
  const swapText = chosen.swapped
    ? { zh: "X/Y 顺序颠倒（测量习惯 X 为北坐标），已交换；", en: "X/Y were swapped (surveyors' X is northing) and have been exchanged; " }
    : { zh: "", en: "" };
  const datumNote = crs === WEB_MERCATOR || crs === BD09MC ? { zh: "", en: "" } : {
    zh: "。西安80/北京54 网格数值相近但差约 100 m，数值上无法区分。",
    en: ". Xian 1980 / Beijing 1954 grids look the same but differ by ≈100 m; numbers cannot tell them apart.",
  };
  return {
    crs,
    confidence: near || zonePrefixed === chosen ? "medium" : "low",
    axesSwapped: chosen.swapped,
    reason: {
      zh: `${swapText.zh}${chosen.why.zh}，判断为 ${crs.label.zh}${where.zh}${datumNote.zh}`,
      en: `${swapText.en}${chosen.why.en}; taken as ${crs.label.en}${where.en}${datumNote.en}`,
    },
  };
}
