/**
 * deck.gl layer factories (stable ids, `get*` accessors, rebuilt on every state change).
 * Loaded lazily with deck.gl itself, so the first view does not pay for it.
 */
import { PolygonLayer, ScatterplotLayer } from "@deck.gl/layers";

/** @deck.gl/maplibre reads this prop in interleaved mode but does not export its type. */
type MapLibreLayerProps = { beforeId?: string };
import type { Feature, FeatureCollection, Geometry, Point, Polygon, MultiPolygon } from "geojson";

export const STATION_RINGS_LAYER = "deck-station-rings";
export const ZONE_EXTRUSION_LAYER = "deck-zone-extrusion";

type Rgba = [number, number, number, number];
const TIER_RGBA: Record<string, Rgba> = { county: [185, 28, 28, 255], town: [220, 38, 38, 255], village: [248, 113, 113, 255] };

interface Station { lngLat: [number, number]; radiusM: number; tier: string }

export function stationsOf(fc: FeatureCollection<Geometry | null>): Station[] {
  return fc.features.flatMap((f) => {
    const radiusM = Number(f.properties?.service_radius_m);
    if (f.geometry?.type !== "Point" || !(radiusM > 0)) return [];
    return [{ lngLat: (f.geometry as Point).coordinates as [number, number], radiusM, tier: String(f.properties?.tier ?? "town") }];
  });
}

/** Service-radius rings drawn in metres on the ground, from each station's `service_radius_m`. */
export const stationRingsLayer = (stations: Station[], beforeId?: string) =>
  new ScatterplotLayer<Station, MapLibreLayerProps>({
    id: STATION_RINGS_LAYER,
    data: stations,
    // Interleaved: draw the rings under the labels, not over them.
    beforeId,
    radiusUnits: "meters",
    getPosition: (s) => s.lngLat,
    getRadius: (s) => s.radiusM,
    getFillColor: (s) => [...TIER_RGBA[s.tier]!.slice(0, 3), 28] as Rgba,
    getLineColor: (s) => TIER_RGBA[s.tier] ?? TIER_RGBA.town!,
    stroked: true,
    filled: true,
    lineWidthUnits: "pixels",
    getLineWidth: 1.5,
  });

interface Extruded { polygon: number[][][]; heightM: number }

/** Zones extruded by their official area (1 km² → 400 m), so platform scale reads at a glance. */
export function extrudedZonesOf(fc: FeatureCollection<Geometry | null>): Extruded[] {
  return fc.features.flatMap((f: Feature<Geometry | null>) => {
    const area = Number(f.properties?.official_area_km2);
    if (!(area > 0) || !f.geometry) return [];
    const g = f.geometry as Polygon | MultiPolygon;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    return polygons.map((polygon) => ({ polygon, heightM: area * 400 }));
  });
}

export const zoneExtrusionLayer = (zones: Extruded[]) =>
  new PolygonLayer<Extruded>({
    id: ZONE_EXTRUSION_LAYER,
    data: zones,
    extruded: true,
    wireframe: true,
    getPolygon: (z) => z.polygon,
    getElevation: (z) => z.heightM,
    getFillColor: [194, 65, 12, 150],
    getLineColor: [124, 45, 18, 255],
  });
