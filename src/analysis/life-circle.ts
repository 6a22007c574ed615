/**
 * 15-minute life circle: walking minutes from every demand cell to the nearest facility of each
 * category, a per-township compliance table and gap polygons. Standards come as data
 * (geodata/standards/life-circle.json), including which thresholds are unverified.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import type { Demand } from "./demand-grid.ts";
import { nearestSiteDistances } from "./coverage-counts.ts";
import { haversineDistanceM } from "./geodesy.ts";
import { multiSourceDijkstra, sameEdgeDistanceM, snapToEdges, sourcesFromSnap, type RoadGraph } from "./road-network.ts";
import { gridCellsToPolygons } from "./grid-cells-to-polygons.ts";
import { GeoInputError, assertValidCollection, featureLabel } from "./validate-geojson.ts";

export interface FacilityMatch {
  layer_kind?: string;
  property?: string;
  equals?: string[];
  proxy?: boolean;
  note?: string;
}

export interface LifeCircleCategory {
  id: string;
  level: string;
  name: { zh: string; en: string };
  verified: boolean;
  source: string;
  match: FacilityMatch[];
}

export interface LifeCircleLevel {
  id: string;
  minutes: number;
  name: { zh: string; en: string };
  distance_m: number | null;
  distance_verified: boolean;
  note?: string;
}

/** The shape of geodata/standards/life-circle.json (only the fields the engine reads are typed strictly). */
export interface LifeCircleStandards {
  walking_speed_m_per_min: { value: number; verified: boolean; source: string };
  detour_factor: { value: number; verified: boolean; source: string };
  levels: LifeCircleLevel[];
  categories: LifeCircleCategory[];
  rating: { green_min_share: number; amber_min_share: number };
  [key: string]: unknown;
}

/** A facility point reduced to what accessibility needs. */
export interface Facility {
  id: string;
  name: string;
  lng: number;
  lat: number;
  /** True when it counts only through a proxy rule (see the category's match). */
  proxy: boolean;
}

/** A layer offered for facility matching. */
export interface FacilityLayer {
  kind: string;
  collection: FeatureCollection;
}

/**
 * Picks each category's facilities from the layers by the standards' match rules (point features only).
 * @example facilitiesByCategory([{ kind: "emergency", collection: stations }], standards)["health-centre"]
 */
export function facilitiesByCategory(layers: ReadonlyArray<FacilityLayer>, standards: LifeCircleStandards): Record<string, Facility[]> {
  for (const layer of layers) assertValidCollection(layer.collection, `facility layer "${layer.kind}"`);
  const result: Record<string, Facility[]> = {};
  for (const category of standards.categories) {
    const found = new Map<string, Facility>();
    for (const layer of layers) {
      layer.collection.features.forEach((feature, index) => {
        if (feature.geometry?.type !== "Point") return;
        const props = (feature.properties ?? {}) as Record<string, unknown>;
        const rule = category.match.find((m) =>
          (m.layer_kind === undefined || m.layer_kind === layer.kind) &&
          (m.property === undefined || (m.equals ?? []).includes(String(props[m.property]))));
        if (!rule) return;
        const id = String(props["id"] ?? feature.id ?? `${layer.kind}#${index}`);
        const [lng, lat] = feature.geometry.coordinates;
        if (!found.has(id)) found.set(id, { id, name: String(props["name"] ?? id), lng: lng!, lat: lat!, proxy: rule.proxy === true });
      });
    }
    result[category.id] = [...found.values()];
  }
  return result;
}

export interface LifeCircleOptions {
  /** Straight-line → walking factor; ignored with a road network. @default standards.detour_factor.value (1.3) */
  detourFactor?: number;
  /** @default standards.walking_speed_m_per_min.value (80) */
  walkingSpeedMPerMin?: number;
  /** Road network for network distances instead of straight-line × detour. @default undefined */
  roads?: RoadGraph;
  /** Minutes beyond which a cell counts as "out of reach" (keeps scans short). @default 2 × the longest level */
  capMinutes?: number;
}

