import { readFileSync } from "node:fs";
import path from "node:path";
import gcoord from "gcoord";
import { describe, expect, it } from "vitest";
import type { RuledIssue } from "./issue-collector.ts";
import { registerPackageCheck, validatePackage, type PackageCheck } from "./validate-package.ts";

const FIXTURES = path.resolve(__dirname, "../../../test/fixtures/validate");
const PACKAGE_FILES = ["manifest.json", "layers/county.geojson", "layers/towns.geojson"];

type Json = Record<string, any>;

/** A fresh, editable copy of test/fixtures/validate/package-good as parsed JSON. */
function goodPackage(): Map<string, Json> {
  return new Map(PACKAGE_FILES.map((file) => [file, JSON.parse(readFileSync(path.join(FIXTURES, "package-good", file), "utf8")) as Json]));
}

function validate(files: Map<string, Json | string>, checks?: PackageCheck[]) {
  const readFile = async (relativePath: string) => {
    const content = files.get(relativePath);
    return content === undefined ? null : typeof content === "string" ? content : JSON.stringify(content);
  };
  return validatePackage(readFile, "pkg", checks ? { checks } : {});
}

const ruled = (issues: unknown[]) => issues as RuledIssue[];

describe("validatePackage", () => {
  it("accepts the good test package without issues", async () => {
    expect(await validate(goodPackage())).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it("reports a missing manifest", async () => {
    const report = await validate(new Map());
    expect(report.errors).toEqual([{ file: "pkg/manifest.json", feature: null, message: "manifest.json not found; a package directory needs one", rule: "file-missing" }]);
  });

  it("reports manifest JSON errors with line and column", async () => {
    const report = await validate(new Map([["manifest.json", '{\n  "name": "x",\n}']]));
    expect(report.errors[0]).toMatchObject({ file: "pkg/manifest.json", line: 3, column: 1, rule: "json-syntax" });
  });

  it("reports a missing layer file by layer id and path", async () => {
    const files = goodPackage();
    files.delete("layers/towns.geojson");
    const report = await validate(files);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([{ file: "pkg/manifest.json", feature: null, message: 'layer "towns": file "layers/towns.geojson" not found', rule: "file-missing" }]);
  });

  it("reports missing provenance on a feature, naming the fields", async () => {
    const files = goodPackage();
    const weitang = files.get("layers/towns.geojson")!.features[0].properties;
    delete weitang.source;
    delete weitang.name_en;
    weitang.accuracy_m = "300";
    const report = await validate(files);
    expect(ruled(report.errors).filter((issue) => issue.rule === "provenance")).toEqual([
      { file: "pkg/layers/towns.geojson", feature: "town-weitang", message: 'missing or empty "name_en", "source" in properties', rule: "provenance" },
      { file: "pkg/layers/towns.geojson", feature: "town-weitang", message: '"accuracy_m" must be a finite number of metres ≥ 0, found "300"', rule: "provenance" },
    ]);
  });

  it("rejects an unknown feature status and a negative accuracy", async () => {
    const files = goodPackage();
    Object.assign(files.get("layers/towns.geojson")!.features[1].properties, { status: "verified", accuracy_m: -5 });
    const messages = (await validate(files)).errors.map((issue) => issue.message);
    expect(messages).toContain('"status" must be one of official, derived, approximate, schematic, found "verified"');
    expect(messages).toContain('"accuracy_m" must be a finite number of metres ≥ 0, found -5');
  });

  it("reports a feature id used twice across the package", async () => {
    const files = goodPackage();
    files.get("layers/towns.geojson")!.features[1].properties.id = "county-test";
    const report = await validate(files);
    expect(ruled(report.errors).filter((issue) => issue.rule === "duplicate-id")).toEqual([
      { file: "pkg/layers/towns.geojson", feature: "county-test", message: 'duplicate feature id "county-test" (already used in pkg/layers/county.geojson)', rule: "duplicate-id" },
    ]);
  });

  it("reports duplicate layer ids, unknown kinds and bad statuses in the manifest", async () => {
    const files = goodPackage();
    const layers = files.get("manifest.json")!.layers;
    layers[1].id = "county";
    layers[1].kind = "railways";
    layers[1].status = "good";
    delete layers[1].attribution;
    const messages = (await validate(files)).errors.map((issue) => issue.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'layer "county": duplicate layer id "county"',
        expect.stringContaining('layer "county": unknown "kind" "railways"; expected one of county, neighbours'),
        'layer "county": "status" must be one of official, derived, approximate, schematic, found "good"',
        'layer "county": "attribution" must be { "zh": "…", "en": "…" } with both texts filled in',
      ]),
    );
  });

  it("refuses a layer id with a colon, which the map keeps for derived sources (hover and cards would miss it)", async () => {
    const files = goodPackage();
    files.get("manifest.json")!.layers[1].id = "towns:2024";
    expect((await validate(files)).errors.map((issue) => issue.message)).toContain(
      'layer "towns:2024": "id" must not contain ":" (the map reserves it for the sources it derives from a layer)',
    );
  });

  it("checks the manifest header: crs, bilingual title, layers array", async () => {
    const files = goodPackage();
    Object.assign(files.get("manifest.json")!, { crs: "EPSG:3857", title: { zh: "测试" }, layers: {} });
    const messages = (await validate(files)).errors.map((issue) => issue.message);
    expect(messages).toEqual([
      '"title" must be { "zh": "…", "en": "…" } with both texts filled in',
      '"crs" must be "EPSG:4326" (WGS84 longitude/latitude), found "EPSG:3857"',
      '"layers" must be an array of layer entries',
    ]);
  });

  it("survives a layer list holding non-objects", async () => {
    const files = goodPackage();
    files.get("manifest.json")!.layers.push(null, 42);
    const report = await validate(files);
    expect(report.errors.map((issue) => issue.message)).toEqual(["layers[2] must be an object", "layers[3] must be an object"]);
  });

  it("refuses layer files outside the package", async () => {
    const files = goodPackage();
    files.get("manifest.json")!.layers[1].file = "../secrets.geojson";
    const messages = (await validate(files)).errors.map((issue) => issue.message);
    expect(messages).toContain('layer "towns": "file" "../secrets.geojson" must be a relative path inside the package (no "..", no leading "/", forward slashes)');
  });

  it("rejects a layer status better than its worst feature", async () => {
    const files = goodPackage();
    files.get("manifest.json")!.layers[1].status = "derived";
    const report = await validate(files);
    expect(report.errors).toEqual([
      {
        file: "pkg/layers/towns.geojson",
        feature: null,
        message: 'layer "towns" declares status "derived" but feature "town-weitang" is only "approximate"; a layer\'s status must be its worst feature\'s',
        rule: "layer-status",
      },
    ]);
  });

  it("rejects features whose geometry does not match the layer's", async () => {
    const files = goodPackage();
    files.get("layers/towns.geojson")!.features[0].geometry = { type: "LineString", coordinates: [[120.9, 30.8], [120.91, 30.81]] };
    const report = await validate(files);
    expect(ruled(report.errors).map((issue) => [issue.rule, issue.feature])).toEqual([["layer-geometry", "town-weitang"]]);
  });

  it("refuses geometries the map does not draw for a kind, which would load and not show", async () => {
    const files = goodPackage();
    files.get("manifest.json")!.layers[1].geometry = "Mixed";
    files.get("layers/towns.geojson")!.features[0].geometry = { type: "LineString", coordinates: [[120.9, 30.8], [120.91, 30.81]] };
    const report = await validate(files);
    expect(report.errors).toEqual([{
      file: "pkg/layers/towns.geojson",
      feature: "town-weitang",
      message: 'a LineString is not shown for kind "towns", which draws Polygon, Point',
      rule: "kind-geometry",
    }]);
    const declared = goodPackage();
    declared.get("manifest.json")!.layers[1].geometry = "LineString";
    expect((await validate(declared)).errors.map((issue) => issue.message)).toContainEqual(expect.stringContaining('"geometry" "LineString" is not shown for kind "towns", which draws Polygon, Point'));
  });

  it("passes GeoJSON errors of layer files through with the package path", async () => {
    const files = new Map<string, Json | string>(goodPackage());
    files.set("layers/towns.geojson", '{"type": "FeatureCollection", "features": [}');
    const [issue] = (await validate(files)).errors;
    expect(issue).toMatchObject({ file: "pkg/layers/towns.geojson", rule: "json-syntax", line: 1, column: 44 });
  });

  it("uses the county layer as the reference for GCJ-02 offsets in other layers", async () => {
    const files = goodPackage();
    const outline = JSON.parse(readFileSync(path.join(FIXTURES, "reference", "synthetic-outline.geojson"), "utf8")) as Json;
    files.get("layers/county.geojson")!.features[0].geometry = outline.features[0].geometry;
    const shifted = outline.features[0].geometry.coordinates[0].map((position: [number, number]) => gcoord.transform(position, gcoord.WGS84, gcoord.GCJ02));
    files.get("manifest.json")!.layers[1].geometry = "Point";
    files.get("layers/towns.geojson")!.features = shifted.map((position: number[], index: number) => ({
      type: "Feature",
      properties: { id: `p${index}`, name: `点${index}`, name_en: `point ${index}`, source: "test", method: "test", accuracy_m: 1, status: "approximate" },
      geometry: { type: "Point", coordinates: position },
    }));
    const report = await validate(files);
    expect(ruled(report.warnings).map((issue) => [issue.file, issue.rule])).toEqual([["pkg/layers/towns.geojson", "maybe-gcj02"]]);
  });

  it("runs registered package checks, and stops after unregistering", async () => {
    const story: PackageCheck = {
      name: "story",
      run: (context) => ({
        errors: [{ file: context.displayPath("story.json"), feature: null, message: `chapter 1 names unknown layer "rail"; known: ${context.layers.map((l) => l.layer.id).join(", ")}` }],
        warnings: [],
      }),
    };
    const unregister = registerPackageCheck(story);
    const withStory = await validate(goodPackage());
    unregister();
    expect(withStory.errors).toEqual([{ file: "pkg/story.json", feature: null, message: 'chapter 1 names unknown layer "rail"; known: county, towns' }]);
    expect((await validate(goodPackage())).ok).toBe(true);
  });

  it("lets callers pass their own checks", async () => {
    const warnEverything: PackageCheck = { name: "w", run: () => ({ errors: [], warnings: [{ file: "x", feature: null, message: "w" }] }) };
    const report = await validate(goodPackage(), [warnEverything]);
    expect(report).toEqual({ ok: true, errors: [], warnings: [{ file: "x", feature: null, message: "w" }] });
  });
});
