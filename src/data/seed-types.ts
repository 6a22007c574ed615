/**
 * The seeds/ digest: a structured, bilingual summary of the five policy documents in shared/seeds/,
 * written in the project's own words. Cards and the presentation read figures from here so every
 * number shown can be traced to a document and section.
 */
import type { Bilingual } from "./types.ts";

export type SeedDocId = "000" | "001" | "002" | "003" | "004";

export interface SeedDocument {
  id: SeedDocId;
  /** Document number (文号) such as 嘉委发〔2017〕12号, or null when the document has none. */
  number: string | null;
  title: Bilingual;
  /** ISO date (YYYY-MM-DD) or null when the document gives none. */
  date: string | null;
  issuer: Bilingual;
  summary: Bilingual;
}

export interface SeedFigure {
  /** Stable key, dotted, e.g. "gtxc.area_km2". */
  id: string;
  label: Bilingual;
  /** Numeric where the document gives a number; text otherwise (e.g. "95·5·3"). */
  value: number | string;
  /** Unit as printed, zh and en (e.g. {zh: "平方公里", en: "km²"}); empty strings when unitless. */
  unit: Bilingual;
  doc: SeedDocId;
  /** Section or item as the document numbers it, e.g. "附件 E6", "(十四)", "第(59)条". */
  section: string;
  /** Year the figure refers to, when stated. */
  year?: number;
  /** Feature ids in geodata/ this figure belongs to ("county" for county-wide). */
  places: string[];
  /** Whether the figure is a target (规划/目标) rather than an achieved value. */
  target?: boolean;
}

export interface SeedExperience {
  /** "2017-E1" … "2017-E10" (seed 000 annex), "2021-1" … "2021-13" (seed 003). */
  id: string;
  set: "2017" | "2021";
  n: number;
  title: Bilingual;
  summary: Bilingual;
  doc: SeedDocId;
  section: string;
  /** Feature ids this experience is tied to on the map ("county" when county-wide). */
  places: string[];
  figures: string[];
}

export interface SeedDigest {
  documents: SeedDocument[];
  figures: SeedFigure[];
  experiences: SeedExperience[];
}
