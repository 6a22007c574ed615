import { STATUSES } from "../data/types.ts";
import { layers } from "../state/app-state.ts";
import { layerDef } from "../map/layers/registry.ts";
import { LIGHT } from "../map/theme.ts";
import { Swatch } from "./Swatch.tsx";
import { pick, t } from "./i18n.ts";

const STATUS_SWATCH = {
  official: { shape: "fill", color: "#555555" },
  derived: { shape: "fill", color: "#555555" },
  approximate: { shape: "circle", color: "#555555", hollow: true },
  schematic: { shape: "fill", color: "#555555", hatched: true, dashed: true },
} as const;

export function Legend() {
  const visible = layers.value.filter((l) => l.visible);
  const kinds = [...new Set(visible.map((l) => l.kind))];
  return (
    <section class="legend" aria-label={t("legend.title")}>
      <h3>{t("legend.title")}</h3>
      <ul>
        {kinds.flatMap((kind) =>
          layerDef(kind).legend(LIGHT).map((entry, i) => (
            <li key={`${kind}-${i}`}><Swatch swatch={entry.swatch} /> {pick(entry.label)}</li>
          )),
        )}
      </ul>
      <h4>{t("legend.status")}</h4>
      <ul class="status-legend">
        {STATUSES.map((s) => (
          <li key={s} class={`status-${s}`}>
            <Swatch swatch={STATUS_SWATCH[s]} /> <strong>{t(`status.${s}`)}</strong> — {t(`status.${s}.help`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
