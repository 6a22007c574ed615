/** Small builders shared by the analysis tests (not used by the engine). */
import type { Demand } from "./demand-grid.ts";

/** Demand from plain lng/lat pairs, weight 1 each, no zones. */
export function demandFromPairs(pairs: ReadonlyArray<readonly [number, number]>, weights?: ReadonlyArray<number>): Demand {
  return {
    count: pairs.length,
    lng: Float64Array.from(pairs, (p) => p[0]),
    lat: Float64Array.from(pairs, (p) => p[1]),
    weight: Float64Array.from(pairs, (_, i) => weights?.[i] ?? 1),
    areaM2: new Float64Array(pairs.length),
    zone: new Int32Array(pairs.length).fill(-1),
    zones: [],
    weightKind: "count",
  };
}

/** Deterministic RNG (mulberry32) for reproducible random inputs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
