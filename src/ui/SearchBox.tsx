import { computed, signal } from "@preact/signals";
import { layers } from "../state/app-state.ts";
import { focusFeature } from "../state/actions.ts";
import { buildSearchIndex, searchIndex, type SearchHit } from "../state/search.ts";
import { layerDef } from "../map/layers/registry.ts";
import { lang } from "../state/app-state.ts";
import { pick, t } from "./i18n.ts";

const query = signal("");
const active = signal(0);
const index = computed(() => buildSearchIndex(layers.value.filter((l) => layerDef(l.kind).searchable)));
const hits = computed(() => searchIndex(index.value, query.value));

function choose(hit: SearchHit) {
  focusFeature(hit.layerId, hit.featureId);
  query.value = "";
}

export function SearchBox() {
  const results = hits.value;
  const layerTitle = (id: string) => pick(layers.value.find((l) => l.id === id)?.title);
  return (
    <div class="search" role="search">
      <input
        type="search" value={query.value} placeholder={t("search.placeholder")} aria-label={t("search.label")}
        role="combobox" list={undefined} aria-expanded={results.length > 0} aria-controls="search-results" aria-autocomplete="list"
        aria-activedescendant={results.length ? `search-hit-${active.value}` : undefined}
        onInput={(e) => { query.value = (e.target as HTMLInputElement).value; active.value = 0; }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") { active.value = Math.min(active.value + 1, results.length - 1); e.preventDefault(); }
          else if (e.key === "ArrowUp") { active.value = Math.max(active.value - 1, 0); e.preventDefault(); }
          else if (e.key === "Enter" && results[active.value]) choose(results[active.value]!);
          else if (e.key === "Escape") query.value = "";
        }}
      />
      {query.value.trim() && (
        <ul class="search-results" id="search-results" role="listbox">
          {results.length === 0 && <li class="search-none">{t("search.none")}</li>}
          {results.map((hit, i) => (
            <li key={`${hit.layerId}:${hit.featureId}`} id={`search-hit-${i}`} role="option" aria-selected={i === active.value}
              class={i === active.value ? "active" : ""} onMouseDown={(e) => { e.preventDefault(); choose(hit); }}>
              <span class="hit-name">{lang.value === "zh" ? hit.name : hit.nameEn || hit.name}</span>
              <span class="hit-meta">{lang.value === "zh" ? hit.nameEn : hit.name} · {layerTitle(hit.layerId)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
