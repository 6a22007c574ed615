import type { Lang } from "../i18n/strings.ts";

/** Any attribute value as display text: bilingual objects pick the language, arrays join, objects print as JSON. */
export function formatValue(value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return lang === "zh" ? (value ? "是" : "否") : value ? "yes" : "no";
  if (typeof value === "number") return value.toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { maximumFractionDigits: 6 });
  if (Array.isArray(value)) return value.map((v) => formatValue(v, lang)).join(lang === "zh" ? "、" : ", ");
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    if ("zh" in o || "en" in o) return formatValue(o[lang] ?? o.zh ?? o.en, lang);
    return JSON.stringify(value);
  }
  return String(value);
}
