/**
 * Runs the real-world corpus (../shared/refdata/corpus, outside the repo; read-only) through the importers.
 * Expectations come from the corpus itself (togeojson/csv2geojson outputs, geojsonhint verdicts) or from
 * the shapefile-js test suite as summarised in the corpus README.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Geometry, LineString, MultiPoint, MultiPolygon, Point, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { ImportError, type ImportMessage } from "./import-error";
import { importFile, importFiles } from "./import-file";
import type { ImportedLayer, ImportInput, ImportOptions, LayersImport } from "./types";
import { xmldomParseXml } from "./xmldom-parse-xml";

const CORPUS = resolve(process.cwd(), "../shared/refdata/corpus");
const options: ImportOptions = { parseXml: xmldomParseXml };
const read = (path: string): ImportInput => ({ name: path.split("/").pop()!, bytes: new Uint8Array(readFileSync(join(CORPUS, path))) });
const list = (folder: string, pattern: RegExp) => readdirSync(join(CORPUS, folder)).filter((n) => pattern.test(n)).sort();

async function layers(input: ImportInput | ImportInput[], extra: ImportOptions = {}): Promise<{ layers: ImportedLayer[]; warnings: ImportMessage[] }> {
  const result = Array.isArray(input) ? await importFiles(input, { ...options, ...extra }) : await importFile(input, { ...options, ...extra });
  expect(result.kind).toBe("layers");
  return result as LayersImport;
}

/** A loose shapefile set from the corpus root: every sidecar with this base name. */
function looseSet(folder: string, basename: string): ImportInput[] {
  return list(folder, new RegExp(`^${basename}\\.(shp|dbf|prj|cpg|shx)$`, "i")).map((n) => read(join(folder, n)));
}

it("has the corpus next to the repo (CI checks out ../shared)", () => {
  expect(existsSync(join(CORPUS, "README.md"))).toBe(true);
});

/**
 * Where the installed @tmcw/togeojson (7.1.3, with @xmldom/xmldom) differs from the 7.1.2 snapshot: placemarks
 * holding both an empty <Point> and a gx:Track come out as the track's LineString. Properties still match.
 */
const GEOMETRY_DIFFERS_FROM_SNAPSHOT = new Set(["addresses.kml"]);

describe("togeojson corpus (KML/GPX/TCX) equals @tmcw/togeojson 7.1.2 expectations", () => {
  const inputs = list("togeojson", /\.(kml|gpx|tcx)$/);
  it("covers every input", () => expect(inputs.length).toBe(62));
  for (const name of inputs) {
    it(name, async () => {
      const { layers: [layer] } = await layers(read(`togeojson/${name}`));
      const expected = JSON.parse(readFileSync(join(CORPUS, "togeojson/expected-v7.1.2", `${name}.geojson`), "utf8"));
      expect(layer.sourceCrs.crs.code).toBe("WGS84");
      const geometries = layer.fc.features.map((f) => f.geometry);
      const expectedGeometries = expected.features.map((f: { geometry: Geometry }) => f.geometry);
      if (GEOMETRY_DIFFERS_FROM_SNAPSHOT.has(name)) expect(geometries).not.toEqual(expectedGeometries);
      else expect(geometries).toEqual(expectedGeometries);
      expect(layer.fc.features.map((f) => f.properties)).toEqual(expected.features.map((f: { properties: unknown }) => f.properties));
    });
  }
});

describe("mapbox/togeojson 0.16.2 corpus: same geometry where the old release agrees", () => {
  const inputs = list("togeojson-mapbox-0.16.2", /\.(kml|gpx)$/).filter((n) => existsSync(join(CORPUS, "togeojson-mapbox-0.16.2", `${n}.geojson`)));
  it("imports all inputs and matches most geometries", async () => {
    let matched = 0;
    for (const name of inputs) {
      const { layers: [layer] } = await layers(read(`togeojson-mapbox-0.16.2/${name}`));
      const expected = JSON.parse(readFileSync(join(CORPUS, "togeojson-mapbox-0.16.2", `${name}.geojson`), "utf8"));
      const sameGeometry = JSON.stringify(layer.fc.features.map((f) => f.geometry)) === JSON.stringify(expected.features.map((f: { geometry: Geometry }) => f.geometry));
      if (sameGeometry) matched++;
    }
    expect(inputs.length).toBe(40);
    // The newer converter changed some outputs (tracks, ground overlays); most must still agree.
    expect(matched).toBeGreaterThanOrEqual(30);
  });
});

