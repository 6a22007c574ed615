/**
 * Checks a story file against the data package and the seeds digest: unknown layer or feature ids,
 * missing zh/en text, figures that trace to no seed and no computation, cameras out of range.
 * Pure: the CLI (`atlas check`) and the tests pass the ids in.
 */
import type { FeatureCollection } from "geojson";
import type { PackageCheck, PackageCheckContext } from "../io/validate/index.ts";
import { seedDigest } from "../data/seeds.ts";
import { bboxOf, type BBox } from "../data/bbox.ts";
import defaultStory from "./jiashan.story.json";
import { COMPUTED_FIGURES, STORY_OVERLAYS, type StoryIssue } from "./story-types.ts";

/** Path of the default story, as printed in issues. */
export const STORY_FILE = "src/story/jiashan.story.json";

export interface StoryReferences {
  /** Layer ids of the data package (manifest `layers[].id`). */
  layerIds: Iterable<string>;
  /** Every `properties.id` in the package. */
  featureIds: Iterable<string>;
  /** Figure ids in seeds/digest.json. @default the ids in seeds/digest.json */
  figureIds?: Iterable<string>;
  /** `[minLng, minLat, maxLng, maxLat]` the camera centre must lie in. @default the whole globe */
  cameraBounds?: BBox;
}

/** MapLibre's zoom limit; the bridge caps pitch at 70° (src/map/bridge.ts). */
const MAX_ZOOM = 22;
const MAX_PITCH = 70;
const MIN_FIGURES = 2;
const MAX_FIGURES = 4;
const EXPERIENCE_SETS = ["2017", "2021"];

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isText = (x: unknown): x is string => typeof x === "string" && x.trim() !== "";
const isNumber = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

/**
 * Every problem in a story, each naming the file and the chapter.
 * @example
 * validateStory(story, "src/story/jiashan.story.json", { layerIds: ["towns"], featureIds: ["town-330421103"] })
 * // [{ file: "src/story/jiashan.story.json", feature: "water", message: 'layer "water" is not in the data package' }]
 */
export function validateStory(story: unknown, file: string, references: StoryReferences): StoryIssue[] {
  const issues: StoryIssue[] = [];
  const report = (feature: string | null, message: string) => issues.push({ file, feature, message });
  if (!isObject(story)) {
    report(null, "a story must be a JSON object with `id`, `title` and `chapters`");
    return issues;
  }
  if (!isText(story.id)) report(null, "`id` must be a non-empty string");
  checkBilingual(story.title, "title", (message) => report(null, message));
  if (!Array.isArray(story.chapters) || story.chapters.length === 0) {
    report(null, "`chapters` must be a non-empty array");
    return issues;
  }
  const layerIds = new Set(references.layerIds);
  const featureIds = new Set(references.featureIds);
  const figureIds = new Set(references.figureIds ?? seedDigest.figures.map((f) => f.id));
  const seenChapterIds = new Set<string>();
  story.chapters.forEach((chapter: unknown, index: number) => {
    const label = isObject(chapter) && isText(chapter.id) ? chapter.id : `#${index + 1}`;
    const say = (message: string) => report(label, message);
    if (!isObject(chapter)) {
      say("a chapter must be a JSON object");
      return;
    }
    if (!isText(chapter.id)) say("`id` must be a non-empty string");
    else if (seenChapterIds.has(chapter.id)) say(`chapter id "${chapter.id}" is used twice`);
    else seenChapterIds.add(chapter.id);
    checkCamera(chapter.camera, references.cameraBounds, say);
    checkLayers(chapter.layers, layerIds, say);
    checkHighlight(chapter.highlight, featureIds, say);
    checkBilingual(chapter.headline, "headline", say);
    checkBilingual(chapter.text, "text", say);
    if (chapter.notes !== undefined) checkBilingual(chapter.notes, "notes", say);
    checkFigures(chapter.figures, figureIds, say);
    if (chapter.overlays !== undefined) checkOverlays(chapter.overlays, say);
    if (chapter.experiences !== undefined && !EXPERIENCE_SETS.includes(chapter.experiences as string)) {
      say(`experiences must be one of ${EXPERIENCE_SETS.map((s) => `"${s}"`).join(", ")} (got ${JSON.stringify(chapter.experiences)})`);
    }
  });
  return issues;
}

function checkBilingual(value: unknown, field: string, say: (message: string) => void): void {
  if (!isObject(value)) {
    say(`\`${field}\` must be an object with zh and en text`);
    return;
  }
  for (const lang of ["zh", "en"] as const) if (!isText(value[lang])) say(`\`${field}\` has no ${lang} text`);
}

