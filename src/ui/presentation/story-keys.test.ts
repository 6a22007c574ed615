import { describe, expect, it } from "vitest";
import { storyKeyAction } from "./story-keys.ts";

describe("storyKeyAction", () => {
  it("maps clicker and keyboard keys to tour actions", () => {
    for (const key of ["ArrowRight", "PageDown", " "]) expect(storyKeyAction(key, false)).toEqual({ type: "next" });
    for (const key of ["ArrowLeft", "PageUp"]) expect(storyKeyAction(key, false)).toEqual({ type: "prev" });
    expect(storyKeyAction("Home", false)).toEqual({ type: "first" });
    expect(storyKeyAction("End", false)).toEqual({ type: "last" });
    expect(storyKeyAction("Escape", false)).toEqual({ type: "exit" });
    expect(storyKeyAction("p", false)).toEqual({ type: "togglePause" });
    expect(storyKeyAction("L", false)).toEqual({ type: "toggleLang" });
    expect(storyKeyAction("g", false)).toEqual({ type: "toggleLegend" });
    expect(storyKeyAction("G", true)).toBeNull(); // paused: the explorer's own legend is back
  });

  it("jumps with number keys 1–9 to 0-based indexes", () => {
    expect(storyKeyAction("1", false)).toEqual({ type: "goTo", index: 0 });
    expect(storyKeyAction("9", false)).toEqual({ type: "goTo", index: 8 });
    expect(storyKeyAction("0", false)).toBeNull();
  });

  it("leaves other keys to the page", () => {
    for (const key of ["a", "Enter", "Tab", "ArrowUp", "+"]) expect(storyKeyAction(key, false)).toBeNull();
  });

  it("while paused, lets arrows pan the map and makes the clicker resume", () => {
    expect(storyKeyAction("ArrowRight", true)).toBeNull();
    expect(storyKeyAction(" ", true)).toBeNull();
    expect(storyKeyAction("3", true)).toBeNull();
    expect(storyKeyAction("PageDown", true)).toEqual({ type: "resume" });
    expect(storyKeyAction("PageUp", true)).toEqual({ type: "resume" });
    expect(storyKeyAction("P", true)).toEqual({ type: "togglePause" });
    expect(storyKeyAction("Escape", true)).toEqual({ type: "exit" });
  });
});