describe("csv2geojson corpus", () => {
  const cases: [string, string, ImportOptions?][] = [
    ["simple.csv", "simple.geojson"],
    ["simple.tsv", "simple.geojson"],
    ["simple.pipe.dsv", "simple.geojson"],
    ["simple.semicolon.dsv", "simple.geojson"],
    ["lng.csv", "lng.geojson"],
    ["degrees.csv", "degrees.geojson"],
    ["minutes.csv", "minutes.geojson"],
    ["geometry_null.csv", "geometry_null.geojson"],
    ["includeLatLon.csv", "includeLatLon.geojson", { keepCoordinateColumns: true }],
  ];
  for (const [input, output, extra] of cases) {
    it(`${input} → ${output}`, async () => {
      const { layers: [layer], warnings } = await layers(read(`csv2geojson/${input}`), extra);
      const expected = JSON.parse(readFileSync(join(CORPUS, "csv2geojson", output), "utf8"));
      expect(layer.fc.features.map((f) => ({ properties: f.properties, geometry: f.geometry }))).toEqual(
        expected.features.map((f: { properties: unknown; geometry: unknown }) => ({ properties: f.properties, geometry: f.geometry })),
      );
      expect(warnings).toEqual([]);
    });
  }

  it("space_column.csv: headers are trimmed (csv2geojson keeps ' name'; we give 'name')", async () => {
    const { layers: [layer] } = await layers(read("csv2geojson/space_column.csv"));
    const expected = JSON.parse(readFileSync(join(CORPUS, "csv2geojson/simple_space.geojson"), "utf8"));
    expect(layer.fc.features[0].geometry).toEqual(expected.features[0].geometry);
    const trimmed = Object.fromEntries(Object.entries(expected.features[0].properties).map(([k, v]) => [k.trim(), v]));
    expect(layer.fc.features[0].properties).toEqual(trimmed);
  });

  it("line.csv and polygon.csv give the points their shapes are drawn through", async () => {
    for (const [input, output] of [["line.csv", "line.geojson"], ["polygon.csv", "polygon.geojson"]]) {
      const { layers: [layer] } = await layers(read(`csv2geojson/${input}`));
      const expected = JSON.parse(readFileSync(join(CORPUS, "csv2geojson", output), "utf8"));
      const shape = expected.features[0].geometry as LineString | Polygon;
      const vertices = shape.type === "Polygon" ? shape.coordinates[0] : shape.coordinates;
      expect(layer.fc.features.map((f) => (f.geometry as Point).coordinates)).toEqual(vertices);
    }
  });

  it("bad_coord.csv: the row is reported (like bad_coord.error.json), not fatal", async () => {
    const expected = JSON.parse(readFileSync(join(CORPUS, "csv2geojson/bad_coord.error.json"), "utf8"));
    const { layers: [layer], warnings } = await layers(read("csv2geojson/bad_coord.csv"));
    expect(layer.fc.features).toHaveLength(0);
    expect(warnings).toHaveLength(expected.length);
    // csv2geojson counts data rows from 0; we name the spreadsheet row (header = row 1).
    expect(warnings[0].feature).toBe(`row ${expected[0].index + 2}`);
    expect(warnings[0].message.en).toContain(`lat="${expected[0].row.lat}"`);
  });
});

