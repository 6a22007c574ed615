import type { Feature, FeatureCollection, Geometry, Position } from "geojson";

/** Maps one position to another; gets the full position (Z and M kept by the caller's choice). */
export type PositionMapper = (position: Position) => Position;

/** A new geometry with every position passed through `mapPosition`. */
export function mapGeometry(geometry: Geometry, mapPosition: PositionMapper): Geometry {
  switch (geometry.type) {
    case "Point":
      return { type: "Point", coordinates: mapPosition(geometry.coordinates) };
    case "MultiPoint":
    case "LineString":
      return { type: geometry.type, coordinates: geometry.coordinates.map(mapPosition) } as Geometry;
    case "MultiLineString":
    case "Polygon":
      return {
        type: geometry.type,
        coordinates: geometry.coordinates.map((line) => line.map(mapPosition)),
      } as Geometry;
    case "MultiPolygon":
      return {
        type: "MultiPolygon",
        coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(mapPosition))),
      };
    case "GeometryCollection":
      return { type: "GeometryCollection", geometries: geometry.geometries.map((g) => mapGeometry(g, mapPosition)) };
  }
}

/**
 * Returns a new FeatureCollection with every position passed through `mapPosition`; the input is not changed.
 * Properties are shared (not copied) because only coordinates change; stale `bbox` members are dropped.
 *
 * @example mapPositions(fc, ([x, y, ...rest]) => [x + 1, y, ...rest])
 */
export function mapPositions<F extends FeatureCollection<Geometry | null>>(fc: F, mapPosition: PositionMapper): F {
  const features = fc.features.map((feature): Feature<Geometry | null> => {
    const { bbox: _staleBbox, ...rest } = feature;
    return { ...rest, geometry: feature.geometry ? mapGeometry(feature.geometry, mapPosition) : null } as Feature<Geometry | null>;
  });
  const { bbox: _staleCollectionBbox, ...collection } = fc;
  return { ...collection, features } as F;
}

/** Calls `visit` for every position, stopping early when it returns false. */
export function forEachPosition(fc: FeatureCollection<Geometry | null>, visit: (position: Position) => boolean | void): void {
  let stopped = false;
  const walk = (geometry: Geometry | null): void => {
    if (!geometry || stopped) return;
    switch (geometry.type) {
      case "Point":
        if (visit(geometry.coordinates) === false) stopped = true;
        return;
      case "MultiPoint":
      case "LineString":
        for (const p of geometry.coordinates) if (stopped || visit(p) === false) return void (stopped = true);
        return;
      case "MultiLineString":
      case "Polygon":
        for (const line of geometry.coordinates)
          for (const p of line) if (stopped || visit(p) === false) return void (stopped = true);
        return;
      case "MultiPolygon":
        for (const polygon of geometry.coordinates)
          for (const ring of polygon)
            for (const p of ring) if (stopped || visit(p) === false) return void (stopped = true);
        return;
      case "GeometryCollection":
        geometry.geometries.forEach(walk);
    }
  };
  for (const feature of fc.features) {
    if (stopped) return;
    walk(feature.geometry);
  }
}
