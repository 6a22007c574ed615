import { describe, expect, it, beforeEach } from "vitest";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { layers, moveInList, setLayerColor, type LayerState } from "./app-state.ts";
import {
  addDrawing, applyAttributeEdits, canRedo, DRAWINGS_ID, drawingAccuracyM, editAttributes, formatArea, measureFeature, MU_M2, newLayerId,
  nextColor, redo, removeUserLayer, renameUserLayer, resetHistory, undo, USER_COLORS, withIdsAndProvenance,
} from "./user-data.ts";

const PROV = { source: "a.csv", method: "imported", accuracy_m: 2, status: "approximate" as const };
const fc = (features: Feature<Geometry | null>[]): FeatureCollection<Geometry | null> => ({ type: "FeatureCollection", features });
const point = (props: Record<string, unknown>): Feature<Geometry | null> => ({ type: "Feature", geometry: { type: "Point", coordinates: [120.9, 30.9] }, properties: props });
const layer = (id: string, kind: LayerState["kind"] = "imported"): LayerState => ({
  id, kind, title: { zh: id, en: id }, meta: null, fc: fc([point({ id: `${id}-a`, name: "x" })]), visible: true, opacity: 1,
});

beforeEach(() => {
  layers.value = [layer("towns", "towns"), layer("user-1"), layer("user-2")];
  resetHistory();
});

describe("withIdsAndProvenance", () => {
  it("gives unique ids, keeps usable ones, moves clashing ones to source_id and fills missing provenance", () => {
    const out = withIdsAndProvenance(fc([point({ id: 7 }), point({ id: 7 }), point({}), point({ status: "official", id: { x: 1 } })]), "user-3", PROV);
    expect(out.features.map((f) => f.properties!.id)).toEqual(["7", "user-3-2", "user-3-3", "user-3-4"]);
    expect(out.features[1]!.properties!.source_id).toBe(7);
    expect(out.features[3]!.properties!.source_id).toEqual({ x: 1 });
    expect(out.features[0]!.properties).toMatchObject({ source: "a.csv", method: "imported", accuracy_m: 2, status: "approximate" });
    expect(out.features[3]!.properties!.status).toBe("official");
  });

  it("keeps an own __proto__ key as data and does not change its input", () => {
    const props = JSON.parse('{"__proto__": "not a prototype", "name": "<img src=x>"}') as Record<string, unknown>;
    const input = fc([point(props)]);
    const out = withIdsAndProvenance(input, "user-1", PROV);
    const p = out.features[0]!.properties!;
    expect(Object.getOwnPropertyDescriptor(p, "__proto__")?.value).toBe("not a prototype");
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(input.features[0]!.properties).not.toHaveProperty("id");
  });
});

describe("layer list actions", () => {
  it("moves a layer only past layers of its own kind", () => {
    const list = [layer("user-1"), layer("towns", "towns"), layer("user-2")];
    expect(moveInList(list, "user-1", 1).map((l) => l.id)).toEqual(["user-2", "towns", "user-1"]);
    expect(moveInList(list, "user-2", 1)).toBe(list);
    expect(moveInList(list, "towns", -1)).toBe(list);
  });

  it("renames and removes as undoable steps, and redoes them", () => {
    renameUserLayer("user-1", "  河道 ");
    expect(layers.value.find((l) => l.id === "user-1")!.title).toEqual({ zh: "河道", en: "河道" });
    removeUserLayer("user-2");
    expect(layers.value.map((l) => l.id)).toEqual(["towns", "user-1"]);
    undo();
    expect(layers.value.map((l) => l.id)).toEqual(["towns", "user-1", "user-2"]);
    undo();
    expect(layers.value.find((l) => l.id === "user-1")!.title.zh).toBe("user-1");
    expect(canRedo.value).toBe(true);
    redo();
    redo();
    expect(layers.value.map((l) => l.id)).toEqual(["towns", "user-1"]);
  });

  it("ignores an empty rename", () => {
    renameUserLayer("user-1", "   ");
    undo();
    expect(layers.value.find((l) => l.id === "user-1")!.title.zh).toBe("user-1");
  });

  it("sets a colour and picks unused palette colours for new layers", () => {
    setLayerColor("user-1", USER_COLORS[0]!);
    expect(layers.value.find((l) => l.id === "user-1")!.color).toBe(USER_COLORS[0]);
    expect(nextColor(layers.value)).toBe(USER_COLORS[1]);
    expect(newLayerId(["user-1", "user-2"])).toBe("user-3");
  });
});

