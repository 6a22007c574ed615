import { describe, expect, it } from "vitest";
import { findRingSelfIntersections } from "./ring-self-intersections.ts";

describe("findRingSelfIntersections", () => {
  it("finds the crossing of a bow-tie", () => {
    expect(findRingSelfIntersections([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]])).toEqual({ points: [[1, 1]], complete: true });
  });

  it("accepts simple convex and concave rings, including the closing edge", () => {
    expect(findRingSelfIntersections([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]).points).toEqual([]);
    expect(findRingSelfIntersections([[0, 0], [4, 0], [4, 4], [2, 1], [0, 4], [0, 0]]).points).toEqual([]);
  });

  it("ignores repeated consecutive positions", () => {
    expect(findRingSelfIntersections([[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 1], [0, 0]]).points).toEqual([]);
  });

  it("flags a ring that touches itself at a vertex (figure eight)", () => {
    const figureEight = [[0, 0], [1, 1], [2, 0], [2, 2], [1, 1], [0, 2], [0, 0]];
    expect(findRingSelfIntersections(figureEight).points).toContainEqual([1, 1]);
  });

  it("flags a zero-width spike once, at the vertex where it leaves the ring", () => {
    // Rounding coordinates to a grid often creates an out-and-back spike like [1, 1] → [1.5, 1] → [1, 1].
    const spiked = [[0, 0], [1, 0], [1, 1], [1.5, 1], [1, 1], [1, 2], [0, 2], [0, 0]];
    expect(findRingSelfIntersections(spiked).points).toEqual([[1, 1]]);
  });

  it("flags collinear overlapping edges", () => {
    const overlapping = [[0, 0], [3, 0], [3, 1], [2, 1], [2, 0], [1, 0], [1, -1], [0, -1], [0, 0]];
    expect(findRingSelfIntersections(overlapping).points.length).toBeGreaterThan(0);
  });

  it("stops at the pair-test budget instead of hanging and says so", () => {
    // A star: every edge passes near the centre, so every bbox overlaps every other (O(n²) pairs).
    const spikes = 2000;
    const star = Array.from({ length: spikes * 2 }, (_, index) => {
      const angle = (Math.PI * index) / spikes;
      const radius = index % 2 === 0 ? 1 : 0.001;
      return [radius * Math.cos(angle), radius * Math.sin(angle)];
    });
    star.push(star[0]);
    const started = performance.now();
    const result = findRingSelfIntersections(star, { maxPairTests: 10_000 });
    expect(result).toEqual({ points: [], complete: false });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
