/**
 * Geodesy shared by every analysis function. One sphere everywhere: the IUGG mean radius, the same
 * one Turf's `distance`, `destination` and `circle` use, so buffers, distances and areas agree.
 * Against the WGS84 ellipsoid at Jiashan's latitude (≈30.85°N) this sphere is within ≈0.3 % for
 * distances and ≈0.1 % for areas — far below the accuracy of any shipped geometry.
 */
import type { Geometry, Position } from "geojson";

/** Mean Earth radius in metres (IUGG), as used by Turf's distance functions. */
export const EARTH_RADIUS_M = 6_371_008.8;
/** 1 亩 = 10000/15 m² ≈ 666.67 m² (市亩). */
export const SQUARE_METRES_PER_MU = 10_000 / 15;
const RAD = Math.PI / 180;

/**
 * Great-circle (haversine) distance in metres between two `[lng, lat]` positions.
 * @example haversineDistanceM([120.9, 30.85], [121.0, 30.85]) // ≈ 9546 (0.1° east-west at 30.85°N)
 */
export function haversineDistanceM(from: Position, to: Position): number {
  return EARTH_RADIUS_M * centralAngle(from[0], from[1], to[0], to[1]);
}

/** Central angle in radians between two lng/lat pairs (haversine formula, stable for short distances). */
export function centralAngle(lng1: number, lat1: number, lng2: number, lat2: number): number {
  return 2 * Math.asin(Math.sqrt(haversineTerm(lng1, lat1, lng2, lat2)));
}

/**
 * The haversine term `a = sin²(Δφ/2) + cosφ1·cosφ2·sin²(Δλ/2)`. Distance grows monotonically with it,
 * so "within r" tests compare `a` with {@link haversineTermForDistance} and skip asin/sqrt.
 */
export function haversineTerm(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const sinHalfDLat = Math.sin(((lat2 - lat1) * RAD) / 2);
  const sinHalfDLng = Math.sin(((lng2 - lng1) * RAD) / 2);
  return sinHalfDLat * sinHalfDLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sinHalfDLng * sinHalfDLng;
}

/** The haversine term of a distance in metres: `sin²(d / 2R)`. */
export function haversineTermForDistance(distanceM: number): number {
  const s = Math.sin(distanceM / EARTH_RADIUS_M / 2);
  return s * s;
}

/** A local equirectangular projection to metres around an origin (good to ≈0.2 % across a county). */
export interface LocalProjection {
  originLng: number;
  originLat: number;
  /** Metres per degree of longitude at the origin latitude. */
  metresPerDegreeLng: number;
  /** Metres per degree of latitude. */
  metresPerDegreeLat: number;
  toXY(lng: number, lat: number): [number, number];
}

/**
 * Equirectangular projection centred on `[originLng, originLat]`. Used only to index and pre-filter;
 * every final within/nearest decision is re-checked with the haversine distance.
 * @example const p = localProjection(120.9, 30.85); p.toXY(121, 30.85) // ≈ [9546, 0]
 */
export function localProjection(originLng: number, originLat: number): LocalProjection {
  const metresPerDegreeLat = EARTH_RADIUS_M * RAD;
  const metresPerDegreeLng = metresPerDegreeLat * Math.cos(originLat * RAD);
  return {
    originLng,
    originLat,
    metresPerDegreeLng,
    metresPerDegreeLat,
    toXY: (lng, lat) => [(lng - originLng) * metresPerDegreeLng, (lat - originLat) * metresPerDegreeLat],
  };
}

/**
 * Relative safety margin for searches done in a {@link localProjection}: the projection distorts
 * distances by at most ≈0.3 % within ±1° of the origin latitude, so searching 2 % wider never misses.
 */
export const PROJECTION_SEARCH_MARGIN = 0.02;

/** Area in m² of a closed ring on the sphere (positive, orientation ignored). */
function ringAreaM2(ring: Position[]): number {
  const n = ring.length;
  if (n < 4) return 0;
  let total = 0;
  // Chamberlain & Duquette (2007), the same spherical formula Turf's area uses, with our radius.
  for (let i = 0; i < n - 1; i++) {
    const lower = ring[i]!;
    const middle = ring[i + 1]!;
    const upper = ring[(i + 2) % (n - 1)]!;
    total += (upper[0]! * RAD - lower[0]! * RAD) * Math.sin(middle[1]! * RAD);
  }
  return Math.abs((total * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

/**
 * Geodesic area in m² of a (Multi)Polygon on the mean-radius sphere; holes are subtracted.
 * Non-areal geometries have area 0.
 * @example geodesicAreaM2(circle([120.9, 30.85], 5, { units: "kilometers", steps: 256 }).geometry) // ≈ π·5000²
 */
export function geodesicAreaM2(geometry: Geometry | null): number {
  if (!geometry) return 0;
  switch (geometry.type) {
    case "Polygon":
      return polygonAreaM2(geometry.coordinates);
    case "MultiPolygon":
      return geometry.coordinates.reduce((sum, polygon) => sum + polygonAreaM2(polygon), 0);
    case "GeometryCollection":
      return geometry.geometries.reduce((sum, g) => sum + geodesicAreaM2(g), 0);
    default:
      return 0;
  }
}

function polygonAreaM2(rings: Position[][]): number {
  if (rings.length === 0) return 0;
  let area = ringAreaM2(rings[0]!);
  for (let i = 1; i < rings.length; i++) area -= ringAreaM2(rings[i]!);
  return Math.max(0, area);
}

/** An area in the three units Chinese planning documents use. */
export interface AreaInUnits {
  area_km2: number;
  /** 公顷 (hectares). */
  area_ha: number;
  /** 亩 (1 亩 = 666.67 m²). */
  area_mu: number;
}

/**
 * Converts m² to km², 公顷 and 亩.
 * @example areaInUnits(666_666.67) // { area_km2: 0.6667, area_ha: 66.67, area_mu: 1000 }
 */
export function areaInUnits(areaM2: number): AreaInUnits {
  return { area_km2: areaM2 / 1e6, area_ha: areaM2 / 1e4, area_mu: areaM2 / SQUARE_METRES_PER_MU };
}
