/**
 * Copies service radii from geodata/emergency-standards.json onto the emergency features, so the
 * radius used on the map and the documented standard cannot disagree.
 */
import type { ResolvedFeature } from "./resolve-placements.ts";
import type { TownFeature } from "./build-towns.ts";

interface TierStandard {
  tier_zh: string;
  service_radius_m: number;
  service_radius_m_by_kind?: Record<string, number>;
}

const TIERS = ["county", "town", "village"] as const;
type Tier = (typeof TIERS)[number];

function readTiers(standards: unknown): Record<Tier, TierStandard> {
  const tiers = (standards as { tiers?: Record<string, TierStandard> })?.tiers;
  for (const tier of TIERS) {
    if (typeof tiers?.[tier]?.service_radius_m !== "number") {
      throw new Error(`geodata/emergency-standards.json: tiers.${tier}.service_radius_m must be a number`);
    }
  }
  return tiers as Record<Tier, TierStandard>;
}

/**
 * Adds `tier_zh` and `service_radius_m` to each emergency feature from its `tier` (and, for town
 * stations, the kind of its township: 街道 urban, 镇 rural).
 * @example applyEmergencyStandards(features, standards, towns)[0].properties.service_radius_m // 5000
 */
export function applyEmergencyStandards(features: ResolvedFeature[], standards: unknown, towns: TownFeature[]): ResolvedFeature[] {
  const tiers = readTiers(standards);
  return features.map((feature) => {
    const { id, tier, township } = feature.properties;
    if (!TIERS.includes(tier as Tier)) throw new Error(`geodata/sources/emergency.geojson, feature ${id}: tier must be county|town|village`);
    const standard = tiers[tier as Tier];
    let radius = standard.service_radius_m;
    if (tier === "town") {
      const town = towns.find((t) => t.properties.code === township);
      if (!town) throw new Error(`geodata/sources/emergency.geojson, feature ${id}: township "${String(township)}" is not a township code`);
      radius = standard.service_radius_m_by_kind?.[town.properties.kind_zh as string] ?? radius;
    }
    return { ...feature, properties: { ...feature.properties, tier_zh: standard.tier_zh, service_radius_m: radius } };
  });
}
