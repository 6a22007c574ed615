import type { Feature, Geometry } from "geojson";
import { decodeText } from "./decode-text";
import { fileMessage, ImportError, type ImportMessage } from "./import-error";
import { readDbf } from "./read-dbf";
import { readShp, shapeTypeName } from "./read-shp";
import type { ImportInput, ImportOptions, RawLayer } from "./types";

const SIDECARS = ["shp", "dbf", "prj", "cpg", "cst", "shx"] as const;
type Sidecar = (typeof SIDECARS)[number];
export type ShapefileSet = Partial<Record<Sidecar, ImportInput>> & { basename: string };

function extension(name: string): string {
  return /\.([^./\\]+)$/.exec(name)?.[1].toLowerCase() ?? "";
}

/**
 * Groups loose or zipped files into shapefile sets by base name (case-insensitive extensions, any folder).
 *
 * @example groupShapefiles([{ name: "a/Roads.SHP", … }, { name: "a/Roads.dbf", … }]) // [{ basename: "a/Roads", shp, dbf }]
 */
export function groupShapefiles(files: ImportInput[]): ShapefileSet[] {
  const sets = new Map<string, ShapefileSet>();
  for (const file of files) {
    const ext = extension(file.name) as Sidecar;
    if (!SIDECARS.includes(ext)) continue;
    const basename = file.name.slice(0, -(ext.length + 1));
    const key = basename.toLowerCase();
    const set = sets.get(key) ?? { basename };
    set[ext] = file;
    sets.set(key, set);
  }
  return [...sets.values()];
}

/** The text of a small sidecar (.prj, .cpg), ignoring anything that is plainly not one (an HTML page). */
function sidecarText(file: ImportInput | undefined): string | undefined {
  if (!file) return undefined;
  const text = decodeText(file.bytes).text.trim();
  return text.length > 0 && text.length < 10_000 && !/^</.test(text) ? text : undefined;
}

/**
 * Reads one shapefile set into a raw layer: geometry from .shp, attributes from .dbf (optional), the
 * .prj text as a CRS clue and .cpg/.cst for the attribute encoding. Broken records become warnings.
 *
 * @example importShapefile(groupShapefiles(files)[0], {}, warnings, "data.zip")
 */
export function importShapefile(set: ShapefileSet, options: ImportOptions, warnings: ImportMessage[], archiveName?: string): RawLayer {
  const label = archiveName ? `${archiveName}/${set.basename}` : set.basename;
  if (!set.shp) throw new ImportError(label, { zh: "缺少 .shp 文件（只有属性表无法导入）", en: "the .shp file is missing (attributes alone cannot be imported)" });
  let shp;
  try {
    shp = readShp(set.shp.bytes);
  } catch (error) {
    throw new ImportError(`${label}.shp`, { zh: `不是有效的 .shp 文件：${(error as Error).message}`, en: `not a valid .shp file: ${(error as Error).message}` });
  }
  const notes = [{ zh: `Shapefile：${shapeTypeName(shp.shapeType)}，${shp.records.length} 条记录`, en: `Shapefile: ${shapeTypeName(shp.shapeType)}, ${shp.records.length} records` }];
  if (shp.truncated) warnings.push(fileMessage(`${label}.shp`, { zh: `文件不完整（${shp.truncated}），已读取之前的记录`, en: `file is incomplete (${shp.truncated}); earlier records kept` }));
  let rows: Record<string, unknown>[] = [];
  if (set.dbf) {
    const cpg = sidecarText(set.cpg ?? set.cst);
    if ((set.cpg ?? set.cst) && !cpg) warnings.push(fileMessage(label, { zh: ".cpg 内容无法识别，已忽略", en: "the .cpg content is not a code page name; ignored" }));
    try {
      const dbf = readDbf(set.dbf.bytes, { encoding: options.encoding, cpg });
      rows = dbf.rows;
      notes.push({ zh: `属性表编码 ${dbf.encoding}（来源：${dbf.encodingSource}）`, en: `attribute encoding ${dbf.encoding} (from ${dbf.encodingSource})` });
      if (dbf.truncated) warnings.push(fileMessage(`${label}.dbf`, { zh: `属性表不完整：${dbf.truncated}`, en: `attribute table is incomplete: ${dbf.truncated}` }));
      if (dbf.rows.length !== shp.records.length) {
        warnings.push(
          fileMessage(label, {
            zh: `几何 ${shp.records.length} 条而属性 ${dbf.rows.length} 条，按顺序配对`,
            en: `${shp.records.length} shapes but ${dbf.rows.length} attribute rows; paired in order`,
          }),
        );
      }
    } catch (error) {
      warnings.push(fileMessage(`${label}.dbf`, { zh: `属性表无法读取（${(error as Error).message}），仅导入几何`, en: `attribute table unreadable (${(error as Error).message}); geometry only` }));
    }
  } else {
    warnings.push(fileMessage(label, { zh: "没有 .dbf 属性表，仅导入几何", en: "no .dbf attribute table; geometry only" }));
  }
  const features: Feature<Geometry | null>[] = shp.records.map((record, i) => {
    if (record.problem) warnings.push(fileMessage(`${label}.shp`, { zh: `记录无法读取（${record.problem}），几何置空`, en: `record unreadable (${record.problem}); geometry left empty` }, i));
    return { type: "Feature", properties: { ...(rows[i] ?? {}) }, geometry: record.geometry };
  });
  const prj = sidecarText(set.prj);
  if (set.prj && !prj) warnings.push(fileMessage(label, { zh: ".prj 内容不是坐标系定义，已忽略", en: "the .prj content is not a CRS definition; ignored" }));
  return { name: set.basename.replace(/^.*[/\\]/, ""), fc: { type: "FeatureCollection", features }, prj, notes };
}
