import { beforeEach, describe, expect, it } from "vitest";
import { exportProject, importProject } from "../../io/project/project-file.ts";
import { lang, layers, type LayerState } from "../../state/app-state.ts";
import { DRAWINGS_ID, emptyDrawingsLayer } from "../../state/user-data.ts";
import { currentProject, layersFromProject, niceScale, safeFileName } from "./export-actions.ts";

const fc = { type: "FeatureCollection" as const, features: [{ type: "Feature" as const, geometry: { type: "Point" as const, coordinates: [120.9, 30.9] }, properties: { id: "a", name: "<b>x</b>" } }] };
const imported: LayerState = {
  id: "user-1", kind: "imported", title: { zh: "河道", en: "河道" }, meta: null, fc, visible: false, opacity: 0.6, color: "#7c3aed",
  user: { provenance: { source: "a.shp", method: "m", accuracy_m: 1, status: "approximate" }, fileName: "a.zip" },
};

beforeEach(() => {
  lang.value = "zh";
  layers.value = [
    { id: "towns", kind: "towns", title: { zh: "镇", en: "Towns" }, meta: null, fc, visible: true, opacity: 1 },
    imported,
    { ...emptyDrawingsLayer("#be185d"), fc: { type: "FeatureCollection", features: [{ type: "Feature", geometry: { type: "Point", coordinates: [120.8, 30.8] }, properties: { id: "d1" } }] } },
  ];
});

describe("project files", () => {
  it("round-trips the user's layers and drawings through a zip exactly, leaving package layers out", () => {
    const project = currentProject();
    expect(project.layers.map((l) => l.id)).toEqual(["user-1"]);
    const back = layersFromProject(importProject(exportProject(project)));
    expect(back).toEqual(layers.value.filter((l) => l.kind === "imported"));
    expect(back.find((l) => l.id === DRAWINGS_ID)!.color).toBe("#be185d");
  });
});

describe("export helpers", () => {
  it("makes file names from titles without path characters", () => {
    expect(safeFileName("嘉善/../水系 2024", "csv")).toBe("嘉善_水系_2024.csv");
    expect(safeFileName("<>", "kml")).toBe("layer.kml");
  });

  it("picks a round scale-bar length that fits", () => {
    expect(niceScale(50, 120)).toEqual({ metres: 5000, px: 100 });
    expect(niceScale(1.3, 120).metres).toBe(100);
  });
});