describe("geojsonhint and check-geojson corpus", () => {
  for (const name of list("geojsonhint/good", /\.geojson$/)) {
    it(`good/${name} imports`, async () => {
      const { layers: [layer] } = await layers(read(`geojsonhint/good/${name}`));
      expect(layer.fc.features.length).toBeGreaterThan(0);
    });
  }
  const bad = [...list("geojsonhint/bad", /\.geojson$/).map((n) => `geojsonhint/bad/${n}`), ...list("check-geojson", /\.geojson$/).map((n) => `check-geojson/${n}`)];
  for (const path of bad) {
    const name = path.split("/").pop()!;
    const hint = existsSync(join(CORPUS, path.replace(/\.geojson$/, ".result"))) ? JSON.parse(readFileSync(join(CORPUS, path.replace(/\.geojson$/, ".result")), "utf8")) : [{ message: "check-geojson rejects it" }];
    it(`bad: ${name} is rejected or warned, never a raw exception`, async () => {
      try {
        const result = await importFile(read(path), options);
        // geojsonhint finds nothing wrong in excessive_precision_truncated by default.
        if (hint.length > 0) expect(result.warnings.length).toBeGreaterThan(0);
        result.warnings.forEach((w) => expect(w.message.en.startsWith(name)).toBe(true));
      } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
        expect((error as ImportError).problem.en.startsWith(`${name}: `)).toBe(true);
      }
    });
  }
});

