import { describe, expect, it } from "vitest";
import { parseUrlState, serializeUrlState, type UrlState } from "./permalink.ts";

describe("permalink", () => {
  it("round-trips view, layers, selection, language and basemap", () => {
    const state: UrlState = {
      lang: "en",
      view: { center: [120.91138, 30.85021], zoom: 11.25, bearing: 12.5, pitch: 30 },
      layers: ["zones", "towns"],
      selected: "zone-gtxc",
      basemap: "osm",
    };
    const url = serializeUrlState(state);
    expect(url).toBe("?lang=en&map=11.25/30.85021/120.91138/12.5/30&layers=towns,zones&sel=zone-gtxc&basemap=osm");
    expect(parseUrlState(url)).toEqual({ ...state, layers: ["towns", "zones"] });
  });

  it("keeps an empty layer list distinct from 'defaults'", () => {
    expect(parseUrlState(serializeUrlState({ layers: [] })).layers).toEqual([]);
    expect(parseUrlState("").layers).toBeUndefined();
  });

  it("ignores malformed values instead of failing", () => {
    expect(parseUrlState("?map=abc/1/2&lang=fr")).toEqual({});
    expect(parseUrlState("?map=10/95/120")).toEqual({});
  });

  it("reads ?present with and without a chapter", () => {
    expect(parseUrlState("?present").present).toBe(1);
    expect(parseUrlState("?present=4").present).toBe(4);
    expect(serializeUrlState({ present: 1 })).toBe("?present");
  });
});
