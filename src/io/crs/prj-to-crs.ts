import proj4 from "proj4";
import { GAUSS_KRUGER_GRIDS, WEB_MERCATOR, WGS84, crsFromCode, falseEasting, gaussKrugerCrs, type CrsInfo } from "./crs-info";

function wktName(wkt: string): string {
  return /^\s*\w+\[\s*"([^"]*)"/.exec(wkt)?.[1] ?? "";
}

function wktParameter(wkt: string, name: string): number | undefined {
  const match = new RegExp(`PARAMETER\\[\\s*"${name}"\\s*,\\s*([-+\\d.eE]+)`, "i").exec(wkt);
  return match ? Number(match[1]) : undefined;
}

/** Which Chinese geodetic datum a WKT uses, judged from its datum and spheroid names and axes. */
function chineseDatum(wkt: string): "CGCS2000" | "Xian1980" | "Beijing1954" | undefined {
  if (/China_2000|CGCS\s*_?2000|China Geodetic Coordinate System 2000/i.test(wkt)) return "CGCS2000";
  if (/Xian|IAG[\s_]*1975|6378140/i.test(wkt)) return "Xian1980";
  if (/Beijing|Krasovsky|Krassowsky|6378245/i.test(wkt)) return "Beijing1954";
  return undefined;
}

/** A Gauss–Krüger / transverse Mercator WKT on a Chinese datum, matched to its EPSG grid by CM and false easting. */
function chineseGaussKruger(wkt: string): CrsInfo | undefined {
  if (!/PROJECTION\[\s*"(Gauss_Kruger|Transverse_Mercator|Gauss-Kruger)"/i.test(wkt)) return undefined;
  const datum = chineseDatum(wkt);
  const centralMeridian = wktParameter(wkt, "Central_Meridian");
  const easting = wktParameter(wkt, "False_Easting");
  const scale = wktParameter(wkt, "Scale_Factor") ?? 1;
  const northing = wktParameter(wkt, "False_Northing") ?? 0;
  if (!datum || centralMeridian === undefined || easting === undefined || scale !== 1 || northing !== 0) return undefined;
  const zoneWidthDeg = /6_?Degree|6-degree|6度/i.test(wkt) ? 6 : /3_?Degree|3-degree|3度/i.test(wkt) ? 3 : undefined;
  const grid = GAUSS_KRUGER_GRIDS.find(
    (g) =>
      g.datum === datum &&
      g.centralMeridian === centralMeridian &&
      falseEasting(g) === easting &&
      (zoneWidthDeg === undefined || g.zoneWidthDeg === zoneWidthDeg),
  );
  return grid ? gaussKrugerCrs(grid) : undefined;
}

function authorityCode(wkt: string): CrsInfo | undefined {
  // Only the outermost AUTHORITY (the last one in WKT1) names the whole CRS.
  const all = [...wkt.matchAll(/AUTHORITY\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const last = all.at(-1);
  return last && /\]\s*\]\s*$/.test(wkt.slice(last.index)) ? crsFromCode(`EPSG:${last[1]}`) : undefined;
}

/** Converts a sample point to prove proj4 accepts the definition. */
function proj4Accepts(definition: string): boolean {
  try {
    const [x, y] = proj4(definition, "EPSG:4326").forward([500000, 3400000]);
    return Number.isFinite(x) && Number.isFinite(y);
  } catch {
    return false;
  }
}

/**
 * Reads a shapefile .prj (ESRI or OGC WKT1) into a CrsInfo. Chinese Gauss–Krüger grids (CGCS2000, Xian 1980,
 * Beijing 1954; 3° and 6°; with or without zone number) are named by EPSG code; Web Mercator and WGS84-like
 * geographic systems are recognised; anything else proj4 can read is kept as WKT. Returns undefined for
 * junk (e.g. an HTML page saved as .prj) so the caller can fall back to detection.
 *
 * @example prjToCrs('PROJCS["CGCS2000_3_Degree_GK_CM_120E",…]')?.code // "EPSG:4549"
 */
export function prjToCrs(prjText: string): CrsInfo | undefined {
  const wkt = prjText.replace(/^\uFEFF/, "").trim();
  if (!/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS|COMPD_CS)\s*\[/i.test(wkt)) return undefined;
  const named = chineseGaussKruger(wkt);
  if (named) return named;
  if (/Mercator_Auxiliary_Sphere|Pseudo[-_ ]Mercator|Popular[_ ]Visuali[sz]ation|Web[_ ]Mercator/i.test(wkt)) return WEB_MERCATOR;
  if (/^GEOG/i.test(wkt)) {
    const datum = chineseDatum(wkt);
    if (!datum || datum === "CGCS2000") return { ...WGS84, label: { zh: `${wktName(wkt)}（按 WGS84 处理）`, en: `${wktName(wkt)} (treated as WGS84)` } };
  }
  const byAuthority = authorityCode(wkt);
  if (byAuthority) return byAuthority;
  if (!proj4Accepts(wkt)) return undefined;
  const name = wktName(wkt) || "WKT";
  return {
    code: "WKT",
    label: { zh: `${name}（来自 .prj）`, en: `${name} (from .prj)` },
    proj4: wkt,
    // Unknown datum shifts may be missing from the WKT.
    conversionAccuracy_m: chineseDatum(wkt) ? 100 : 2,
  };
}
