/** Header names, lower case, that mean the east–west / north–south coordinate. Degrees first. */
const LNG_DEGREE_NAMES = ["lng", "lon", "longitude", "long", "经度"];
const LAT_DEGREE_NAMES = ["lat", "latitude", "纬度"];
const EAST_NAMES = ["x", "东坐标", "东", "easting", "east", "x坐标", "point_x", "xcoord", "x_coord", "e"];
const NORTH_NAMES = ["y", "北坐标", "北", "northing", "north", "y坐标", "point_y", "ycoord", "y_coord", "n"];
/** Tokens too generic to match inside longer names ("long_name", "e_mail"). */
const EXACT_ONLY = new Set(["long", "e", "n", "东", "北", "east", "north"]);

function tokens(header: string): string[] {
  return header.toLowerCase().split(/[\s_\-()（）[\]【】:：/.,]+/).filter(Boolean);
}

function score(header: string, names: string[], base: number): number {
  const name = header.trim().toLowerCase();
  if (names.includes(name)) return base + 2;
  const headerTokens = tokens(name);
  if (names.some((n) => !EXACT_ONLY.has(n) && headerTokens.includes(n))) return base + 1;
  if (names.some((n) => /[\u4e00-\u9fff]/.test(n) && n.length > 1 && name.includes(n))) return base + 1;
  return 0;
}

function bestColumn(headers: string[], degreeNames: string[], metreNames: string[]): number {
  let best = -1;
  let bestScore = 0;
  headers.forEach((header, i) => {
    const s = Math.max(score(header, degreeNames, 10), score(header, metreNames, 0));
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}

/**
 * Finds the longitude/X and latitude/Y columns from header names in English and Chinese
 * (经度/纬度/lng/lon/longitude/lat/x/y/东坐标/北坐标, also inside names like "经度(GCJ-02)" or "lng_gcj").
 * Returns -1 for a column that is not found.
 *
 * @example findCoordinateColumns(["名称", "经度", "纬度"]) // { lng: 1, lat: 2 }
 */
export function findCoordinateColumns(headers: string[]): { lng: number; lat: number } {
  const lng = bestColumn(headers, LNG_DEGREE_NAMES, EAST_NAMES);
  const lat = bestColumn(headers, LAT_DEGREE_NAMES, NORTH_NAMES);
  return lng === lat ? { lng: -1, lat: -1 } : { lng, lat };
}
