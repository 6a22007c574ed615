import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seedDigest } from "../data/seeds.ts";
import { LAYER_KINDS } from "../data/types.ts";
import defaultStory from "./jiashan.story.json";
import type { Story } from "./story-types.ts";
import { STORY_FILE, storyPackageCheck, storyReferencesOfPackage, validateStory, type StoryReferences } from "./validate-story.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");
const read = (path: string): unknown => JSON.parse(readFileSync(join(FIXTURES, path), "utf8"));
const references = read("canonical-references.json") as StoryReferences & { cameraBounds: [number, number, number, number] };

/** What each bad fixture is about: at least one message must say so. */
const BAD_CASES: Record<string, RegExp> = {
  "unknown-layer": /layer "roads" is not in the data package/,
  "unknown-feature": /highlighted feature "zone-nowhere" is not in the data package/,
  "missing-translation": /has no en text/,
  "figure-without-source": /has no source/,
  "camera-out-of-range": /out of range|outside the data/,
  "duplicate-chapter-id": /used twice/,
  "not-an-object": /must be a JSON object/,
  "no-chapters": /`chapters` must be a non-empty array/,
};

describe("validateStory", () => {
  it("accepts a good story", () => {
    expect(validateStory(read("good/minimal.story.json"), "good/minimal.story.json", references)).toEqual([]);
  });

  const badFiles = readdirSync(join(FIXTURES, "bad")).filter((f) => f.endsWith(".story.json"));
  it("has a rule for every bad fixture", () => {
    expect(badFiles.map((f) => f.replace(".story.json", "")).sort()).toEqual(Object.keys(BAD_CASES).sort());
  });

  for (const file of badFiles) {
    const name = file.replace(".story.json", "");
    it(`reports ${name} with the file and chapter`, () => {
      const issues = validateStory(read(`bad/${file}`), `bad/${file}`, references);
      expect(issues.some((i) => BAD_CASES[name]!.test(i.message)), JSON.stringify(issues, null, 2)).toBe(true);
      for (const issue of issues) expect(issue.file).toBe(`bad/${file}`);
      const expectedPath = join(FIXTURES, "bad", `${name}.expected.json`);
      if (process.env.REGEN) writeFileSync(expectedPath, `${JSON.stringify(issues, null, 2)}\n`);
      expect(issues).toEqual(JSON.parse(readFileSync(expectedPath, "utf8")));
    });
  }

  it("names the chapter of each problem", () => {
    const issues = validateStory(read("bad/camera-out-of-range.story.json"), "x", references);
    expect(new Set(issues.map((i) => i.feature))).toEqual(new Set(["county", "emergency"]));
  });

  it("flags a figure id that is not in seeds/digest.json, and only that one", () => {
    const story = read("good/minimal.story.json") as Story;
    story.chapters[0]!.figures = [{ figure: "gtxc.area_km2" }, { figure: "gtxc.area_km3" }];
    expect(validateStory(story, "x", references).map((i) => i.message)).toEqual([
      'figure "gtxc.area_km3" has no source: it is not in seeds/digest.json',
    ]);
  });
});

describe("the default story", () => {
  it("is valid against the canonical ids, layer kinds and the seeds digest", () => {
    expect(validateStory(defaultStory, STORY_FILE, { ...references, layerIds: LAYER_KINDS })).toEqual([]);
  });

  it("covers the chapters the brief asks for, with two to four figures each", () => {
    const story = defaultStory as Story;
    expect(story.chapters.length).toBeGreaterThanOrEqual(8);
    const figureIds = story.chapters.flatMap((c) => c.figures.flatMap((f) => ("figure" in f ? [f.figure] : [])));
    for (const id of figureIds) expect(seedDigest.figures.some((f) => f.id === id), id).toBe(true);
    const emergency = story.chapters.find((c) => c.layers.includes("emergency") && c.figures.some((f) => "computed" in f));
    expect(emergency, "a chapter with live coverage").toBeDefined();
    expect(story.chapters.some((c) => c.experiences === "2021")).toBe(true);
  });

  it("never types a coverage number into the text", () => {
    for (const chapter of (defaultStory as Story).chapters.filter((c) => c.figures.some((f) => "computed" in f))) {
      expect(`${chapter.text.zh} ${chapter.text.en}`).not.toMatch(/\d+(\.\d+)?\s*(%|km²|平方公里)/);
    }
  });
});

describe("storyPackageCheck", () => {
  const pointAt = (id: string, lngLat: [number, number]) => ({
    type: "Feature" as const, properties: { id }, geometry: { type: "Point" as const, coordinates: lngLat },
  });

  it("takes layer ids, feature ids and camera bounds from the package", () => {
    const refs = storyReferencesOfPackage([
      { id: "towns", collection: { type: "FeatureCollection", features: [pointAt("town-330421103", [120.9, 30.9])] } },
      { id: "zones", collection: null },
    ]);
    expect(refs.layerIds).toEqual(["towns", "zones"]);
    expect(refs.featureIds).toEqual(["town-330421103"]);
    expect(refs.cameraBounds).toEqual([119.9, 29.9, 121.9, 31.9]);
  });

  it("reports the default story's chapters that name layers the package lacks", async () => {
    const check = storyPackageCheck();
    const result = await check.run({
      dirName: "pkg",
      manifest: { name: "p", title: { zh: "p", en: "p" }, version: "0", crs: "EPSG:4326", layers: [] },
      layers: [{ layer: { id: "county" } as never, fileName: "pkg/county.geojson", collection: { type: "FeatureCollection", features: [pointAt("county-330421", [120.9, 30.9])] } }],
      readFile: async () => null,
      displayPath: (p) => `pkg/${p}`,
    });
    expect(check.name).toBe("story");
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.every((e) => e.file === STORY_FILE)).toBe(true);
    expect(result.errors.some((e) => e.feature === "townships" && /layer "towns" is not in the data package/.test(e.message))).toBe(true);
  });
});
