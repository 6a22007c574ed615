/** Turf-style in/out fixtures for the analysis functions (see test/fixtures/analysis/run-fixtures.ts). */
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from "geojson";
import { runFixtures } from "../../test/fixtures/analysis/run-fixtures.ts";
import standardsJson from "../../geodata/standards/life-circle.json" with { type: "json" };
import { coverageByPolygon, serviceAreas, type CoverageByPolygonOptions } from "./service-coverage.ts";
import { areaStatistics, zoneTownshipOverlap } from "./area-statistics.ts";
import { demandGrid } from "./demand-grid.ts";
import { facilitiesByCategory, lifeCircleAccessibility, lifeCircleCompliance, lifeCircleGaps, type LifeCircleStandards } from "./life-circle.ts";
import { candidateGrid, suggestSites } from "./suggest-sites.ts";
import { buildRoadGraph } from "./road-network.ts";

const points = (fc: FeatureCollection) => ({ type: "FeatureCollection", features: fc.features.filter((f) => f.geometry?.type === "Point") }) as FeatureCollection<Point>;
const areas = (fc: FeatureCollection) => ({ type: "FeatureCollection", features: fc.features.filter((f) => f.geometry?.type.endsWith("Polygon")) }) as FeatureCollection<Polygon | MultiPolygon>;
const byRole = (fc: FeatureCollection, role: string) => ({ type: "FeatureCollection", features: fc.features.filter((f) => f.properties?.["role"] === role) }) as FeatureCollection;

runFixtures("coverage-by-polygon", (input, options) => {
  const result = coverageByPolygon(points(input), areas(input), options as CoverageByPolygonOptions);
  return {
    features: [...result.coverage.features, ...result.uncovered.features.map((f): Feature => ({ ...f, properties: { ...f.properties, fill: "#f80" } }))],
    summary: { radius_m: result.radius_m, radii_m: result.radii_m, areas: result.areas, total: result.total },
  };
});

runFixtures("service-areas", (input, options) => ({ features: serviceAreas(points(input), options).features }));

runFixtures("area-statistics", (input) => ({ features: [], summary: areaStatistics(input) }));

runFixtures("zone-township-overlap", (input) => ({ features: [], summary: zoneTownshipOverlap(byRole(input, "zone"), byRole(input, "township")) }));

runFixtures("life-circle", (input, options) => {
  const all = standardsJson as unknown as LifeCircleStandards;
  const standards = { ...all, categories: all.categories.filter((c) => (options["categories"] as string[]).includes(c.id)) };
  const demand = demandGrid(areas(input), { cellSizeM: options["cellSizeM"] as number, ...(options["zoneCode"] ? { zoneCode: options["zoneCode"] as string } : {}) });
  const roads = options["network"] ? buildRoadGraph({ type: "FeatureCollection", features: input.features.filter((f) => f.geometry?.type === "LineString") } as FeatureCollection<LineString>) : undefined;
  const result = lifeCircleAccessibility(demand, facilitiesByCategory([{ kind: "fixture", collection: points(input) }], standards), standards, {
    ...(roads ? { roads } : {}),
    ...(options["capMinutes"] ? { capMinutes: options["capMinutes"] as number } : {}),
  });
  return {
    features: standards.categories.flatMap((c) => lifeCircleGaps(result, c.id).features),
    summary: { cells: demand.count, compliance: lifeCircleCompliance(result, standards) },
  };
});

runFixtures("suggest-sites", (input, options) => {
  const demand = demandGrid(areas(input), { cellSizeM: options["cellSizeM"] as number });
  const existing = points(input).features.map((f) => ({ lng: f.geometry.coordinates[0]!, lat: f.geometry.coordinates[1]!, radiusM: options["radiusM"] as number }));
  const result = suggestSites(demand, candidateGrid(demand, options["spacingM"] as number), { radiusM: options["radiusM"] as number, count: options["count"] as number, existing });
  return {
    features: result.picks.map((p): Feature => ({ type: "Feature", properties: { rank: p.rank, gain_pct: p.gain_pct, cumulative_pct: p.cumulative_pct }, geometry: { type: "Point", coordinates: [p.lng, p.lat] } })),
    summary: { baseline_pct: result.baseline_pct, final_pct: result.final_pct, picks: result.picks.length },
  };
});
