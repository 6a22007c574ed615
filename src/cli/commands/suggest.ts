/**
 * `atlas suggest`: greedy maximal-coverage site suggestions for one life-circle category (existing
 * facilities of that category count as already covering), or for a point layer such as emergency.
 */
import { facilitiesByCategory } from "../../analysis/life-circle.ts";
import { candidateGrid, suggestSites } from "../../analysis/suggest-sites.ts";
import { demandArea, facilityLayers, layersWith, townshipGrid } from "./lifecircle.ts";
import { statusCaveats } from "./coverage.ts";
import {
  DEFAULT_PACKAGE_DIR,
  UsageError,
  formatTable,
  loadLifeCircleStandards,
  loadPackage,
  numberOption,
  parseCommandArgs,
  runCommand,
} from "../package-loader.ts";

export const summary = "suggest N new sites that newly cover the most demand within a radius";

const USAGE = `usage: npm run atlas -- suggest --category <c> --radius <metres> --count <n> [--township <code>] [--grid <metres>] [--spacing <metres>] [--package <dir>] [--json]
  --category  a life-circle category id (see geodata/standards/life-circle.json) or a point layer kind (e.g. emergency)
  --radius    coverage radius in metres (geodesic, straight line)
  --count     how many sites to pick
  --grid      demand cell size in metres (default 100); --spacing candidate lattice in metres (default 500)`;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function run(args: string[]): Promise<number> {
  return runCommand("suggest", USAGE, args, () => {
    const values = parseCommandArgs(args, {
      category: { type: "string" },
      radius: { type: "string" },
      count: { type: "string" },
      township: { type: "string" },
      grid: { type: "string", default: "100" },
      spacing: { type: "string", default: "500" },
      package: { type: "string", default: DEFAULT_PACKAGE_DIR },
      json: { type: "boolean", default: false },
    });
    if (!values.category || values.radius === undefined || values.count === undefined) throw new UsageError("--category, --radius and --count are required");
    const radiusM = numberOption(values.radius, "radius", { min: 1 })!;
    const count = numberOption(values.count, "count", { min: 1, integer: true })!;
    const cellSizeM = numberOption(values.grid, "grid", { min: 1 })!;
    const spacingM = numberOption(values.spacing, "spacing", { min: 1 })!;
    const pkg = loadPackage(values.package);
    const standards = loadLifeCircleStandards(pkg);
    const layers = facilityLayers(pkg);
    let existingPoints: Array<{ lng: number; lat: number }>;
    let sourceLayers;
    if (standards.categories.some((c) => c.id === values.category)) {
      const matched = facilitiesByCategory(layers, standards)[values.category]!;
      existingPoints = matched;
      sourceLayers = layersWith(layers, matched);
    } else {
      const layer = layers.find((l) => l.kind === values.category || l.loaded.layer.id === values.category);
      if (!layer) throw new UsageError(`unknown category "${values.category}" (life-circle categories: ${standards.categories.map((c) => c.id).join(", ")}; point layers: ${layers.map((l) => l.loaded.layer.id).join(", ")})`);
      existingPoints = layer.collection.features.flatMap((f) => (f.geometry?.type === "Point" ? [{ lng: f.geometry.coordinates[0]!, lat: f.geometry.coordinates[1]! }] : []));
      sourceLayers = [layer.loaded];
    }
    const area = demandArea(pkg);
    const demand = townshipGrid(area, cellSizeM, values.township);
    const candidates = candidateGrid(demand, spacingM);
    const result = suggestSites(demand, candidates, { radiusM, count, existing: existingPoints.map((p) => ({ lng: p.lng, lat: p.lat, radiusM })) });
    const caveats = [
      ...statusCaveats([area, ...sourceLayers]),
      `${existingPoints.length} existing "${values.category}" facilities count as covering; demand is area-weighted ${cellSizeM} m cells; candidates every ${spacingM} m`,
      "demand is area, not people: where demand is uniform many sites tie and the pick among them (lowest candidate index) is arbitrary",
      "greedy maximal coverage (within 1 − 1/e of the optimum), straight-line radius; a suggestion is a place to look, not a site decision",
    ];
    if (values.json) {
      console.log(JSON.stringify({
        category: values.category,
        radius_m: radiusM,
        count,
        cells: demand.count,
        candidates: candidates.length,
        existing: existingPoints.length,
        weight_kind: result.weight_kind,
        baseline_pct: round(result.baseline_pct, 2),
        final_pct: round(result.final_pct, 2),
        picks: result.picks.map((p) => ({ rank: p.rank, lng: round(p.lng, 6), lat: round(p.lat, 6), gain_km2: round(p.gain / 1e6, 3), gain_pct: round(p.gain_pct, 2), cumulative_pct: round(p.cumulative_pct, 2) })),
        caveats,
      }));
      return 0;
    }
    console.log(`Suggested sites for "${values.category}" (radius ${radiusM} m): coverage ${round(result.baseline_pct, 1)} % → ${round(result.final_pct, 1)} %\n`);
    console.log(formatTable(["rank", "lng", "lat", "gain km²", "gain %", "cumulative %"], result.picks.map((p) => [p.rank, round(p.lng, 5), round(p.lat, 5), round(p.gain / 1e6, 2), round(p.gain_pct, 1), round(p.cumulative_pct, 1)])));
    if (result.picks.length < count) console.log(`\nonly ${result.picks.length} sites add coverage; the rest of the demand is already covered`);
    for (const caveat of caveats) console.log(`caveat: ${caveat}`);
    return 0;
  });
}
