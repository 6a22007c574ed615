/** Site suggestions: category, radius and N; picks with the gain of each, shown on the map too. */
import { useEffect } from "preact/hooks";
import { layers } from "../../state/app-state.ts";
import { lifeCircleStandards, loadStandards, runSuggest, running, suggestOutcome, suggestParams } from "../../state/analysis-state.ts";
import { pointLayers } from "../../state/analysis-model.ts";
import { pick, t } from "../i18n.ts";
import { Field, Notices, NumberInput, num, tf } from "./parts.tsx";

const set = (patch: Partial<typeof suggestParams.value>) => (suggestParams.value = { ...suggestParams.value, ...patch });

export function SuggestView() {
  useEffect(() => { void loadStandards(); }, []);
  const params = suggestParams.value;
  const categories = lifeCircleStandards.value?.categories ?? [];
  const o = suggestOutcome.value;
  return (
    <>
      <form class="analysis-form" noValidate onSubmit={(e) => { e.preventDefault(); void runSuggest(); }}>
        <Field label={t("analysis.sg.category")}>
          <select value={params.category} onChange={(e) => set({ category: (e.target as HTMLSelectElement).value })}>
            <optgroup label={t("analysis.tab.lifecircle")}>
              {categories.map((c) => <option key={c.id} value={c.id}>{pick(c.name)}</option>)}
            </optgroup>
            <optgroup label={t("analysis.cov.stations")}>
              {pointLayers(layers.value).map((l) => <option key={l.id} value={l.id}>{pick(l.title)}</option>)}
            </optgroup>
          </select>
        </Field>
        <Field label={t("analysis.sg.radius")} unit={t("analysis.metres")}>
          <NumberInput value={params.radiusM} min={1} step={100} label={`${t("analysis.sg.radius")} (${t("analysis.metres")})`} onChange={(radiusM) => set({ radiusM })} />
        </Field>
        <Field label={t("analysis.sg.count")}>
          <NumberInput value={params.count} min={1} step={1} label={t("analysis.sg.count")} onChange={(count) => set({ count: Math.max(1, Math.round(count)) })} />
        </Field>
        <button type="submit" class="tool-button run-button" disabled={Boolean(running.value)}>{t("analysis.run")}</button>
      </form>
      {o && (
        <section class="analysis-result suggest-result">
          <p class="analysis-summary">{tf("analysis.sg.summary", { from: o.result.baseline_pct.toFixed(1), to: o.result.final_pct.toFixed(1), existing: o.existing })}</p>
          <table class="analysis-table suggest-table">
            <thead><tr><th>{t("analysis.sg.rank")}</th><th>lng</th><th>lat</th><th>{t("analysis.sg.gain")}</th><th>{t("analysis.sg.gainPct")}</th><th>{t("analysis.sg.cumulative")}</th></tr></thead>
            <tbody>
              {o.result.picks.map((p) => (
                <tr key={p.rank}><td>{p.rank}</td><td>{p.lng.toFixed(5)}</td><td>{p.lat.toFixed(5)}</td><td>{num(p.gain / 1e6, 2)}</td><td>{num(p.gain_pct)}</td><td>{num(p.cumulative_pct)}</td></tr>
              ))}
            </tbody>
          </table>
          <p class="analysis-method"><strong>{t("analysis.method")}:</strong> {t("analysis.sg.method")} ({o.radiusM} {t("analysis.metres")})</p>
          <Notices notices={[...o.notices, { key: "analysis.sg.ties" }]} />
        </section>
      )}
    </>
  );
}
