/**
 * Self-intersection search for one linear ring, indexed with Flatbush so a 100k-vertex ring takes
 * well under a second (about O(n log n) for real boundaries) instead of the O(n²) of pairwise tests.
 */
import Flatbush from "flatbush";
import type { Position } from "geojson";

export interface RingSelfIntersections {
  /** Up to `maxResults` places where two non-adjacent edges meet, as `[lng, lat]`. */
  points: Position[];
  /** False when the work budget ran out before every edge pair was tested. */
  complete: boolean;
}

export interface RingSelfIntersectionOptions {
  /** @default 3 */
  maxResults?: number;
  /** Maximum candidate edge pairs to test before giving up. @default 50 × edges + 1,000,000 */
  maxPairTests?: number;
}

/**
 * Finds where a closed ring crosses or touches itself (any contact between non-adjacent edges,
 * including collinear overlaps and zero-width spikes). Repeated consecutive positions are ignored.
 *
 * @example
 * findRingSelfIntersections([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]).points // → [[1, 1]]
 */
export function findRingSelfIntersections(
  ring: Position[],
  { maxResults = 3, maxPairTests }: RingSelfIntersectionOptions = {},
): RingSelfIntersections {
  const vertices = withoutRepeats(ring);
  const edgeCount = vertices.length - 1;
  if (edgeCount < 3) return { points: [], complete: true };
  const pairBudget = maxPairTests ?? 50 * edgeCount + 1_000_000;

  const index = new Flatbush(edgeCount);
  for (let edge = 0; edge < edgeCount; edge += 1) {
    const [ax, ay] = vertices[edge];
    const [bx, by] = vertices[edge + 1];
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();

  const points: Position[] = [];
  let pairTests = 0;
  for (let edge = 0; edge < edgeCount && points.length < maxResults; edge += 1) {
    const [ax, ay] = vertices[edge];
    const [bx, by] = vertices[edge + 1];
    const candidates = index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    for (const other of candidates) {
      // Each pair once, and never an edge with its neighbours (they share a vertex by design).
      if (other <= edge + 1 || (edge === 0 && other === edgeCount - 1)) continue;
      pairTests += 1;
      if (pairTests > pairBudget) return { points, complete: false };
      const contact = edgeContact(vertices[edge], vertices[edge + 1], vertices[other], vertices[other + 1]);
      // Several edge pairs often meet at one pinch point or spike; list each place once.
      if (contact && !points.some((point) => point[0] === contact[0] && point[1] === contact[1])) {
        points.push(contact);
        if (points.length >= maxResults) break;
      }
    }
  }
  return { points, complete: true };
}

function withoutRepeats(ring: Position[]): Position[] {
  const kept: Position[] = [];
  for (const position of ring) {
    const last = kept[kept.length - 1];
    if (!last || last[0] !== position[0] || last[1] !== position[1]) kept.push(position);
  }
  return kept;
}

function orientation(p: Position, q: Position, r: Position): number {
  const value = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

function onSegment(p: Position, q: Position, r: Position): boolean {
  return (
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1])
  );
}

/** Where segments ab and cd touch or cross, or null. */
function edgeContact(a: Position, b: Position, c: Position, d: Position): Position | null {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4) {
    const denominator = (a[0] - b[0]) * (c[1] - d[1]) - (a[1] - b[1]) * (c[0] - d[0]);
    if (denominator === 0) return [a[0], a[1]];
    const t = ((a[0] - c[0]) * (c[1] - d[1]) - (a[1] - c[1]) * (c[0] - d[0])) / denominator;
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  }
  if (o1 === 0 && onSegment(a, b, c)) return [c[0], c[1]];
  if (o2 === 0 && onSegment(a, b, d)) return [d[0], d[1]];
  if (o3 === 0 && onSegment(c, d, a)) return [a[0], a[1]];
  if (o4 === 0 && onSegment(c, d, b)) return [b[0], b[1]];
  return null;
}
