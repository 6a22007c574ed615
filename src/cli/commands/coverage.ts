/**
 * `atlas coverage`: share of each township (or any polygon layer) within the service radius of a point
 * layer's stations. Radii come from `--radius`, else each station's `service_radius_m`, else its tier's
 * default in emergency-standards.json; with radii from the data, JSON `radius_m` is null.
 */
import type { FeatureCollection, MultiPolygon, Point, Polygon } from "geojson";
import { coverageByPolygon } from "../../analysis/service-coverage.ts";
import { areaStatistics } from "../../analysis/area-statistics.ts";
import { redundancyByPolygon } from "../../analysis/redundancy.ts";
import {
  DEFAULT_PACKAGE_DIR,
  formatTable,
  loadPackage,
  loadTierRadii,
  numberOption,
  parseCommandArgs,
  resolveLayer,
  runCommand,
  worstStatus,
  type LoadedLayer,
} from "../package-loader.ts";

export const summary = "covered area per township within stations' service radii (geodesic)";

const USAGE = `usage: npm run atlas -- coverage --layer <layer-id|kind|file> [--radius <metres>] [--by <layer-id|kind|file>] [--package <dir>] [--json]
  --layer    point layer of stations (default: emergency)
  --radius   one radius in metres for every station (default: per-feature service_radius_m, else the tier default)
  --by       polygon layer to report on (default: towns)
  --package  data package directory (default: ${DEFAULT_PACKAGE_DIR})
  --redundancy  also report the share of each township covered by 0, 1, 2 and 3+ stations (100 m grid)
  --json     print { radius_m, areas: [{ code, name, area_km2, covered_km2, covered_pct }], total, method, caveats }
             (plus "redundancy" with --redundancy)`;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Caveats worth printing next to any number derived from these layers. */
export function statusCaveats(layers: LoadedLayer[]): string[] {
  return layers.flatMap(({ layer, collection }) => {
    const status = worstStatus(collection) ?? layer.status;
    if (status === "schematic") return [`layer "${layer.id}" is SCHEMATIC (placeholder positions/shapes): results are illustrative, not measurements`];
    if (status === "approximate") return [`layer "${layer.id}" is approximate: expect errors of the order of its accuracy_m`];
    return [];
  });
}

export async function run(args: string[]): Promise<number> {
  return runCommand("coverage", USAGE, args, () => {
    const values = parseCommandArgs(args, {
      layer: { type: "string", default: "emergency" },
      radius: { type: "string" },
      by: { type: "string", default: "towns" },
      package: { type: "string", default: DEFAULT_PACKAGE_DIR },
      json: { type: "boolean", default: false },
      redundancy: { type: "boolean", default: false },
    });
    const radiusM = numberOption(values.radius, "radius", { min: 0 });
    const pkg = loadPackage(values.package);
    const stations = resolveLayer(pkg, values.layer!);
    const areas = resolveLayer(pkg, values.by!);
    const points = { type: "FeatureCollection", features: stations.collection.features.filter((f) => f.geometry?.type === "Point") } as FeatureCollection<Point>;
    const polygons = { type: "FeatureCollection", features: areas.collection.features.filter((f) => f.geometry?.type === "Polygon" || f.geometry?.type === "MultiPolygon") } as FeatureCollection<Polygon | MultiPolygon>;
    const radiusOptions = radiusM !== undefined ? { radiusM } : { radiusByTierM: loadTierRadii(pkg) };
    const result = coverageByPolygon(points, polygons, radiusOptions);
    const redundancy = values.redundancy ? redundancyByPolygon(points, polygons, radiusOptions) : undefined;
    const caveats = [
      ...statusCaveats([stations, areas]),
      ...(points.features.length === 0 ? [`layer "${stations.layer.id}" has no point features: nothing is covered`] : []),
      ...(polygons.features.length === 0 ? [`layer "${areas.layer.id}" has no polygons: nothing to report on`] : []),
      ...(radiusM === undefined ? [`radii from the data (${result.radii_m.join(", ") || "none"} m): per-feature service_radius_m, else tier defaults`] : []),
      "straight-line (geodesic) radius, not travel time on roads",
    ];
    if (values.json) {
      console.log(JSON.stringify({
        radius_m: result.radius_m,
        areas: result.areas.map((a) => ({ code: a.code, name: a.name, area_km2: round(a.area_km2, 3), covered_km2: round(a.covered_km2, 3), covered_pct: round(a.covered_pct, 2) })),
        total: { area_km2: round(result.total.area_km2, 3), covered_km2: round(result.total.covered_km2, 3), covered_pct: round(result.total.covered_pct, 2) },
        method: result.method,
        caveats,
        ...(redundancy ? { redundancy: redundancy.map((r) => ({ ...r, pct_by_count: Object.fromEntries(Object.entries(r.pct_by_count).map(([k, v]) => [k, round(v, 2)])) })) } : {}),
      }));
      return 0;
    }
    const official = new Map(areaStatistics(polygons).map((row) => [row.code ?? row.id, row.official_area_km2]));
    console.log(`Coverage of "${areas.layer.id}" by "${stations.layer.id}" (${points.features.length} stations), ${result.radius_m === null ? "radii from the data" : `radius ${result.radius_m} m`}\n`);
    console.log(formatTable(
      ["code", "name", "area km²", "official km²", "covered km²", "covered %"],
      [
        ...result.areas.map((a) => [a.code, a.name, round(a.area_km2, 2), official.get(a.code) ?? "—", round(a.covered_km2, 2), round(a.covered_pct, 1)]),
        ["", "total", round(result.total.area_km2, 2), "", round(result.total.covered_km2, 2), round(result.total.covered_pct, 1)],
      ],
    ));
    if (redundancy) {
      console.log("\nRedundancy: share of area within reach of N stations (100 m grid)\n");
      console.log(formatTable(["code", "name", "0 %", "1 %", "2 %", "3+ %"], redundancy.map((r) => [r.code, r.name, ...Object.values(r.pct_by_count).map((v) => round(v, 1))])));
    }
    console.log(`\nmethod: ${result.method}`);
    for (const caveat of caveats) console.log(`caveat: ${caveat}`);
    return 0;
  });
}
