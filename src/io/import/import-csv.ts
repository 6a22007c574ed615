import type { Feature, FeatureCollection, Geometry } from "geojson";
import { decodeText } from "./decode-text";
import { findCoordinateColumns } from "./find-coordinate-columns";
import { cancelledError, fileMessage, ImportError, type ImportMessage } from "./import-error";
import { parseCoordinate } from "./parse-coordinate";
import { parseDelimited, sniffDelimiter } from "./parse-delimited";
import { parseWkt } from "./parse-wkt";
import type { ImportOptions, RawLayer } from "./types";

/** Per-row warnings listed individually before they are summarised. */
const MAX_ROW_WARNINGS = 50;
/** Header names (lower case) of a column holding WKT geometry. */
const WKT_HEADERS = new Set(["wkt", "geometry", "geom", "the_geom", "wkt_geom", "shape"]);
const DELIMITER_NAMES: Record<string, string> = { ",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe" };

function uniqueHeaders(headers: string[], width: number): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length: width }, (_, i) => {
    const base = headers[i]?.trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

/** Drops the few rows whose coordinates are far out of line with the rest (e.g. lat = 95 in a degree file). */
function isOutlier(lng: number, lat: number, mostlyDegrees: boolean): boolean {
  return mostlyDegrees && (Math.abs(lng) > 180 || Math.abs(lat) > 90);
}

/**
 * Reads CSV/TSV/semicolon/pipe text into features (raw coordinates; the CRS is resolved later): points from
 * lng/lat (or X/Y) columns, other shapes from a WKT column (`wkt`, `geometry`, `the_geom`, …) where the
 * point columns are empty. Rows with bad coordinates become warnings, not failures. Without any geometry
 * column, rows are kept with null geometry.
 *
 * @example importCsv({ name: "a.csv", bytes }, {}, warnings) // RawLayer with Point features
 */
export function importCsv(
  file: { name: string; bytes: Uint8Array },
  options: ImportOptions,
  warnings: ImportMessage[],
): RawLayer {
  const { text, encoding } = decodeText(file.bytes, options.encoding);
  const delimiter = sniffDelimiter(text);
  const rows = parseDelimited(text, delimiter);
  if (rows.length === 0) throw new ImportError(file.name, { zh: "表格为空", en: "the table is empty" });
  const width = rows.reduce((widest, r) => Math.max(widest, r.length), 0);
  const headers = uniqueHeaders(rows[0], width);
  const { lng, lat } = findCoordinateColumns(headers);
  const hasCoordinates = lng >= 0 && lat >= 0;
  const wkt = headers.findIndex((h) => WKT_HEADERS.has(h.toLowerCase()));
  const hasGeometry = hasCoordinates || wkt >= 0;
  const geometryColumns = new Set([...(hasCoordinates ? [lng, lat] : []), ...(wkt >= 0 ? [wkt] : [])]);
  const dataRows = rows.slice(1);
  const decimalComma = delimiter !== ",";
  const parsed = dataRows.map((row) =>
    hasCoordinates ? [parseCoordinate(row[lng] ?? "", decimalComma), parseCoordinate(row[lat] ?? "", decimalComma)] : [],
  );
  const valid = parsed.filter(([x, y]) => x !== undefined && y !== undefined) as [number, number][];
  const inDegrees = valid.filter(([x, y]) => Math.abs(x) <= 180 && Math.abs(y) <= 90).length;
  const mostlyDegrees = inDegrees >= valid.length * 0.9;

  const propertyColumns = headers.map((header, i) => [header, i] as const).filter(([, i]) => options.keepCoordinateColumns || !geometryColumns.has(i));
  const features: Feature<Geometry | null>[] = [];
  let badRows = 0;
  dataRows.forEach((row, index) => {
    if (options.signal?.aborted) throw cancelledError(file.name);
    if (index % 10_000 === 0) options.onProgress?.({ phase: "parse", done: index, total: dataRows.length, unit: "rows" });
    const properties = Object.fromEntries(propertyColumns.map(([header, i]) => [header, row[i] ?? ""]));
    if (!hasGeometry) {
      features.push({ type: "Feature", properties, geometry: null });
      return;
    }
    const [x, y] = parsed[index] ?? [];
    const spreadsheetRow = index + 2;
    const pointOk = x !== undefined && y !== undefined && !isOutlier(x, y, mostlyDegrees);
    const shape = !pointOk && wkt >= 0 ? parseWkt(row[wkt] ?? "") : undefined;
    if (shape) {
      features.push({ type: "Feature", properties, geometry: shape });
      return;
    }
    if (!pointOk) {
      const shown = hasCoordinates
        ? { zh: `${headers[lng]}=“${row[lng] ?? ""}”，${headers[lat]}=“${row[lat] ?? ""}”`, en: `${headers[lng]}="${row[lng] ?? ""}", ${headers[lat]}="${row[lat] ?? ""}"` }
        : { zh: `${headers[wkt]}=“${(row[wkt] ?? "").slice(0, 60)}”`, en: `${headers[wkt]}="${(row[wkt] ?? "").slice(0, 60)}"` };
      badRows++;
      if (badRows <= MAX_ROW_WARNINGS) {
        warnings.push(
          fileMessage(
            file.name,
            {
              zh: `坐标无效（${shown.zh}），已跳过该行`,
              en: `invalid coordinates (${shown.en}); row skipped`,
            },
            `row ${spreadsheetRow}`,
          ),
        );
      }
      return;
    }
    features.push({ type: "Feature", properties, geometry: { type: "Point", coordinates: [x!, y!] } });
  });
  if (badRows > MAX_ROW_WARNINGS) {
    warnings.push(fileMessage(file.name, { zh: `共 ${badRows} 行坐标无效，已跳过`, en: `${badRows} rows in all had invalid coordinates and were skipped` }));
  }
  const notes = [
    {
      zh: `表格：编码 ${encoding}，分隔符 ${JSON.stringify(delimiter)}，${dataRows.length} 行，导入 ${features.length} 个要素`,
      en: `table: ${encoding} text, ${DELIMITER_NAMES[delimiter]} delimited, ${dataRows.length} rows, ${features.length} features imported`,
    },
    hasCoordinates
      ? { zh: `坐标列：${headers[lng]}（经度/X）、${headers[lat]}（纬度/Y）`, en: `coordinate columns: ${headers[lng]} (longitude/X), ${headers[lat]} (latitude/Y)` }
      : wkt >= 0
        ? { zh: `几何来自 WKT 列 ${headers[wkt]}`, en: `geometry from the WKT column ${headers[wkt]}` }
        : { zh: "未找到坐标列，各行仅作为属性导入（无几何）", en: "no coordinate columns found; rows imported as attributes only (no geometry)" },
  ];
  const fc: FeatureCollection<Geometry | null> = { type: "FeatureCollection", features };
  return { name: file.name.replace(/\.[^.]+$/, ""), fc, columnNames: headers, notes };
}