/** Walking minutes per cell for one category (Infinity = beyond the cap or no facility). */
export interface CategoryAccess {
  category: string;
  level: string;
  thresholdMinutes: number;
  facilities: Facility[];
  minutes: Float64Array;
  /** Index into `facilities` of the nearest one (−1 = none within the cap). */
  nearest: Int32Array;
}

export interface LifeCircleResult {
  demand: Demand;
  categories: CategoryAccess[];
  settings: { detourFactor: number; walkingSpeedMPerMin: number; capMinutes: number; network: boolean };
  roads?: RoadGraph;
  method: string;
}

function levelOf(standards: LifeCircleStandards, id: string): LifeCircleLevel {
  const level = standards.levels.find((l) => l.id === id);
  if (!level) throw new GeoInputError(`life-circle standards: unknown level "${id}"`);
  return level;
}

/** Walking minutes from every demand point to one category's facilities. */
export function categoryAccess(
  demand: Demand,
  facilities: ReadonlyArray<Facility>,
  settings: LifeCircleResult["settings"],
  roads?: RoadGraph,
): Pick<CategoryAccess, "minutes" | "nearest"> {
  const { detourFactor, walkingSpeedMPerMin, capMinutes } = settings;
  const capWalkM = capMinutes * walkingSpeedMPerMin;
  const minutes = new Float64Array(demand.count).fill(Infinity);
  if (roads) {
    const nearest = new Int32Array(demand.count).fill(-1);
    if (facilities.length === 0) return { minutes, nearest };
    const facilitySnap = snapToEdges(roads, facilities.map((f) => [f.lng, f.lat] as const));
    const sources = sourcesFromSnap(facilitySnap);
    const facilitiesOnEdge = new Map<number, number[]>();
    for (let f = 0; f < facilities.length; f++) {
      if (facilitySnap.edge[f]! >= 0) (facilitiesOnEdge.get(facilitySnap.edge[f]!) ?? facilitiesOnEdge.set(facilitySnap.edge[f]!, []).get(facilitySnap.edge[f]!)!).push(f);
    }
    const network = multiSourceDijkstra(roads, sources, { maxDistanceM: capWalkM });
    const demandSnap = snapToEdges(roads, Array.from({ length: demand.count }, (_, i) => [demand.lng[i]!, demand.lat[i]!] as const));
    for (let i = 0; i < demand.count; i++) {
      if (demandSnap.from[i]! < 0) continue;
      const viaFrom = network.distanceM[demandSnap.from[i]!]! + demandSnap.fromM[i]!;
      const viaTo = network.distanceM[demandSnap.to[i]!]! + demandSnap.toM[i]!;
      let walkM = Math.min(viaFrom, viaTo) + demandSnap.accessM[i]!;
      let label = network.label[viaFrom <= viaTo ? demandSnap.from[i]! : demandSnap.to[i]!]!;
      for (const f of facilitiesOnEdge.get(demandSnap.edge[i]!) ?? []) {
        const direct = sameEdgeDistanceM(demandSnap, i, facilitySnap, f);
        if (direct < walkM) { walkM = direct; label = f; }
      }
      if (walkM <= capWalkM) {
        minutes[i] = walkM / walkingSpeedMPerMin;
        nearest[i] = label;
      }
    }
    return { minutes, nearest };
  }
  const { nearest, distanceM } = nearestSiteDistances(demand, facilities, { maxDistanceM: capWalkM / detourFactor });
  for (let i = 0; i < demand.count; i++) if (nearest[i]! >= 0) minutes[i] = (distanceM[i]! * detourFactor) / walkingSpeedMPerMin;
  return { minutes, nearest };
}

/**
 * Walking minutes from each demand cell to the nearest facility of every category in the standards.
 * Straight-line metres × detour factor by default; network metres (Dijkstra from all facilities at
 * once, points joined to the nearest edge) when `roads` is given.
 * @example
 * const result = lifeCircleAccessibility(demandGrid(towns), facilitiesByCategory(layers, standards), standards);
 * lifeCircleCompliance(result, standards)
 */
