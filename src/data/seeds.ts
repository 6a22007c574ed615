/**
 * Typed access to seeds/digest.json: the bilingual digest of the five policy documents.
 * Cards and the presentation go through these helpers so every number shown carries its citation.
 */
import digest from "../../seeds/digest.json";
import type { SeedDigest, SeedDocId, SeedDocument, SeedExperience, SeedFigure } from "./seed-types.ts";

export type SeedLang = "zh" | "en";

export const seedDigest: SeedDigest = digest as SeedDigest;

const FIGURES_BY_ID = new Map(seedDigest.figures.map((figure) => [figure.id, figure]));
const DOCUMENTS_BY_ID = new Map(seedDigest.documents.map((document) => [document.id, document]));

/**
 * The figure with this id; throws so a mistyped id in a card or chapter fails loudly.
 * @example figureById("gtxc.area_km2").value // 11.96
 */
export function figureById(id: string): SeedFigure {
  const figure = FIGURES_BY_ID.get(id);
  if (!figure) throw new Error(`seeds/digest.json: no figure with id "${id}"`);
  return figure;
}

/**
 * The document with this id.
 * @example seedDocument("001").number // "嘉委发〔2017〕12号"
 */
export function seedDocument(id: SeedDocId): SeedDocument {
  const document = DOCUMENTS_BY_ID.get(id);
  if (!document) throw new Error(`seeds/digest.json: no document with id "${id}"`);
  return document;
}

/**
 * Figures tied to a feature id; "county" gives the county-wide ones. Exact match only.
 * @example figuresForPlace("zone-gtxc").map((f) => f.id) // ["gtxc.area_km2", "gtxc.term_years", …]
 */
export function figuresForPlace(placeId: string): SeedFigure[] {
  return seedDigest.figures.filter((figure) => figure.places.includes(placeId));
}

/**
 * Experiences tied to a feature id.
 * @example experiencesForPlace("town-330421111").map((e) => e.id) // ["2017-E2", "2017-E3"]
 */
export function experiencesForPlace(placeId: string): SeedExperience[] {
  return seedDigest.experiences.filter((experience) => experience.places.includes(placeId));
}

/** English units written as "×10⁴ …" / "×10⁸ …" keep the document's 万/亿 scale; English text spells the number out. */
const SCALED_EN_UNIT = /^×10([⁴⁸]) (.+)$/;
const SCALE_FACTOR: Record<string, number> = { "⁴": 1e4, "⁸": 1e8 };
/** Units written straight after the number, without a space (ratios are printed "1.61：1"). */
const ATTACHED_UNITS = new Set(["%", "‰", "：1", ":1"]);

function formatNumber(value: number, lang: SeedLang): string {
  // Four decimals is enough for every printed value and hides float noise from scaling (50.4 × 1e8).
  return new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 4 }).format(value);
}

function joinValueAndUnit(value: string, unit: string): string {
  if (unit === "") return value;
  return ATTACHED_UNITS.has(unit) ? `${value}${unit}` : `${value} ${unit}`;
}

/** "firms" → "firm", "working days" → "working day", "beds per 100 elderly" → "bed per 100 elderly". */
function singularEnglishUnit(unit: string): string {
  return unit.replace(/s(?=( per |$))/, "");
}

function formatScaledEnglish(value: number, factor: number, unitRest: string): string {
  const absolute = value * factor;
  if (absolute >= 1e9) return `${formatNumber(absolute / 1e9, "en")} billion ${unitRest}`;
  if (absolute >= 1e6) return `${formatNumber(absolute / 1e6, "en")} million ${unitRest}`;
  return `${formatNumber(absolute, "en")} ${unitRest}`;
}

/**
 * A figure's value with thousands separators and unit. Chinese keeps the document's 万/亿 units;
 * English converts them to plain numbers ("4,580 万元" → "45.8 million yuan").
 * @example formatFigure(figureById("gtxc.area_km2"), "en") // "11.96 km²"
 * @example formatFigure(figureById("gtxc.area_km2"), "zh") // "11.96 平方公里"
 */
export function formatFigure(figure: Pick<SeedFigure, "value" | "unit">, lang: SeedLang): string {
  const unit = figure.unit[lang];
  if (typeof figure.value === "string") return joinValueAndUnit(figure.value, unit);
  if (lang === "en") {
    const scaled = SCALED_EN_UNIT.exec(unit);
    if (scaled) return formatScaledEnglish(figure.value, SCALE_FACTOR[scaled[1]], scaled[2]);
  }
  const unitForValue = lang === "en" && figure.value === 1 ? singularEnglishUnit(unit) : unit;
  return joinValueAndUnit(formatNumber(figure.value, lang), unitForValue);
}

/** English rendering of a section locator; Chinese headings stay as printed so they can be found in the text. */
function sectionInEnglish(section: string): string {
  const annex = /^附件 经验(\d+)(?:·(.+))?$/.exec(section);
  if (annex) return annex[2] ? `annex E${annex[1]} §${annex[2]}` : `annex E${annex[1]}`;
  const article = /^第\((\d+)\)条$/.exec(section);
  if (article) return `item (${article[1]})`;
  const listItem = /^第(\d+)项$/.exec(section);
  if (listItem) return `item ${listItem[1]}`;
  return `§${section}`;
}

/**
 * Where a figure or experience comes from: document number (or title when it has none) and section.
 * @example citation(figureById("gtxc.area_km2"), "zh") // "嘉嘉善示范办〔2017〕1号 · 附件 经验6·(一)"
 * @example citation(figureById("gtxc.area_km2"), "en") // "Doc. 嘉嘉善示范办〔2017〕1号, annex E6 §(一)"
 */
export function citation(item: Pick<SeedFigure, "doc" | "section">, lang: SeedLang): string {
  const document = seedDocument(item.doc);
  if (lang === "zh") return `${document.number ?? `《${document.title.zh}》`} · ${item.section}`;
  return `Doc. ${document.number ?? document.title.en}, ${sectionInEnglish(item.section)}`;
}
