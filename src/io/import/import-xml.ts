import { gpx, kml, tcx } from "@tmcw/togeojson";
import type { FeatureCollection, Geometry } from "geojson";
import { WGS84 } from "../crs/crs-info";
import { decodeText } from "./decode-text";
import { ImportError } from "./import-error";
import type { ParseXml, RawLayer } from "./types";

export type XmlFormat = "kml" | "gpx" | "tcx";

const ROOT_ELEMENT: Record<XmlFormat, string> = { kml: "kml", gpx: "gpx", tcx: "TrainingCenterDatabase" };
const CONVERTERS: Record<XmlFormat, (doc: Document) => FeatureCollection<Geometry | null>> = { kml, gpx, tcx };

/** The browser's DOMParser when there is one; Web Workers and Node must pass `parseXml` (e.g. @xmldom/xmldom). */
function defaultParseXml(file: string): ParseXml {
  const Parser = (globalThis as { DOMParser?: typeof DOMParser }).DOMParser;
  if (!Parser) {
    throw new ImportError(file, { zh: "此环境没有 XML 解析器，无法读取 KML/GPX", en: "no XML parser in this environment; cannot read KML/GPX" });
  }
  return (text) => new Parser().parseFromString(text, "application/xml");
}

function parseDocument(text: string, file: string, parseXml: ParseXml): Document {
  let doc: Document;
  try {
    doc = parseXml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ImportError(file, { zh: `XML 语法错误：${detail}`, en: `invalid XML: ${detail}` });
  }
  if (!doc?.documentElement || doc.getElementsByTagName("parsererror").length > 0) {
    throw new ImportError(file, { zh: "XML 语法错误", en: "invalid XML" });
  }
  return doc;
}

function localName(element: Element): string {
  return (element.localName || element.nodeName).replace(/^.*:/, "");
}

/**
 * Reads KML, GPX or TCX text with @tmcw/togeojson (KML ExtendedData/SchemaData → properties; GPX waypoints,
 * routes and tracks, with `_gpxType`). Coordinates are WGS84 by the formats' specifications.
 *
 * @example importXml({ name: "a.kml", bytes }, "kml", parseXml).fc
 */
export function importXml(file: { name: string; bytes: Uint8Array }, format: XmlFormat, parseXml?: ParseXml): RawLayer {
  const { text } = decodeText(file.bytes);
  const doc = parseDocument(text, file.name, parseXml ?? defaultParseXml(file.name));
  const root = localName(doc.documentElement);
  if (root !== ROOT_ELEMENT[format]) {
    throw new ImportError(file.name, {
      zh: `不是 ${format.toUpperCase()} 文件（根元素为 <${root}>）`,
      en: `not a ${format.toUpperCase()} file (root element is <${root}>)`,
    });
  }
  const fc = CONVERTERS[format](doc);
  const nullGeometries = fc.features.filter((f) => !f.geometry).length;
  const notes = [{ zh: `${format.toUpperCase()}：${fc.features.length} 个要素`, en: `${format.toUpperCase()}: ${fc.features.length} features` }];
  if (nullGeometries > 0) {
    notes.push({ zh: `${nullGeometries} 个要素没有几何（仅属性）`, en: `${nullGeometries} features have no geometry (attributes only)` });
  }
  return { name: file.name.replace(/\.[^.]+$/, ""), fc, fixedCrs: WGS84, notes };
}
