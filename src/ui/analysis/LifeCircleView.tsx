/** 15-minute life circle: parameters, loud notices, compliance table, map category and what-if facility. */
import { layers } from "../../state/app-state.ts";
import {
  lifeCircleOutcome, lifeCircleParams, placing, runLifeCircle, running, surfaceCategory,
} from "../../state/analysis-state.ts";
import { lineLayers, type LifeCircleParams } from "../../state/analysis-model.ts";
import { MINUTE_STOPS, cssRgba } from "../../map/deck/analysis-colours.ts";
import { pick, t } from "../i18n.ts";
import { Field, Notices, NumberInput, RatingCell, num, tf } from "./parts.tsx";

const set = (patch: Partial<LifeCircleParams>) => (lifeCircleParams.value = { ...lifeCircleParams.value, ...patch });

function Parameters() {
  const params = lifeCircleParams.value;
  const towns = layers.value.find((l) => l.kind === "towns");
  const roads = lineLayers(layers.value);
  return (
    <form class="analysis-form" noValidate onSubmit={(e) => { e.preventDefault(); void runLifeCircle(); }}>
      <Field label={t("analysis.lc.township")}>
        <select value={params.township} onChange={(e) => set({ township: (e.target as HTMLSelectElement).value })}>
          <option value="">{t("analysis.all")}</option>
          {(towns?.fc.features ?? []).map((f) => <option key={String(f.properties?.["code"])} value={String(f.properties?.["code"])}>{String(f.properties?.["name"] ?? f.properties?.["code"])}</option>)}
        </select>
      </Field>
      <Field label={t("analysis.lc.grid")} unit={t("analysis.metres")}>
        <NumberInput value={params.cellSizeM} min={10} step={50} label={`${t("analysis.lc.grid")} (${t("analysis.metres")})`} onChange={(cellSizeM) => set({ cellSizeM })} />
      </Field>
      <Field label={t("analysis.lc.detour")} unit="×">
        <NumberInput value={params.detourFactor} min={1} step={0.05} label={t("analysis.lc.detour")} onChange={(detourFactor) => set({ detourFactor })} />
      </Field>
      <Field label={t("analysis.lc.roads")}>
        <select value={params.roadsLayerId ?? ""} onChange={(e) => set({ roadsLayerId: (e.target as HTMLSelectElement).value || null })}>
          <option value="">{t("analysis.lc.noRoads")}</option>
          {roads.map((l) => <option key={l.id} value={l.id}>{pick(l.title)}</option>)}
        </select>
      </Field>
      <button type="submit" class="tool-button run-button" disabled={Boolean(running.value)}>{t("analysis.run")}</button>
    </form>
  );
}

export function LifeCircleView() {
  const o = lifeCircleOutcome.value;
  const names = new Map(o?.standards.categories.map((c) => [c.id, pick(c.name)]));
  const shown = o ? surfaceCategory(o, lifeCircleParams.value.category) : null;
  return (
    <>
      <Parameters />
      {o && (
        <section class="analysis-result lifecircle-result">
          <Notices notices={o.notices} loud={["analysis.lc.schematicInputs"]} />
          <p class="analysis-summary">{tf("analysis.lc.cells", { n: o.result.demand.count, size: o.cellSizeM })}</p>
          <Field label={t("analysis.lc.surfaceCategory")}>
            <select value={shown ?? ""} onChange={(e) => (lifeCircleParams.value = { ...lifeCircleParams.value, category: (e.target as HTMLSelectElement).value })}>
              {o.result.categories.map((c) => <option key={c.category} value={c.category}>{names.get(c.category) ?? c.category} ({c.facilities.length})</option>)}
            </select>
          </Field>
          <ul class="analysis-legend minutes-legend" aria-label={t("analysis.lc.legend")}>
            {MINUTE_STOPS.map((s, i) => (
              <li key={s.maxMinutes}><span class="swatch-box" style={{ background: cssRgba(s.rgba) }} />
                {Number.isFinite(s.maxMinutes) ? `${MINUTE_STOPS[i - 1]?.maxMinutes ?? 0}–${s.maxMinutes}` : `> ${MINUTE_STOPS[i - 1]!.maxMinutes}`} {t("analysis.minutes")}</li>
            ))}
            <li><span class="swatch-box gap" />{t("analysis.lc.gap")}</li>
          </ul>
          <div class="button-row">
            <button class={`tool-button${placing.value === "facility" ? " active" : ""}`} aria-pressed={placing.value === "facility"}
              onClick={() => (placing.value = placing.value === "facility" ? null : "facility")}>＋ {t("analysis.whatif.addFacility")}</button>
            {o.cellsExamined !== null && <span class="hint">{tf("analysis.whatif.incremental", { cells: o.cellsExamined, total: o.result.demand.count })}</span>}
          </div>
          {placing.value === "facility" && <p class="hint">{t("analysis.whatif.addingFacility")}</p>}
          <div class="table-scroll">
            <table class="analysis-table compliance-table">
              <thead>
                <tr><th>{t("analysis.township")}</th><th>{t("analysis.lc.category")}</th><th>{t("analysis.lc.limit")}</th><th>{t("analysis.lc.within5")}</th><th>{t("analysis.lc.within10")}</th><th>{t("analysis.lc.within15")}</th><th>{t("analysis.rating")}</th></tr>
              </thead>
              <tbody>
                {o.table.rows.map((r) => (
                  <tr key={`${r.code}-${r.category}`} class={r.code === "*" ? "total" : undefined}>
                    <td>{r.code === "*" ? t("analysis.all") : r.name}</td><td>{names.get(r.category) ?? r.category}</td><td>{r.threshold_min}</td>
                    <td>{num(r.pct_5)}</td><td>{num(r.pct_10)}</td><td>{num(r.pct_15)}</td><RatingCell rating={r.rating} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {o.table.emptyCategories.length > 0 && <p class="warning">{tf("analysis.lc.empty", { list: o.table.emptyCategories.map((c) => names.get(c) ?? c).join("、") })}</p>}
          <p class="hint">{t("analysis.ratingNote")}</p>
          <p class="analysis-method"><strong>{t("analysis.method")}:</strong> {o.result.method}</p>
        </section>
      )}
    </>
  );
}
