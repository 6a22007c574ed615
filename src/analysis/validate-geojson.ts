/**
 * Input checks shared by the analysis functions: they throw a {@link GeoInputError} whose message names
 * the layer, the feature and the problem, so the CLI and the UI can show it without a stack trace.
 */
import type { Feature, FeatureCollection, Geometry, Position } from "geojson";

/** Bad input (as opposed to a bug): the message is meant for the user. */
export class GeoInputError extends Error {
  override name = "GeoInputError";
}

/** A human label for a feature: its `id` property, its GeoJSON id, or its index. */
export function featureLabel(feature: Feature, index: number): string {
  const id = (feature.properties as Record<string, unknown> | null)?.["id"] ?? feature.id;
  return id === undefined || id === null ? `feature #${index}` : `feature "${String(id)}"`;
}

function assertPosition(position: Position, where: string): void {
  const [lng, lat] = position;
  if (typeof lng !== "number" || typeof lat !== "number" || !Number.isFinite(lng) || !Number.isFinite(lat)) {
    throw new GeoInputError(`${where}: coordinate ${JSON.stringify(position)} is not a pair of finite numbers`);
  }
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
    throw new GeoInputError(
      `${where}: coordinate [${lng}, ${lat}] is outside lng −180…180 / lat −90…90 (are lng and lat swapped, or is it projected?)`,
    );
  }
}

function visitPositions(geometry: Geometry, visit: (p: Position) => void): void {
  switch (geometry.type) {
    case "Point":
      visit(geometry.coordinates);
      break;
    case "MultiPoint":
    case "LineString":
      geometry.coordinates.forEach(visit);
      break;
    case "MultiLineString":
    case "Polygon":
      geometry.coordinates.forEach((part) => part.forEach(visit));
      break;
    case "MultiPolygon":
      geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
      break;
    case "GeometryCollection":
      geometry.geometries.forEach((g) => visitPositions(g, visit));
      break;
  }
}

/**
 * Throws a {@link GeoInputError} if `collection` is not a FeatureCollection or any coordinate is not a
 * finite WGS84 `[lng, lat]`. `allowed` restricts geometry types (features without geometry are skipped).
 * @example assertValidCollection(stations, "emergency", ["Point"])
 */
export function assertValidCollection(
  collection: FeatureCollection | undefined | null,
  layerLabel: string,
  allowed?: ReadonlyArray<Geometry["type"]>,
): void {
  if (!collection || collection.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
    throw new GeoInputError(`${layerLabel}: expected a GeoJSON FeatureCollection`);
  }
  collection.features.forEach((feature, index) => {
    const where = `${layerLabel}, ${featureLabel(feature, index)}`;
    if (!feature || feature.type !== "Feature") throw new GeoInputError(`${where}: not a GeoJSON Feature`);
    if (!feature.geometry) return;
    if (allowed && !allowed.includes(feature.geometry.type)) {
      throw new GeoInputError(`${where}: geometry ${feature.geometry.type} is not allowed here (expected ${allowed.join(" or ")})`);
    }
    visitPositions(feature.geometry, (p) => assertPosition(p, where));
  });
}
