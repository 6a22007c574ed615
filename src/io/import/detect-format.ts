import type { Bilingual } from "../../data/types";

export type FileFormat = "geojson" | "kml" | "gpx" | "tcx" | "kmz-or-zip" | "csv" | "shp-part" | "unknown";

const EXTENSION_FORMATS: Record<string, FileFormat> = {
  geojson: "geojson", json: "geojson", kml: "kml", gpx: "gpx", tcx: "tcx", kmz: "kmz-or-zip", zip: "kmz-or-zip",
  csv: "csv", tsv: "csv", txt: "csv", dsv: "csv", tab: "csv",
  shp: "shp-part", dbf: "shp-part", shx: "shp-part", prj: "shp-part", cpg: "shp-part", cst: "shp-part",
};

function sniffContent(bytes: Uint8Array): FileFormat | undefined {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) return "kmz-or-zip";
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0x27 && bytes[3] === 0x0a) return "shp-part";
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 2048)).replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("{") || head.startsWith("[")) return "geojson";
  if (head.startsWith("<")) {
    if (/<kml[\s>]/i.test(head)) return "kml";
    if (/<gpx[\s>]/i.test(head)) return "gpx";
    if (/<TrainingCenterDatabase[\s>]/i.test(head)) return "tcx";
  }
  return undefined;
}

/**
 * Decides a file's format from its content first and its extension second, and says so when they
 * disagree (a .json that is really KML).
 *
 * @example detectFormat("places.json", kmlBytes) // { format: "kml", note: { en: "named .json but the content is KML", … } }
 */
export function detectFormat(name: string, bytes: Uint8Array): { format: FileFormat; note?: Bilingual } {
  const ext = /\.([^./\\]+)$/.exec(name)?.[1].toLowerCase() ?? "";
  const byExtension = EXTENSION_FORMATS[ext];
  const byContent = sniffContent(bytes);
  const format = byContent ?? byExtension ?? "unknown";
  if (byContent && byExtension && byContent !== byExtension && byExtension !== "shp-part") {
    const what = byContent === "kmz-or-zip" ? "ZIP" : byContent.toUpperCase();
    return { format, note: { zh: `扩展名为 .${ext}，但内容是 ${what}，按 ${what} 读取`, en: `named .${ext} but the content is ${what}; read as ${what}` } };
  }
  return { format };
}
