/**
 * `atlas lifecircle`: walking minutes from a demand grid to the nearest facility of each life-circle
 * category (geodata/standards/life-circle.json) and the per-township compliance table.
 */
import type { FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon } from "geojson";
import { demandGrid } from "../../analysis/demand-grid.ts";
import { facilitiesByCategory, lifeCircleAccessibility, lifeCircleCompliance, lifeCircleGaps, type FacilityLayer } from "../../analysis/life-circle.ts";
import { buildRoadGraph } from "../../analysis/road-network.ts";
import { GeoInputError } from "../../analysis/validate-geojson.ts";
import { statusCaveats } from "./coverage.ts";
import {
  DEFAULT_PACKAGE_DIR,
  UsageError,
  formatTable,
  layerOfKind,
  loadLifeCircleStandards,
  loadPackage,
  numberOption,
  parseCommandArgs,
  resolveLayer,
  runCommand,
  type DataPackage,
  type LoadedLayer,
} from "../package-loader.ts";

export const summary = "15-minute life circle: walking minutes to facilities and compliance per township";

const USAGE = `usage: npm run atlas -- lifecircle [--township <code>] [--grid <metres>] [--roads <file>] [--detour <factor>] [--speed <m/min>] [--package <dir>] [--json]
  --township  only this township (its code in the towns layer)
  --grid      demand cell size in metres (default 100)
  --roads     GeoJSON road lines: network walking distance instead of straight line × detour
  --detour    straight-line → walking factor (default from the standards, 1.3)
  --speed     walking speed in m/min (default from the standards, 80)
  --json      print { warnings, settings, levels, facilities, cells, compliance, gaps_km2 }`;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The polygons demand is laid over: the towns layer, else the county outline. */
export function demandArea(pkg: DataPackage): LoadedLayer {
  const area = layerOfKind(pkg, "towns") ?? layerOfKind(pkg, "county");
  if (!area) throw new UsageError(`package ${pkg.dir} has neither a towns nor a county layer to lay the demand grid over`);
  return area;
}

/** Every point-bearing layer in the package, for facility matching. */
export function facilityLayers(pkg: DataPackage): Array<FacilityLayer & { loaded: LoadedLayer }> {
  return pkg.manifest.layers
    .filter((l) => l.geometry === "Point" || l.geometry === "Mixed")
    .map((l) => resolveLayer(pkg, l.id))
    .map((loaded) => ({ kind: loaded.layer.kind, collection: loaded.collection, loaded }));
}

/** The layers that contributed at least one of the facilities (for caveats). */
export function layersWith(layers: Array<FacilityLayer & { loaded: LoadedLayer }>, facilities: ReadonlyArray<{ id: string }>): LoadedLayer[] {
  const ids = new Set(facilities.map((f) => f.id));
  return layers.filter((l) => l.collection.features.some((f) => ids.has(String((f.properties ?? {})["id"])))).map((l) => l.loaded);
}

export function polygonsOf(collection: FeatureCollection): FeatureCollection<Polygon | MultiPolygon> {
  return { type: "FeatureCollection", features: collection.features.filter((f) => f.geometry?.type === "Polygon" || f.geometry?.type === "MultiPolygon") } as FeatureCollection<Polygon | MultiPolygon>;
}

/** The demand grid over the area, or over one township when `--township` gives its code. */
export function townshipGrid(area: LoadedLayer, cellSizeM: number, township: string | undefined) {
  try {
    return demandGrid(polygonsOf(area.collection), { cellSizeM, ...(township ? { zoneCode: township } : {}) });
  } catch (error) {
    if (township && error instanceof GeoInputError) throw new UsageError(`--township: ${error.message}`);
    throw error;
  }
}

