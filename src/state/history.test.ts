import { describe, expect, it } from "vitest";
import { emptyHistory, record, redo, undo } from "./history.ts";

const A = { zh: "甲", en: "A" };
const B = { zh: "乙", en: "B" };

describe("history", () => {
  it("undoes to the state before each recorded action, then redoes forward", () => {
    let h = emptyHistory<string>();
    h = record(h, A, "s0"); // s0 → s1
    h = record(h, B, "s1"); // s1 → s2
    const u1 = undo(h, "s2")!;
    expect(u1.state).toBe("s1");
    expect(u1.label).toEqual(B);
    const u2 = undo(u1.history, u1.state)!;
    expect(u2.state).toBe("s0");
    expect(undo(u2.history, u2.state)).toBeNull();
    const r1 = redo(u2.history, u2.state)!;
    expect(r1.state).toBe("s1");
    const r2 = redo(r1.history, r1.state)!;
    expect(r2.state).toBe("s2");
    expect(redo(r2.history, r2.state)).toBeNull();
  });

  it("clears the redo side when a new action is recorded after an undo", () => {
    let h = record(emptyHistory<number>(), A, 0);
    const u = undo(h, 1)!;
    h = record(u.history, B, u.state);
    expect(h.future).toEqual([]);
    expect(redo(h, 5)).toBeNull();
  });

  it("drops the oldest entries beyond its limit and never changes its input", () => {
    let h = emptyHistory<number>(3);
    for (let i = 0; i < 5; i++) h = record(h, A, i);
    expect(h.past.map((e) => e.state)).toEqual([2, 3, 4]);
    const frozen = Object.freeze({ ...h, past: Object.freeze([...h.past]) as typeof h.past });
    expect(() => undo(frozen, 5)).not.toThrow();
    expect(frozen.past).toHaveLength(3);
  });
});
