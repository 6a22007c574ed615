/**
 * Turns hand-placed source features (geodata/sources/*.geojson) into package features.
 * A source feature either carries its own geometry (hand-traced lines and shapes) or a `placement`
 * rule that builds the geometry from features the build already made, so a schematic shape can never
 * drift from the outline or seat it was placed against:
 *
 * - `{ "copy": id }`                      geometry of another feature (e.g. the county outline)
 * - `{ "union": [id, …] }`                union of polygon features
 * - `{ "point": anchor }`                 a point
 * - `{ "circle": { "centre": anchor, "area_km2": n }, "clip"?: id }`           circle of that area
 * - `{ "box": { "anchor": anchor, "west_km": w, "east_km": e, "south_km": s, "north_km": n }, "clip"?: id }`
 *                                         north-up rectangle with edges given relative to the anchor, so
 *                                         boxes that share an edge value share the edge exactly
 * - `{ "junction": [idA, idB, idC] }`     vertex of A's outline closest to both B and C (tri-border)
 *
 * An anchor is `[lng, lat]`, `{ "at": id | [lng, lat], "offset_km"?: [east, north] }` (a town's seat, a
 * point, the centre a shape was built around, or a literal position) or `{ "border_from": id, "bearing_deg": b }` (where a ray from
 * that anchor meets the county outline).
 */
import * as turf from "@turf/turf";
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from "geojson";
import type { AtlasFeatureProperties } from "../../src/data/types.ts";
import { STATUSES } from "../../src/data/types.ts";
import type { SourceFeature } from "./read-inputs.ts";
import { localPlane } from "./power-diagram.ts";
import { roundGeometry, roundTo } from "./serialize.ts";

type PlacedGeometry = Geometry | null;

/** What later rules can refer to: a feature's geometry and the point it was placed at. */
export interface PlacementContext {
  geometries: Map<string, PlacedGeometry>;
  anchors: Map<string, Position>;
  countyId: string;
}

export type ResolvedFeature = Feature<Geometry | null, AtlasFeatureProperties>;

const POINT_DECIMALS = 5;
const SHAPE_DECIMALS = 5;
const CIRCLE_STEPS = 48;

function fail(layer: string, id: string, problem: string): never {
  throw new Error(`geodata/sources/${layer}.geojson, feature ${id}: ${problem}`);
}

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === "number" && Number.isFinite(v));
}

