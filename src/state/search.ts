/**
 * Search across every searchable layer by Chinese name, pinyin (full or initials) or English.
 * Pure: build an index once per data change, query it per keystroke.
 */
import type { FeatureCollection, Geometry } from "geojson";

export interface SearchEntry {
  layerId: string;
  featureId: string;
  name: string;
  nameEn: string;
  /** Normalised strings the query is matched against. */
  keys: string[];
}

export interface SearchHit extends SearchEntry {
  score: number;
}

/** Lower case, no spaces, no tone marks or punctuation: "Wèitáng Jiēdào" → "weitangjiedao". */
export function normalise(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[\s·'’\-_().,()]/g, "");
}

const SYLLABLE = /(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ui|ue|ve|a|o|e|i|u|v)/g;

/** First letter of each pinyin syllable: "weitang jiedao" → "wtjd", as Chinese users type it. */
export function pinyinInitials(pinyin: string): string {
  return [...normalise(pinyin).matchAll(SYLLABLE)].map((m) => m[0][0]).join("");
}

export function buildSearchIndex(layers: { id: string; fc: FeatureCollection<Geometry | null> }[]): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const layer of layers) {
    for (const f of layer.fc.features) {
      const p = f.properties ?? {};
      if (p.id === undefined || p.id === null) continue;
      const name = String(p.name ?? "");
      const nameEn = String(p.name_en ?? "");
      const pinyin = String(p.name_pinyin ?? "");
      const initials = pinyinInitials(pinyin);
      const keys = [name, nameEn, pinyin, initials, String(p.code ?? "")].map(normalise).filter(Boolean);
      entries.push({ layerId: layer.id, featureId: String(p.id), name, nameEn, keys });
    }
  }
  return entries;
}

/** Exact match first, then prefix, then substring; ties keep index order. */
export function searchIndex(index: SearchEntry[], query: string, limit = 12): SearchHit[] {
  const q = normalise(query);
  if (!q) return [];
  const hits: SearchHit[] = [];
  for (const entry of index) {
    let score = 0;
    for (const key of entry.keys) {
      if (key === q) score = Math.max(score, 3);
      else if (key.startsWith(q)) score = Math.max(score, 2);
      else if (key.includes(q)) score = Math.max(score, 1);
    }
    if (score) hits.push({ ...entry, score });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
