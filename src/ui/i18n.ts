import { lang } from "../state/app-state.ts";
import { translate, type StringKey } from "../i18n/strings.ts";
import type { Bilingual } from "../data/types.ts";

/** Reads the language signal, so a component using it re-renders when the language changes. */
export const t = (key: StringKey) => translate(key, lang.value);
export const pick = (text: Bilingual | undefined | null) => (text ? text[lang.value] || text.zh : "");
