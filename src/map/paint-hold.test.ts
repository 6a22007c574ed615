/** Start-up's paint hold against a fake map: one paint when the tiles are in, and nothing stuck. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_HOLD_MS, PaintHold } from "./paint-hold.ts";

class FakeMap {
  paints = 0;
  draws = 0;
  painter = { render: () => { this.draws++; } };
  moving = false;
  isMoving() { return this.moving; }
  handlers = new Map<string, (() => void)[]>();
  /** Per source: metadata loaded, and all its tiles loaded. */
  sources = new Map<string, { loaded: boolean; tilesLoaded: boolean }>();
  triggerRepaint() { this.paints++; }
  on(type: string, fn: () => void) { this.handlers.set(type, [...(this.handlers.get(type) ?? []), fn]); }
  fire(type: string) { for (const fn of this.handlers.get(type) ?? []) fn(); }
  getSource(id: string) {
    const s = this.sources.get(id);
    return s && { loaded: () => s.loaded };
  }
  isSourceLoaded(id: string) { return this.sources.get(id)!.loaded && this.sources.get(id)!.tilesLoaded; }
}

let clock = 0;
function setUp() {
  const map = new FakeMap();
  const hold = new PaintHold(map, () => clock);
  map.sources.set("towns", { loaded: false, tilesLoaded: false });
  map.sources.set("zones", { loaded: false, tilesLoaded: false });
  return { map, hold };
}

/** A MapLibre frame: it draws, then tells its listeners. */
function frame(map: FakeMap) {
  map.painter.render();
  map.fire("render");
}

/** Sources read by the worker, then the frame that asks for their tiles. */
function startLoading(map: FakeMap) {
  for (const s of map.sources.values()) s.loaded = true;
  frame(map);
}