function checkCamera(camera: unknown, bounds: BBox | undefined, say: (message: string) => void): void {
  if (!isObject(camera)) {
    say("`camera` must be an object with center [lng, lat] and zoom");
    return;
  }
  const center = camera.center;
  if (!Array.isArray(center) || center.length !== 2 || !center.every(isNumber)) say("camera.center must be [lng, lat]");
  else {
    const [lng, lat] = center as [number, number];
    if (Math.abs(lng) > 180 || Math.abs(lat) > 90) say(`camera.center [${lng}, ${lat}] is out of range (is it [lat, lng]?)`);
    else if (bounds && (lng < bounds[0] || lng > bounds[2] || lat < bounds[1] || lat > bounds[3])) {
      say(`camera.center [${lng}, ${lat}] is outside the data (${bounds.map((x) => x.toFixed(2)).join(", ")})`);
    }
  }
  if (!isNumber(camera.zoom) || camera.zoom < 0 || camera.zoom > MAX_ZOOM) say(`camera.zoom must be a number from 0 to ${MAX_ZOOM} (got ${JSON.stringify(camera.zoom)})`);
  if (camera.pitch !== undefined && (!isNumber(camera.pitch) || camera.pitch < 0 || camera.pitch > MAX_PITCH)) {
    say(`camera.pitch must be from 0 to ${MAX_PITCH} degrees (got ${JSON.stringify(camera.pitch)})`);
  }
  if (camera.bearing !== undefined && (!isNumber(camera.bearing) || Math.abs(camera.bearing) > 360)) {
    say(`camera.bearing must be from -360 to 360 degrees (got ${JSON.stringify(camera.bearing)})`);
  }
}

function checkLayers(layers: unknown, known: Set<string>, say: (message: string) => void): void {
  if (!Array.isArray(layers) || layers.length === 0) {
    say("`layers` must list at least one layer id");
    return;
  }
  for (const id of layers) {
    if (!isText(id)) say(`layer id ${JSON.stringify(id)} is not a string`);
    else if (!known.has(id)) say(`layer "${id}" is not in the data package`);
  }
}

function checkHighlight(highlight: unknown, known: Set<string>, say: (message: string) => void): void {
  if (highlight === undefined) return;
  if (!Array.isArray(highlight)) {
    say("`highlight` must be a list of feature ids");
    return;
  }
  for (const id of highlight) {
    if (!isText(id)) say(`feature id ${JSON.stringify(id)} is not a string`);
    else if (!known.has(id)) say(`highlighted feature "${id}" is not in the data package`);
  }
}

function checkOverlays(overlays: unknown, say: (message: string) => void): void {
  if (!isObject(overlays)) {
    say("`overlays` must be an object such as {\"stationRings\": true}");
    return;
  }
  for (const [key, on] of Object.entries(overlays)) {
    if (!(STORY_OVERLAYS as readonly string[]).includes(key)) say(`overlay "${key}" is unknown (known: ${STORY_OVERLAYS.join(", ")})`);
    else if (typeof on !== "boolean") say(`overlay "${key}" must be true or false`);
  }
}

function checkFigures(figures: unknown, known: Set<string>, say: (message: string) => void): void {
  if (!Array.isArray(figures) || figures.length < MIN_FIGURES || figures.length > MAX_FIGURES) {
    say(`\`figures\` must list ${MIN_FIGURES} to ${MAX_FIGURES} figures (got ${Array.isArray(figures) ? figures.length : "none"})`);
    if (!Array.isArray(figures)) return;
  }
  for (const figure of figures) {
    if (isObject(figure) && isText(figure.figure)) {
      if (!known.has(figure.figure)) say(`figure "${figure.figure}" has no source: it is not in seeds/digest.json`);
    } else if (isObject(figure) && isText(figure.computed)) {
      if (!(COMPUTED_FIGURES as readonly string[]).includes(figure.computed)) {
        say(`computed figure "${figure.computed}" is unknown (known: ${COMPUTED_FIGURES.join(", ")})`);
      }
    } else say(`figure ${JSON.stringify(figure)} has no source: give {"figure": "<seeds id>"} or {"computed": "<name>"}`);
  }
}

/** Degrees of slack around the package's data for camera centres (a chapter may frame the delta). */
const CAMERA_MARGIN_DEG = 1;

/** Layer ids, feature ids and camera bounds of a loaded package, for {@link validateStory}. */
export function storyReferencesOfPackage(
  layers: { id: string; collection: FeatureCollection | null }[],
): Required<Omit<StoryReferences, "figureIds">> {
  const featureIds: string[] = [];
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { collection } of layers) {
    for (const feature of collection?.features ?? []) {
      const id = feature?.properties?.["id"];
      if (isText(id)) featureIds.push(id);
      const b = bboxOf(feature?.geometry);
      if (b) [box[0], box[1], box[2], box[3]] = [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])];
    }
  }
  const cameraBounds: BBox = Number.isFinite(box[0])
    ? [box[0] - CAMERA_MARGIN_DEG, box[1] - CAMERA_MARGIN_DEG, box[2] + CAMERA_MARGIN_DEG, box[3] + CAMERA_MARGIN_DEG]
    : [-180, -90, 180, 90];
  return { layerIds: layers.map((l) => l.id), featureIds, cameraBounds };
}

/**
 * The story check for `atlas check <package>`: validates a story (the default one unless given)
 * against the package being checked. Register it with `registerPackageCheck(storyPackageCheck())`.
 * @example registerPackageCheck(storyPackageCheck());
 */
export function storyPackageCheck(story: unknown = defaultStory, file = STORY_FILE): PackageCheck {
  return {
    name: "story",
    run: (context: PackageCheckContext) => ({
      errors: validateStory(story, file, storyReferencesOfPackage(context.layers.map((l) => ({ id: l.layer.id, collection: l.collection })))),
      warnings: [],
    }),
  };
}