export function lifeCircleAccessibility(
  demand: Demand,
  facilities: Record<string, Facility[]>,
  standards: LifeCircleStandards,
  options: LifeCircleOptions = {},
): LifeCircleResult {
  const settings = resolveSettings(standards, options);
  const categories = standards.categories.map((category): CategoryAccess => {
    const own = [...(facilities[category.id] ?? [])];
    return {
      category: category.id,
      level: category.level,
      thresholdMinutes: levelOf(standards, category.level).minutes,
      facilities: own,
      ...categoryAccess(demand, own, settings, options.roads),
    };
  });
  return {
    demand,
    categories,
    settings,
    ...(options.roads ? { roads: options.roads } : {}),
    method: settings.network
      ? `network walking distance (Dijkstra on the supplied roads, points joined to the nearest road edge) at ${settings.walkingSpeedMPerMin} m/min`
      : `straight-line geodesic distance × ${settings.detourFactor} detour at ${settings.walkingSpeedMPerMin} m/min`,
  };
}

function resolveSettings(standards: LifeCircleStandards, options: LifeCircleOptions): LifeCircleResult["settings"] {
  const detourFactor = options.detourFactor ?? standards.detour_factor.value;
  const walkingSpeedMPerMin = options.walkingSpeedMPerMin ?? standards.walking_speed_m_per_min.value;
  const capMinutes = options.capMinutes ?? 2 * Math.max(...standards.levels.map((l) => l.minutes));
  if (!(detourFactor >= 1)) throw new GeoInputError(`detour factor must be ≥ 1 (got ${detourFactor})`);
  if (!(walkingSpeedMPerMin > 0)) throw new GeoInputError(`walking speed must be > 0 m/min (got ${walkingSpeedMPerMin})`);
  if (!(capMinutes > 0)) throw new GeoInputError(`cap must be > 0 minutes (got ${capMinutes})`);
  return { detourFactor, walkingSpeedMPerMin, capMinutes, network: options.roads !== undefined };
}

export type Rating = "green" | "amber" | "red";

/** One township × category row of the compliance table. */
export interface ComplianceRow {
  code: string;
  name: string;
  category: string;
  level: string;
  threshold_min: number;
  facilities: number;
  /** Share (0–1) of the zone's demand within 5, 10 and 15 walking minutes (keys are level ids). */
  share_within: Record<string, number>;
  /** Share within the category's own threshold. */
  share: number;
  rating: Rating;
}

/**
 * Per township and category: share of demand (area, or population if weighted) within each level's
 * minutes and a red/amber/green rating at the category's own threshold. A last row per category with
 * code "*" covers all demand.
 * @example lifeCircleCompliance(result, standards).filter((row) => row.rating === "red")
 */
export function lifeCircleCompliance(result: LifeCircleResult, standards: LifeCircleStandards): ComplianceRow[] {
  const { demand } = result;
  const zoneCount = demand.zones.length;
  const rows: ComplianceRow[] = [];
  const rate = (share: number): Rating => share >= standards.rating.green_min_share ? "green" : share >= standards.rating.amber_min_share ? "amber" : "red";
  for (const access of result.categories) {
    const totals = new Float64Array(zoneCount + 1);
    const within = standards.levels.map(() => new Float64Array(zoneCount + 1));
    const withinOwn = new Float64Array(zoneCount + 1);
    for (let i = 0; i < demand.count; i++) {
      const zone = demand.zone[i]! >= 0 ? demand.zone[i]! : zoneCount;
      const w = demand.weight[i]!;
      const m = access.minutes[i]!;
      totals[zone]! += w;
      if (zone !== zoneCount) totals[zoneCount]! += w;
      standards.levels.forEach((level, l) => {
        if (m <= level.minutes) { within[l]![zone]! += w; if (zone !== zoneCount) within[l]![zoneCount]! += w; }
      });
      if (m <= access.thresholdMinutes) { withinOwn[zone]! += w; if (zone !== zoneCount) withinOwn[zoneCount]! += w; }
    }
    const zoneRows = [...demand.zones.map((z, index) => ({ ...z, index })), { code: "*", name: "all", index: zoneCount }];
    for (const zone of zoneRows) {
      const total = totals[zone.index]!;
      if (total === 0 && zone.code !== "*") continue;
      const share = total > 0 ? withinOwn[zone.index]! / total : 0;
      rows.push({
        code: zone.code,
        name: zone.name,
        category: access.category,
        level: access.level,
        threshold_min: access.thresholdMinutes,
        facilities: access.facilities.length,
        share_within: Object.fromEntries(standards.levels.map((level, l) => [level.id, total > 0 ? within[l]![zone.index]! / total : 0])),
        share,
        rating: rate(share),
      });
    }
  }
  return rows;
}

