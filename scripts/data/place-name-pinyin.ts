/**
 * Toneless pinyin and English forms for Jiashan place names, e.g. 魏塘街道 → "weitang jiedao" /
 * "Weitang Subdistrict". pinyin-pro reads most names right; local readings it gets wrong are fixed below.
 */
import { pinyin } from "pinyin-pro";

/** Administrative suffixes: pinyin kept as a separate word, and the English word for the unit. */
const SUFFIXES: ReadonlyArray<{ zh: string; pinyin: string; en: string }> = [
  { zh: "街道", pinyin: "jiedao", en: "Subdistrict" },
  { zh: "社区", pinyin: "shequ", en: "Community" },
  { zh: "镇", pinyin: "zhen", en: "Town" },
  { zh: "村", pinyin: "cun", en: "Village" },
  { zh: "县", pinyin: "xian", en: "County" },
  { zh: "区", pinyin: "qu", en: "District" },
  { zh: "市", pinyin: "shi", en: "City" },
];

/**
 * Local readings that differ from the dictionary default: 丁栅 is Dingzha (GeoNames 7735236),
 * 缪 as a surname is Miao, and 圩 (polder) is read wei in Jiangnan place names.
 */
const READING_FIXES: ReadonlyArray<[string, string[]]> = [
  ["丁栅", ["ding", "zha"]],
  ["缪", ["miao"]],
  ["圩", ["wei"]],
];

function syllables(core: string): string[] {
  const result = pinyin(core, { toneType: "none", type: "array", v: true });
  for (const [hanzi, fixed] of READING_FIXES) {
    for (let at = core.indexOf(hanzi); at >= 0; at = core.indexOf(hanzi, at + 1)) {
      result.splice(at, fixed.length, ...fixed);
    }
  }
  return result;
}

export interface PlaceNameForms {
  /** Lowercase, toneless, core joined and suffix separate: "weitang jiedao". */
  pinyin: string;
  /** "Weitang Subdistrict". */
  en: string;
}

/**
 * Pinyin and English forms of an administrative place name.
 * @example placeNameForms("蒋村村") // { pinyin: "jiangcun cun", en: "Jiangcun Village" }
 */
export function placeNameForms(name: string): PlaceNameForms {
  const suffix = SUFFIXES.find((s) => name.endsWith(s.zh) && name.length > s.zh.length);
  const core = suffix ? name.slice(0, -suffix.zh.length) : name;
  const corePinyin = syllables(core).join("");
  const coreEn = corePinyin.charAt(0).toUpperCase() + corePinyin.slice(1);
  return {
    pinyin: suffix ? `${corePinyin} ${suffix.pinyin}` : corePinyin,
    en: suffix ? `${coreEn} ${suffix.en}` : coreEn,
  };
}