describe("PaintHold", () => {
  beforeEach(() => { vi.useFakeTimers(); clock = 0; });
  afterEach(() => vi.useRealTimers());

  it("holds repaints while the first data's tiles load, then paints once", () => {
    const { map, hold } = setUp();
    hold.changed(["towns", "zones"]);
    map.triggerRepaint();
    frame(map); // sources not read yet: no hold, tiles are still to be asked for
    expect(map.paints).toBe(1);
    startLoading(map);
    clock = 400;
    for (let i = 0; i < 5; i++) { map.triggerRepaint(); map.fire("sourcedata"); }
    expect(map.paints).toBe(1);
    map.sources.get("towns")!.tilesLoaded = true;
    map.fire("sourcedata");
    expect(map.paints).toBe(1);
    map.sources.get("zones")!.tilesLoaded = true;
    map.fire("sourcedata");
    expect(map.paints).toBe(2);
    expect(hold.outcome()).toEqual({ endedBy: "loaded", heldMs: 400, skippedRepaints: 5, skippedDraws: 2 });
    expect(map.draws).toBe(0);
    frame(map);
    expect(map.draws).toBe(1);
    map.triggerRepaint();
    expect(map.paints).toBe(3);
  });

  it("draws nothing from the first data until its tiles are in, and draws the frame that finds them in", () => {
    const { map, hold } = setUp();
    frame(map); // before any data: an empty map draws as usual
    expect(map.draws).toBe(1);
    hold.changed(["towns", "zones"]);
    frame(map);
    startLoading(map);
    expect(map.draws).toBe(1);
    // Both sources' tiles came in before MapLibre's next frame, which may then go idle: it must draw.
    for (const s of map.sources.values()) s.tilesLoaded = true;
    frame(map);
    expect(map.draws).toBe(2);
    expect(hold.outcome()?.endedBy).toBe("loaded");
  });

  it("adds no frame of its own when the frame that starts the hold already found every tile in", () => {
    const { map, hold } = setUp();
    hold.changed(["towns", "zones"]);
    for (const s of map.sources.values()) s.tilesLoaded = true;
    startLoading(map);
    expect(map.draws).toBe(1);
    expect(hold.outcome()?.endedBy).toBe("loaded");
    expect(map.paints).toBe(0);
  });

  it("tells a PNG export when frames draw again: at once without a hold, else when it ends", async () => {
    const idle = setUp();
    await expect(idle.hold.settled()).resolves.toBeNull();
    const { map, hold } = setUp();
    hold.changed(["towns", "zones"]);
    let settled: unknown = "pending";
    void hold.settled().then((outcome) => (settled = outcome));
    startLoading(map);
    await Promise.resolve();
    expect(settled).toBe("pending");
    for (const s of map.sources.values()) s.tilesLoaded = true;
    map.fire("sourcedata");
    await Promise.resolve();
    expect(settled).toMatchObject({ endedBy: "loaded" });
    await expect(hold.settled()).resolves.toMatchObject({ endedBy: "loaded" });
  });

  it("a frame skipped before the hold lets go is drawn again, whatever ends it", () => {
    const { map, hold } = setUp();
    hold.changed(["towns", "zones"]);
    frame(map);
    expect(map.paints).toBe(0);
    map.fire("mousedown");
    expect(map.paints).toBe(1);
    expect(hold.outcome()).toEqual({ endedBy: "input", heldMs: 0, skippedRepaints: 0, skippedDraws: 1 });
    frame(map);
    expect(map.draws).toBe(1);
  });

  it("counts its time limit from the first data, held or not yet", () => {
    const { map, hold } = setUp();
    hold.changed(["towns", "zones"]);
    frame(map); // the worker never answers: the sources are never read
    vi.advanceTimersByTime(MAX_HOLD_MS - 1);
    expect(hold.outcome()).toBeNull();
    vi.advanceTimersByTime(1);
    expect(hold.outcome()?.endedBy).toBe("timeout");
    expect(map.paints).toBe(1);
    frame(map);
    expect(map.draws).toBe(1);
  });

  it.each([
    ["mousedown", "input"], ["mousemove", "input"], ["touchstart", "input"], ["wheel", "input"],
    ["movestart", "moved"], ["resize", "resized"], ["error", "error"],
  ] as const)("lets go at once on %s", (event, endedBy) => {
    const { map, hold } = setUp();
    hold.changed(["towns", "zones"]);
    startLoading(map);
    map.triggerRepaint();
    expect(map.paints).toBe(0);
    map.fire(event);
    expect(map.paints).toBe(1);
    expect(hold.outcome()?.endedBy).toBe(endedBy);
  });

  it("lets go when the map's data or style changes again, and never holds after that", () => {
    const { map, hold } = setUp();
    hold.changed(["towns", "zones"]);
    startLoading(map);
    hold.changed(["towns", "zones", "imported"]);
    expect(map.paints).toBe(1);
    expect(hold.outcome()?.endedBy).toBe("changed");
    startLoading(map);
    map.triggerRepaint();
    expect(map.paints).toBe(2);
  });

  it("does not wait for ever on tiles that never come", () => {
    const { map, hold } = setUp();
    hold.changed(["towns", "zones"]);
    startLoading(map);
    map.triggerRepaint();
    vi.advanceTimersByTime(MAX_HOLD_MS - 1);
    expect(map.paints).toBe(0);
    vi.advanceTimersByTime(1);
    expect(map.paints).toBe(1);
    expect(hold.outcome()?.endedBy).toBe("timeout");
  });

  it("never holds once the first change came without GeoJSON (no package), or the user was first", () => {
    const first = setUp();
    first.hold.changed([]);
    first.hold.changed(["towns", "zones"]);
    startLoading(first.map);
    first.map.triggerRepaint();
    expect(first.map.paints).toBe(1);
    expect(first.hold.outcome()?.endedBy).toBe("changed");
    const early = setUp();
    early.map.fire("wheel");
    early.hold.changed(["towns", "zones"]);
    startLoading(early.map);
    early.map.triggerRepaint();
    expect(early.map.paints).toBe(1);
    expect(early.hold.outcome()?.endedBy).toBe("input");
  });

  it("does not start holding while the camera moves", () => {
    const { map, hold } = setUp();
    hold.changed(["towns", "zones"]);
    map.moving = true;
    startLoading(map);
    map.triggerRepaint();
    expect(map.paints).toBe(1);
    map.moving = false;
    frame(map);
    map.triggerRepaint();
    expect(map.paints).toBe(1);
    expect(hold.outcome()).toBeNull();
  });

  it("a source removed meanwhile does not block it", () => {
    const { map, hold } = setUp();
    hold.changed(["towns", "zones"]);
    startLoading(map);
    map.sources.delete("zones");
    map.sources.get("towns")!.tilesLoaded = true;
    map.fire("sourcedata");
    expect(hold.outcome()?.endedBy).toBe("loaded");
  });

  it("ends without a repaint of its own if it never got to hold", () => {
    const { map, hold } = setUp();
    hold.changed(["towns", "zones"]);
    map.fire("movestart");
    expect(map.paints).toBe(0);
    expect(hold.outcome()).toEqual({ endedBy: "moved", heldMs: 0, skippedRepaints: 0, skippedDraws: 0 });
  });
});