export async function run(args: string[]): Promise<number> {
  return runCommand("lifecircle", USAGE, args, () => {
    const values = parseCommandArgs(args, {
      township: { type: "string" },
      grid: { type: "string", default: "100" },
      roads: { type: "string" },
      detour: { type: "string" },
      speed: { type: "string" },
      package: { type: "string", default: DEFAULT_PACKAGE_DIR },
      json: { type: "boolean", default: false },
    });
    const cellSizeM = numberOption(values.grid, "grid", { min: 1 })!;
    const detourFactor = numberOption(values.detour, "detour", { min: 1 });
    const walkingSpeedMPerMin = numberOption(values.speed, "speed", { min: 1 });
    const pkg = loadPackage(values.package);
    const standards = loadLifeCircleStandards(pkg);
    const area = demandArea(pkg);
    const demand = townshipGrid(area, cellSizeM, values.township);
    if (demand.count > 2_000_000) throw new UsageError(`--grid ${cellSizeM} gives ${demand.count} cells; use a coarser grid`);
    const layers = facilityLayers(pkg);
    const facilities = facilitiesByCategory(layers, standards);
    const roads = values.roads ? buildRoadGraph(resolveLayer(pkg, values.roads).collection as FeatureCollection<LineString | MultiLineString>) : undefined;
    const result = lifeCircleAccessibility(demand, facilities, standards, {
      ...(detourFactor !== undefined ? { detourFactor } : {}),
      ...(walkingSpeedMPerMin !== undefined ? { walkingSpeedMPerMin } : {}),
      ...(roads ? { roads } : {}),
    });
    const compliance = lifeCircleCompliance(result, standards);
    const facilityCount = Object.fromEntries(Object.entries(facilities).map(([id, list]) => [id, list.length]));
    const proxyCount = Object.values(facilities).flat().filter((f) => f.proxy).length;
    const totalFacilities = Object.values(facilityCount).reduce((a, b) => a + b, 0);
    const warnings = [
      ...(totalFacilities - proxyCount < 5
        ? [`INPUTS ARE SCHEMATIC — RESULTS ARE ILLUSTRATIVE ONLY: ${totalFacilities - proxyCount} facilities match a life-circle category directly and ${proxyCount} only through proxy rules; every category without facilities scores 0 %`]
        : []),
      ...statusCaveats([area, ...layersWith(layers, Object.values(facilities).flat())]),
      ...(proxyCount > 0 ? [`${proxyCount} facilities count only through PROXY rules (see "match" in standards/life-circle.json)`] : []),
      ...standards.levels.filter((l) => !l.distance_verified).map((l) => `${l.id}: cited distance ${l.distance_m} m is UNVERIFIED (${l.note ?? ""})`),
      "TD/T 1062-2021 town/village life-circle distances were not found; GB 50180 urban levels are applied everywhere",
      `demand is weighted by area (no population data by cell); ${result.method}`,
    ];
    const gapsKm2 = Object.fromEntries(result.categories.map((c) => [c.category, round(lifeCircleGaps(result, c.category).features[0]?.properties?.["area_km2"] as number ?? 0, 3)]));
    if (values.json) {
      console.log(JSON.stringify({
        warnings,
        settings: { ...result.settings, cell_size_m: cellSizeM, township: values.township ?? null },
        levels: standards.levels.map((l) => ({ id: l.id, minutes: l.minutes, distance_m: l.distance_m, distance_verified: l.distance_verified })),
        facilities: facilityCount,
        cells: demand.count,
        compliance: compliance.map((row) => ({ ...row, share: round(row.share, 4), share_within: Object.fromEntries(Object.entries(row.share_within).map(([k, v]) => [k, round(v, 4)])) })),
        gaps_km2: gapsKm2,
      }));
      return 0;
    }
    for (const warning of warnings) console.log(`! ${warning}`);
    console.log(`\n${demand.count} cells of ${cellSizeM} m; facilities per category: ${Object.entries(facilityCount).map(([k, v]) => `${k} ${v}`).join(", ")}\n`);
    const pct = (v: number) => round(100 * v, 1);
    const empty = Object.entries(facilityCount).filter(([, n]) => n === 0).map(([id]) => id);
    console.log(formatTable(
      ["code", "name", "category", "limit min", "≤5 min %", "≤10 min %", "≤15 min %", "rating"],
      compliance.filter((r) => !empty.includes(r.category)).map((r) => [r.code, r.name, r.category, r.threshold_min, pct(r.share_within["5min"] ?? 0), pct(r.share_within["10min"] ?? 0), pct(r.share_within["15min"] ?? 0), r.rating]),
    ));
    if (empty.length) console.log(`
no facilities at all, so 0 % (red) everywhere: ${empty.join(", ")}`);
    console.log(`\ngap area beyond each category's limit (km²): ${Object.entries(gapsKm2).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    return 0;
  });
}