/**
 * Gap polygons: grid cells of one category beyond its threshold, merged (row runs → rectangles → union).
 * Requires a grid demand.
 * @example lifeCircleGaps(result, "primary-school") //addToMap
 */
export function lifeCircleGaps(result: LifeCircleResult, categoryId: string): FeatureCollection<Polygon | MultiPolygon> {
  const access = result.categories.find((c) => c.category === categoryId);
  if (!access) throw new GeoInputError(`unknown life-circle category "${categoryId}" (known: ${result.categories.map((c) => c.category).join(", ")})`);
  const inGap = new Uint8Array(result.demand.count);
  for (let i = 0; i < result.demand.count; i++) if (!(access.minutes[i]! <= access.thresholdMinutes)) inGap[i] = 1;
  return gridCellsToPolygons(result.demand, inGap, { category: access.category, threshold_min: access.thresholdMinutes });
}

/**
 * Demand cells as GeoJSON points with minutes per category (for maps and fixtures; null = beyond cap).
 * @example lifeCircleCells(result).features[0].properties["minutes_primary-school"]
 */
export function lifeCircleCells(result: LifeCircleResult): FeatureCollection<Point> {
  const { demand } = result;
  const features: Feature<Point>[] = [];
  for (let i = 0; i < demand.count; i++) {
    const properties: Record<string, unknown> = { zone: demand.zone[i]! >= 0 ? demand.zones[demand.zone[i]!]!.code : null };
    for (const access of result.categories) {
      properties[`minutes_${access.category}`] = Number.isFinite(access.minutes[i]!) ? access.minutes[i] : null;
    }
    features.push({ type: "Feature", properties, geometry: { type: "Point", coordinates: [demand.lng[i]!, demand.lat[i]!] } });
  }
  return { type: "FeatureCollection", features };
}

/** Facilities from any point layer, for what-if edits and external input. Throws on non-point geometry. */
export function facilitiesFromPoints(points: FeatureCollection, label = "facilities"): Facility[] {
  assertValidCollection(points, label, ["Point"]);
  return points.features.flatMap((feature, index) => {
    if (feature.geometry?.type !== "Point") return [];
    const props = (feature.properties ?? {}) as Record<string, unknown>;
    const id = String(props["id"] ?? feature.id ?? featureLabel(feature, index));
    return [{ id, name: String(props["name"] ?? id), lng: feature.geometry.coordinates[0]!, lat: feature.geometry.coordinates[1]!, proxy: false }];
  });
}

/** Straight-line influence radius (metres) of one facility under the result's settings: beyond it nothing changes. */
export function influenceRadiusM(settings: LifeCircleResult["settings"]): number {
  return (settings.capMinutes * settings.walkingSpeedMPerMin) / settings.detourFactor;
}

/** Minutes from a point to one facility under the straight-line settings. */
export function straightLineMinutes(settings: LifeCircleResult["settings"], facility: Facility, lng: number, lat: number): number {
  return (haversineDistanceM([facility.lng, facility.lat], [lng, lat]) * settings.detourFactor) / settings.walkingSpeedMPerMin;
}