describe("drawings and attributes", () => {
  it("adds a drawing to a new drawings layer with honest provenance; undo removes the layer again", () => {
    addDrawing({ type: "Feature", id: "f1", geometry: { type: "Point", coordinates: [120.9, 30.9] }, properties: {} }, 12);
    const drawings = layers.value.find((l) => l.id === DRAWINGS_ID)!;
    expect(drawings.kind).toBe("imported");
    expect(drawings.fc.features[0]!.properties).toMatchObject({ id: "f1", source: "drawn by user", accuracy_m: 12, status: "approximate" });
    undo();
    expect(layers.value.some((l) => l.id === DRAWINGS_ID)).toBe(false);
    redo();
    expect(layers.value.find((l) => l.id === DRAWINGS_ID)!.fc.features).toHaveLength(1);
  });

  it("edits attributes but never the id or provenance, keeping numbers numeric", () => {
    expect(applyAttributeEdits({ id: "a", status: "approximate", n: 1, old: "x" }, [["n", "2.5"], ["id", "hacked"], ["new", "v"], ["", "dropped"]]))
      .toEqual({ id: "a", status: "approximate", n: 2.5, new: "v" });
    editAttributes("user-1", "user-1-a", [["name", "新名称"]]);
    expect(layers.value.find((l) => l.id === "user-1")!.fc.features[0]!.properties).toEqual({ id: "user-1-a", name: "新名称" });
    undo();
    expect(layers.value.find((l) => l.id === "user-1")!.fc.features[0]!.properties!.name).toBe("x");
  });
});

describe("measuring", () => {
  it("measures a 0.01° square near Jiashan geodesically and converts to 公顷 and 亩", () => {
    const ring = [[120.9, 30.9], [120.91, 30.9], [120.91, 30.91], [120.9, 30.91], [120.9, 30.9]];
    const m = measureFeature({ type: "Feature", geometry: { type: "Polygon", coordinates: [ring] }, properties: {} });
    // 0.01° of latitude ≈ 1,109 m; of longitude at 30.9° ≈ 955 m.
    expect(m.areaM2!).toBeGreaterThan(1.05e6);
    expect(m.areaM2!).toBeLessThan(1.07e6);
    expect(m.lengthM!).toBeGreaterThan(4100);
    expect(m.lengthM!).toBeLessThan(4150);
    expect(formatArea(666.67 * 3, "zh").mu).toBe("3 亩");
    expect(formatArea(20000, "en").ha).toBe("2 ha");
    expect(MU_M2).toBeCloseTo(666.67, 2);
  });

  it("measures lines and leaves points unmeasured", () => {
    const line = measureFeature({ type: "Feature", geometry: { type: "LineString", coordinates: [[120.9, 30.9], [120.9, 30.91]] }, properties: {} });
    expect(line.lengthM!).toBeGreaterThan(1105);
    expect(line.lengthM!).toBeLessThan(1115);
    expect(line.areaM2).toBeNull();
    expect(measureFeature(point({}))).toEqual({ lengthM: null, areaM2: null });
  });

  it("claims about two screen pixels of accuracy for a drawing", () => {
    expect(drawingAccuracyM(10.3, 30.9)).toBeGreaterThan(100);
    expect(drawingAccuracyM(18, 30.9)).toBe(1);
  });
});
