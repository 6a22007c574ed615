import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR } from "../../../scripts/make-import-fixtures";
import { ImportError } from "../import/import-error";
import { exportProject, importProject, type Project } from "./project-file";

const truth = JSON.parse(readFileSync(join(FIXTURE_DIR, "jiashan-truth.geojson"), "utf8")) as FeatureCollection;
const hostile = JSON.parse(readFileSync(join(FIXTURE_DIR, "hostile.geojson"), "utf8")) as FeatureCollection;

function createProject(): Project {
  return {
    layers: [
      { id: "truth", name: "测试点与面", fc: truth, meta: { visible: true, colour: "#c0392b", sourceCrs: { code: "EPSG:4549", reason: { zh: "由 .prj 读出", en: "from the .prj" } } } },
      { id: "../../etc/passwd", name: "<img src=x onerror=alert(1)>", fc: hostile },
      { id: "empty", name: "空图层", fc: { type: "FeatureCollection", features: [] }, meta: {} },
    ],
    drawings: {
      type: "FeatureCollection",
      features: [{ type: "Feature", id: "d1", properties: { label: "规划线", width_m: 12.5 }, geometry: { type: "LineString", coordinates: [[120.9, 30.8, 2], [120.91, 30.81, 3]] } }],
    },
    scenarios: [{ id: "s1", title: { zh: "情景一", en: "Scenario 1" }, sites: [[120.9, 30.8]], radiusKm: 1.5, enabled: false, note: null }],
    settings: { basemap: "tianditu", language: "zh", view: { centre: [120.92, 30.84], zoom: 10.5 }, tolerance: 1e-9 },
  };
}

describe("exportProject / importProject", () => {
  it("round-trips a project exactly", () => {
    const project = createProject();
    expect(importProject(exportProject(project))).toEqual(project);
  });

  it("is reproducible byte for byte and names layer files by position, not by user text", () => {
    const bytes = exportProject(createProject());
    expect(exportProject(createProject())).toEqual(bytes);
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual(["drawings.geojson", "layers/001.geojson", "layers/002.geojson", "layers/003.geojson", "project.json"]);
  });

  it("refuses other zips, other formats, newer versions and missing files with ImportErrors naming the file", () => {
    const bytes = exportProject(createProject());
    const entries = unzipSync(bytes);
    const manifest = JSON.parse(new TextDecoder().decode(entries["project.json"]));
    const variants: [string, Uint8Array][] = [
      ["not a zip", strToU8("hello")],
      ["no project.json", zipSync({ "a.txt": strToU8("x") })],
      ["other format", zipSync({ ...entries, "project.json": strToU8(JSON.stringify({ ...manifest, format: "qgis" })) })],
      ["newer version", zipSync({ ...entries, "project.json": strToU8(JSON.stringify({ ...manifest, version: 99 })) })],
      ["missing layer", zipSync(Object.fromEntries(Object.entries(entries).filter(([name]) => name !== "layers/002.geojson")))],
      ["broken layer", zipSync({ ...entries, "layers/001.geojson": strToU8("{") })],
    ];
    for (const [label, variant] of variants) {
      const error = (() => {
        try {
          importProject(variant, "mine.zip");
        } catch (e) {
          return e;
        }
      })();
      expect(error, label).toBeInstanceOf(ImportError);
      expect((error as ImportError).problem.en.startsWith("mine.zip: "), label).toBe(true);
    }
  });
});