function polygonOf(ctx: PlacementContext, ref: string, fail_: (p: string) => never): Feature<Polygon | MultiPolygon> {
  const geometry = ctx.geometries.get(ref);
  if (!geometry || (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon")) fail_(`"${ref}" is not a known polygon feature`);
  return turf.feature(geometry);
}

function resolveAnchor(ctx: PlacementContext, anchor: unknown, fail_: (p: string) => never): Position {
  if (isPosition(anchor)) return anchor;
  const spec = anchor as { at?: unknown; offset_km?: unknown; border_from?: unknown; bearing_deg?: unknown };
  if (typeof spec?.at === "string" || isPosition(spec?.at)) {
    const base = isPosition(spec.at) ? spec.at : ctx.anchors.get(spec.at as string);
    if (!base) fail_(`anchor "${String(spec.at)}" is not a known feature`);
    if (spec.offset_km === undefined) return base;
    if (!isPosition(spec.offset_km)) fail_("offset_km must be [east, north] in km");
    const plane = localPlane(base);
    return plane.toLngLat(spec.offset_km);
  }
  if (spec?.border_from !== undefined && typeof spec.bearing_deg === "number") {
    const from = resolveAnchor(ctx, spec.border_from, fail_);
    const far = turf.destination(from, 60, spec.bearing_deg, { units: "kilometers" }).geometry.coordinates;
    const border = turf.polygonToLine(polygonOf(ctx, ctx.countyId, fail_));
    const hits = turf.lineIntersect(turf.lineString([from, far]), border as Feature<never>).features;
    if (hits.length === 0) fail_("ray does not meet the county outline");
    const nearest = hits.map((h) => h.geometry.coordinates).sort((a, b) => turf.distance(from, a) - turf.distance(from, b))[0];
    return nearest;
  }
  return fail_(`cannot read anchor ${JSON.stringify(anchor)}`);
}

function clipTo(ctx: PlacementContext, shape: Feature<Polygon>, clip: unknown, fail_: (p: string) => never): Feature<Polygon | MultiPolygon> {
  if (clip === undefined) return shape;
  if (typeof clip !== "string") fail_("clip must be a feature id");
  const clipped = turf.intersect(turf.featureCollection([shape, polygonOf(ctx, clip, fail_)]));
  if (!clipped) fail_(`shape lies entirely outside "${clip}"`);
  return clipped as Feature<Polygon | MultiPolygon>;
}

interface BoxEdges {
  west_km: number;
  east_km: number;
  south_km: number;
  north_km: number;
}

function boxAround(anchor: Position, edges: BoxEdges): Feature<Polygon> {
  const plane = localPlane(anchor);
  const { west_km: w, east_km: e, south_km: s, north_km: n } = edges;
  const ring = [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ].map(plane.toLngLat);
  return turf.polygon([ring]);
}

/**
 * The vertex of `a`'s outline that is closest to both `b` and `c` (minimises the larger distance).
 * Distances are vertex-to-vertex in a local plane: the outlines have vertices every ~100 m, far finer
 * than their ~300 m accuracy, and this is thousands of times faster than point-to-line geodesics.
 */
function junction(ctx: PlacementContext, ids: string[], fail_: (p: string) => never): Position {
  const [a, b, c] = ids.map((id) => polygonOf(ctx, id, fail_));
  const plane = localPlane(turf.center(a).geometry.coordinates);
  const [verticesB, verticesC] = [b, c].map((f) => turf.coordAll(f).map(plane.toPlane));
  const nearestKm = (p: Position, vertices: Position[]) => Math.min(...vertices.map((v) => Math.hypot(v[0] - p[0], v[1] - p[1])));
  let best: { at: Position; km: number } | null = null;
  for (const vertex of turf.coordAll(a)) {
    const xy = plane.toPlane(vertex);
    const km = Math.max(nearestKm(xy, verticesB), nearestKm(xy, verticesC));
    if (!best || km < best.km) best = { at: vertex, km };
  }
  if (!best || best.km > 1) fail_(`outlines ${ids.join(", ")} do not meet within 1 km`);
  return best.at;
}

interface Placed {
  geometry: PlacedGeometry;
  anchor: Position | null;
  rule: string;
}

function place(ctx: PlacementContext, placement: unknown, fail_: (p: string) => never): Placed {
  const rule = placement as Record<string, unknown>;
  if (typeof rule.copy === "string") {
    const geometry = ctx.geometries.get(rule.copy);
    if (!geometry) fail_(`copy: "${rule.copy}" is not a known feature`);
    return { geometry, anchor: ctx.anchors.get(rule.copy) ?? null, rule: `geometry of ${rule.copy}` };
  }
  if (Array.isArray(rule.union)) {
    const parts = rule.union.map((id) => polygonOf(ctx, String(id), fail_));
    const merged = turf.union(turf.featureCollection(parts));
    if (!merged) fail_("union is empty");
    return { geometry: merged.geometry, anchor: null, rule: `union of ${rule.union.join(" + ")}` };
  }
  if (rule.point !== undefined) {
    const at = resolveAnchor(ctx, rule.point, fail_);
    return { geometry: { type: "Point", coordinates: at }, anchor: at, rule: `point at ${describeAnchor(rule.point)}` };
  }
  if (rule.circle !== undefined) {
    const spec = rule.circle as { centre?: unknown; area_km2?: unknown };
    if (typeof spec.area_km2 !== "number" || spec.area_km2 <= 0) fail_("circle.area_km2 must be a positive number");
    const centre = resolveAnchor(ctx, spec.centre, fail_);
    const radiusKm = Math.sqrt(spec.area_km2 / Math.PI);
    const circle = turf.circle(centre, radiusKm, { steps: CIRCLE_STEPS, units: "kilometers" });
    const clipped = clipTo(ctx, circle, rule.clip, fail_);
    const clipNote = rule.clip ? `, clipped to ${rule.clip}` : "";
    return { geometry: clipped.geometry, anchor: centre, rule: `circle of ${spec.area_km2} km² (r ${roundTo(radiusKm, 2)} km) at ${describeAnchor(spec.centre)}${clipNote}` };
  }
  if (rule.box !== undefined) {
    const spec = rule.box as Partial<BoxEdges> & { anchor?: unknown };
    const edges = [spec.west_km, spec.east_km, spec.south_km, spec.north_km];
    if (!edges.every((v) => typeof v === "number") || spec.west_km! >= spec.east_km! || spec.south_km! >= spec.north_km!) {
      fail_("box needs numeric west_km < east_km and south_km < north_km");
    }
    const anchor = resolveAnchor(ctx, spec.anchor, fail_);
    const box = boxAround(anchor, spec as BoxEdges);
    const clipped = clipTo(ctx, box, rule.clip, fail_);
    const clipNote = rule.clip ? `, clipped to ${rule.clip}` : "";
    const [width, height] = [spec.east_km! - spec.west_km!, spec.north_km! - spec.south_km!];
    return {
      geometry: clipped.geometry,
      anchor: turf.centroid(box).geometry.coordinates,
      rule: `box ${roundTo(width, 3)} × ${roundTo(height, 3)} km (${roundTo(width * height, 2)} km²), edges ${spec.west_km}…${spec.east_km} km E and ${spec.south_km}…${spec.north_km} km N of ${describeAnchor(spec.anchor)}${clipNote}`,
    };
  }
  if (Array.isArray(rule.junction) && rule.junction.length === 3) {
    const at = junction(ctx, rule.junction.map(String), fail_);
    return { geometry: { type: "Point", coordinates: at }, anchor: at, rule: `vertex of ${rule.junction[0]} nearest to both ${rule.junction[1]} and ${rule.junction[2]}` };
  }
  return fail_(`unknown placement ${JSON.stringify(placement)}`);
}

function describeAnchor(anchor: unknown): string {
  if (isPosition(anchor)) return `[${anchor.join(", ")}]`;
  const spec = anchor as { at?: string | Position; offset_km?: Position; border_from?: unknown; bearing_deg?: number };
  if (spec.at) {
    const base = isPosition(spec.at) ? `[${spec.at.join(", ")}]` : spec.at;
    return spec.offset_km ? `${base} + ${spec.offset_km[0]} km E, ${spec.offset_km[1]} km N` : base;
  }
  return `the county border on bearing ${spec.bearing_deg}° from ${describeAnchor(spec.border_from)}`;
}

const REQUIRED = ["id", "name", "name_en", "name_pinyin", "source", "method", "status", "accuracy_m"] as const;

/**
 * Resolves one hand-placed layer. Adds `placement_rule` (what the build did) and, for polygons,
 * `computed_area_km2`; registers each result in `ctx` so later features can refer to it.
 * @example resolveLayer("zones", sources.zones, ctx)
 */
export function resolveLayer(layer: string, sources: SourceFeature[], ctx: PlacementContext): ResolvedFeature[] {
  return sources.map((source, index) => {
    const props = source.properties ?? {};
    const id = typeof props.id === "string" ? props.id : `#${index}`;
    const fail_ = (problem: string): never => fail(layer, id, problem);
    for (const key of REQUIRED) if (props[key] === undefined || props[key] === "") fail_(`missing property "${key}"`);
    if (!(STATUSES as readonly unknown[]).includes(props.status)) fail_(`status "${String(props.status)}" is not one of ${STATUSES.join("|")}`);
    if (typeof props.accuracy_m !== "number" || props.accuracy_m < 0) fail_("accuracy_m must be a non-negative number");
    if (ctx.geometries.has(id)) fail_("duplicate id");
    if (source.placement !== undefined && source.geometry !== null) fail_("has both a geometry and a placement rule");

    const placed: Placed =
      source.placement !== undefined
        ? place(ctx, source.placement, fail_)
        : { geometry: source.geometry, anchor: source.geometry?.type === "Point" ? source.geometry.coordinates : null, rule: source.geometry ? "geometry as written in the source file" : "no geometry" };
    const decimals = placed.geometry?.type === "Point" ? POINT_DECIMALS : SHAPE_DECIMALS;
    const geometry = placed.geometry ? roundGeometry(placed.geometry, decimals) : null;
    const isArea = geometry?.type === "Polygon" || geometry?.type === "MultiPolygon";
    const anchor = placed.anchor ?? (geometry ? turf.centroid(turf.feature(geometry)).geometry.coordinates : null);

    ctx.geometries.set(id, geometry);
    if (anchor) ctx.anchors.set(id, anchor);
    return {
      type: "Feature",
      geometry,
      properties: {
        ...(props as AtlasFeatureProperties),
        placement_rule: placed.rule,
        ...(isArea ? { computed_area_km2: roundTo(turf.area(turf.feature(geometry)) / 1e6, 2) } : {}),
      },
    } satisfies ResolvedFeature;
  });
}