describe("shapefile-js corpus", () => {
  const count = async (input: ImportInput | ImportInput[]) => (await layers(input)).layers.map((l) => l.fc.features.length);

  it("feature counts match shpjs's tests (zipped and loose sets)", async () => {
    expect(await count(read("shapefile-js/senate.zip"))).toEqual([40]);
    expect(await count(looseSet("shapefile-js", "senate"))).toEqual([40]);
    expect(await count(read("shapefile-js/mixedcase.zip"))).toEqual([40]);
    expect(await count(read("shapefile-js/train_stations.zip"))).toEqual([361]);
    expect((await count(read("shapefile-js/from-pull-requests/pr181-test-data/multiple.zip"))).sort()).toEqual([361, 40].sort());
    expect(await count(read("shapefile-js/counties.zip"))).toEqual([14]);
    expect(await count(looseSet("shapefile-js", "counties"))).toEqual([14]);
    expect(await count(read("shapefile-js/no-dbf.zip"))).toEqual([14]);
    expect(await count(read("shapefile-js/qgis.zip"))).toEqual([2]);
    expect(await count(read("shapefile-js/files/pandr.zip"))).toEqual([80]);
    expect(await count(looseSet("shapefile-js/files", "pandr"))).toEqual([80]);
    expect(await count(read("shapefile-js/files/TM_WORLD_BORDERS_SIMPL-0.3.zip"))).toEqual([246]);
    // shpjs reports 3 here because it reads the 16 padding bytes as records; the .shx lists 1.
    expect(await count(read("shapefile-js/T8Th4_6n.zip"))).toEqual([1]);
  });

  it("converts projected data (NAD83 Massachusetts LCC, ESRI and OGC WKT) into Massachusetts", async () => {
    for (const path of ["shapefile-js/senate.zip", "shapefile-js/train_stations.zip"]) {
      const { layers: [layer] } = await layers(read(path));
      expect(layer.sourceCrs.confidence).toBe("high");
      for (const feature of layer.fc.features.slice(0, 20)) {
        const [lng, lat] = JSON.stringify(feature.geometry).match(/-?\d+\.?\d*/g)!.map(Number);
        expect(lng).toBeGreaterThan(-73.6);
        expect(lng).toBeLessThan(-69.8);
        expect(lat).toBeGreaterThan(41.1);
        expect(lat).toBeLessThan(43);
      }
    }
  });

  it("reads the CGCS2000 GK CM 114E Shenzhen file: EPSG:4547 from the .prj, GBK names from the language driver", async () => {
    const { layers: [layer] } = await layers(read("shapefile-js/from-pull-requests/pr187-files/shenzhen4547.zip"));
    expect(layer.sourceCrs.crs.code).toBe("EPSG:4547");
    expect(layer.fc.features).toHaveLength(1);
    expect(layer.fc.features[0].properties).toMatchObject({ 省: "广东省", 市: "深圳市", 类型: "副省级市", 市代码: 440300 });
    const ring = (layer.fc.features[0].geometry as Polygon | MultiPolygon).type === "Polygon" ? (layer.fc.features[0].geometry as Polygon).coordinates[0] : (layer.fc.features[0].geometry as MultiPolygon).coordinates[0][0];
    for (const [lng, lat] of ring) {
      expect(lng).toBeGreaterThan(113.7);
      expect(lng).toBeLessThan(114.7);
      expect(lat).toBeGreaterThan(22.4);
      expect(lat).toBeLessThan(22.9);
    }
  });

  it("decodes UTF-8, cp1250 and junk .cpg files as shpjs expects", async () => {
    const fields = async (input: ImportInput | ImportInput[]) => (await layers(input)).layers[0].fc.features.map((f) => f.properties?.field);
    expect(await fields(read("shapefile-js/utf.zip"))).toEqual(["💩", "Hněvošický háj"]);
    expect(await fields(looseSet("shapefile-js", "utf"))).toEqual(["💩", "Hněvošický háj"]);
    expect(await fields(read("shapefile-js/codepage.zip"))).toEqual(["??", "Hněvošický háj"]);
    expect(await fields(looseSet("shapefile-js", "codepage"))).toEqual(["??", "Hněvošický háj"]);
    const junkCpg = await layers(looseSet("shapefile-js", "htmlcpg"));
    expect(junkCpg.layers[0].fc.features.map((f) => f.properties?.field)).toEqual(["💩", "Hněvošický háj"]);
    expect(junkCpg.warnings.map((w) => w.message.en).join(" ")).toMatch(/\.cpg content is not a code page/);
    const junkPrj = await layers(looseSet("shapefile-js", "htmlprj"));
    expect(junkPrj.layers[0].fc.features.map((f) => f.properties?.field)).toEqual(["💩", "Hněvošický háj"]);
    expect(junkPrj.warnings.map((w) => w.message.en).join(" ")).toMatch(/\.prj content is not a CRS definition/);
  });

  it("reads Latin-1 World Borders without a .cpg as Windows-1252, not GBK", async () => {
    const { layers: [layer] } = await layers(read("shapefile-js/files/TM_WORLD_BORDERS_SIMPL-0.3.zip"));
    const names = layer.fc.features.map((f) => f.properties?.NAME);
    expect(names).toContain("Åland Islands");
    expect(names.join("")).not.toMatch(/舕/);
  });

  it("keeps null shapes, Z values and odd ring orders", async () => {
    const lga = (await layers(looseSet("shapefile-js", "LGA_2013_AUST"))).layers[0].fc;
    expect(lga.features).toHaveLength(13);
    expect(lga.features.filter((f) => f.geometry === null)).toHaveLength(12);
    expect((lga.features[4].geometry as MultiPolygon).coordinates).toHaveLength(21);
    expect(lga.features[4].properties?.LGA_NAME13).toBe("Kangaroo Island (DC)");

    const multipoint = (await layers(looseSet("shapefile-js", "export_multipointz"))).layers[0].fc.features[0].geometry as MultiPoint;
    expect(multipoint.coordinates).toEqual([[-123, 48, 1200], [-122, 47, 2500], [-121, 46, 3600]]);
    const polyline = (await layers(looseSet("shapefile-js", "export_polylinez"))).layers[0].fc.features[0].geometry as Geometry;
    expect(polyline.type).toBe("MultiLineString");

    const zeroLength = (await layers(read("shapefile-js/zero-len-line.zip"))).layers[0].fc;
    expect(zeroLength.features).toHaveLength(3);
    expect(zeroLength.features[1].geometry).toBeNull();

    const exclude = (await layers(read("shapefile-js/SHP_Exclude.zip"))).layers[0].fc.features;
    expect(exclude).toHaveLength(1);
    expect(exclude[0].geometry!.type).toBe("Polygon");
    expect((exclude[0].geometry as Polygon).coordinates.map((r) => r.length)).toEqual([7, 5]);

    const empty = (await layers(read("shapefile-js/files/empty-shp.zip"))).layers[0].fc.features;
    expect(empty.map((f) => f.properties)).toEqual([{}, {}]);
    await expect(layers(looseSet("shapefile-js", "ipra_dresden_polygon"))).resolves.toBeDefined();
  });

  it("rejects a zip without .shp, a broken .shp and a non-zip with ImportErrors naming the file", async () => {
    for (const input of [read("shapefile-js/noshp.zip"), read("shapefile-js/badzip.zip"), read("shapefile-js/bad.shp")]) {
      const error = await importFile(input, options).catch((e) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).problem.en).toContain(input.name.replace(/\.(zip|shp)$/, ""));
    }
  });
});
