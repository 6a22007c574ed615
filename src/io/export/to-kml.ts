import type { Feature, FeatureCollection, Geometry, Position } from "geojson";

export interface ToKmlOptions {
  /** Document name. @default "Jiashan Atlas export" */
  name?: string;
  /** Property used as each Placemark's <name>. @default "name" */
  nameProperty?: string;
}

/** Characters XML 1.0 forbids even when escaped (control characters other than tab/CR/LF). */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Escapes text for XML element content and attribute values. Tabs and line breaks become character
 * references, because XML parsers turn them into spaces inside attribute values (property names).
 */
export function escapeXml(text: string): string {
  return text
    .replace(XML_FORBIDDEN, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

const coordinates = (positions: Position[]) => positions.map((p) => p.join(",")).join(" ");

function geometryKml(geometry: Geometry): string {
  const ring = (r: Position[]) => `<LinearRing><coordinates>${coordinates(r)}</coordinates></LinearRing>`;
  const polygon = (rings: Position[][]) =>
    `<Polygon><outerBoundaryIs>${ring(rings[0])}</outerBoundaryIs>${rings.slice(1).map((r) => `<innerBoundaryIs>${ring(r)}</innerBoundaryIs>`).join("")}</Polygon>`;
  switch (geometry.type) {
    case "Point":
      return `<Point><coordinates>${geometry.coordinates.join(",")}</coordinates></Point>`;
    case "LineString":
      return `<LineString><coordinates>${coordinates(geometry.coordinates)}</coordinates></LineString>`;
    case "Polygon":
      return polygon(geometry.coordinates);
    case "MultiPoint":
      return `<MultiGeometry>${geometry.coordinates.map((p) => geometryKml({ type: "Point", coordinates: p })).join("")}</MultiGeometry>`;
    case "MultiLineString":
      return `<MultiGeometry>${geometry.coordinates.map((l) => geometryKml({ type: "LineString", coordinates: l })).join("")}</MultiGeometry>`;
    case "MultiPolygon":
      return `<MultiGeometry>${geometry.coordinates.map(polygon).join("")}</MultiGeometry>`;
    case "GeometryCollection":
      return `<MultiGeometry>${geometry.geometries.map(geometryKml).join("")}</MultiGeometry>`;
  }
}

type FieldType = "double" | "string";

/**
 * One typed KML Schema field per property, so numbers come back as numbers on import. Booleans are written
 * as the text "true"/"false": togeojson reads KML `bool` fields with `Boolean(text)`, which turns "0" into true.
 */
function fieldTypes(features: Feature<Geometry | null>[], nameProperty: string): Map<string, FieldType> {
  const types = new Map<string, FieldType>();
  for (const feature of features) {
    for (const [key, value] of Object.entries(feature.properties ?? {})) {
      if (key === nameProperty || value === null || value === undefined) continue;
      const type: FieldType = typeof value === "number" && Number.isFinite(value) ? "double" : "string";
      const known = types.get(key);
      types.set(key, known && known !== type ? "string" : type);
    }
  }
  return types;
}

function valueText(value: unknown): string {
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/**
 * Writes KML 2.2: one Placemark per feature, `name` as <name>, every other property as typed SchemaData
 * (numbers survive a round trip; booleans and objects become text). All text is XML-escaped and
 * characters XML cannot carry are dropped. Null geometries give Placemarks without geometry.
 *
 * @example toKml(fc, { name: "嘉善导出" }) // '<?xml version="1.0" encoding="UTF-8"?><kml …'
 */
export function toKml(fc: FeatureCollection<Geometry | null>, { name = "Jiashan Atlas export", nameProperty = "name" }: ToKmlOptions = {}): string {
  const types = fieldTypes(fc.features, nameProperty);
  const schema = `<Schema name="properties" id="properties">${[...types].map(([field, type]) => `<SimpleField name="${escapeXml(field)}" type="${type}"/>`).join("")}</Schema>`;
  const placemarks = fc.features.map((feature) => {
    const properties = feature.properties ?? {};
    const title = properties[nameProperty];
    const data = Object.entries(properties)
      .filter(([key, value]) => key !== nameProperty && value !== null && value !== undefined)
      .map(([key, value]) => `<SimpleData name="${escapeXml(key)}">${escapeXml(valueText(value))}</SimpleData>`)
      .join("");
    const id = feature.id === undefined ? "" : ` id="${escapeXml(String(feature.id))}"`;
    return (
      `<Placemark${id}>` +
      (title === undefined || title === null ? "" : `<name>${escapeXml(String(title))}</name>`) +
      (data ? `<ExtendedData><SchemaData schemaUrl="#properties">${data}</SchemaData></ExtendedData>` : "") +
      (feature.geometry ? geometryKml(feature.geometry) : "") +
      `</Placemark>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${escapeXml(name)}</name>${schema}\n${placemarks.join("\n")}\n</Document></kml>\n`;
}
