/** Emergency coverage: parameters, per-township table, chart, legend, caveats, what-if and A/B scenarios. */
import { layers } from "../../state/app-state.ts";
import {
  coverageOutcome, coverageParams, placing, resetWhatIf, runCoverage, running, saveScenario, scenarioComparison, scenarios,
  setCoverageParams, whatIfEdits,
} from "../../state/analysis-state.ts";
import { pointLayers, polygonLayers, resolveLayer } from "../../state/analysis-model.ts";
import { pick, t } from "../i18n.ts";
import { BarChart, Field, Notices, NumberInput, RatingCell, num, tf } from "./parts.tsx";

function Parameters() {
  const params = coverageParams.value;
  const points = pointLayers(layers.value);
  const polygons = polygonLayers(layers.value);
  const stations = resolveLayer(points, params.stationsLayerId, "emergency");
  const by = resolveLayer(polygons, params.byLayerId, "towns");
  return (
    <form class="analysis-form" noValidate onSubmit={(e) => { e.preventDefault(); void runCoverage(); }}>
      <Field label={t("analysis.cov.stations")}>
        <select value={stations?.id} onChange={(e) => setCoverageParams({ stationsLayerId: (e.target as HTMLSelectElement).value })}>
          {points.map((l) => <option key={l.id} value={l.id}>{pick(l.title)}</option>)}
        </select>
      </Field>
      <fieldset class="analysis-field radius-field">
        <legend class="field-label">{t("analysis.cov.radius")}</legend>
        <label><input type="radio" name="radius-mode" value="data" checked={params.radiusMode === "data"} onChange={() => setCoverageParams({ radiusMode: "data" })} /> {t("analysis.cov.radiusData")}</label>
        <label>
          <input type="radio" name="radius-mode" value="fixed" checked={params.radiusMode === "fixed"} onChange={() => setCoverageParams({ radiusMode: "fixed" })} /> {t("analysis.cov.radiusFixed")}
          <NumberInput value={params.radiusM} min={0} step={500} label={`${t("analysis.cov.radius")} (${t("analysis.metres")})`}
            onChange={(radiusM) => setCoverageParams({ radiusM, radiusMode: "fixed" })} />
          <span class="unit">{t("analysis.metres")}</span>
        </label>
      </fieldset>
      <Field label={t("analysis.cov.by")}>
        <select value={by?.id} onChange={(e) => setCoverageParams({ byLayerId: (e.target as HTMLSelectElement).value })}>
          {polygons.map((l) => <option key={l.id} value={l.id}>{pick(l.title)}</option>)}
        </select>
      </Field>
      <button type="submit" class="tool-button run-button" disabled={Boolean(running.value)}>{t("analysis.run")}</button>
    </form>
  );
}

function WhatIf() {
  const edits = whatIfEdits.value;
  const comparison = scenarioComparison.value;
  const { A, B } = scenarios.value;
  return (
    <section class="analysis-whatif">
      <h3>{t("analysis.whatif.title")}</h3>
      <div class="button-row">
        <button class={`tool-button${placing.value === "station" ? " active" : ""}`} aria-pressed={placing.value === "station"}
          onClick={() => (placing.value = placing.value === "station" ? null : "station")}>＋ {t("analysis.whatif.add")}</button>
        <button class="tool-button" disabled={edits === 0} onClick={() => { resetWhatIf(); void runCoverage(); }}>{t("analysis.whatif.reset")}</button>
        <span class="hint">{tf("analysis.whatif.edits", { n: edits })}</span>
      </div>
      <p class="hint">{placing.value === "station" ? t("analysis.whatif.adding") : t("analysis.whatif.hint")}</p>
      <div class="button-row">
        <button class="tool-button save-a" onClick={() => saveScenario("A")}>{t("analysis.whatif.saveA")}</button>
        <button class="tool-button save-b" onClick={() => saveScenario("B")}>{t("analysis.whatif.saveB")}</button>
      </div>
      {comparison && A && B && (
        <table class="analysis-table scenario-table">
          <caption>{t("analysis.whatif.compare")} — A: {A.stations} · {A.radius}; B: {B.stations} · {B.radius}</caption>
          <thead><tr><th>{t("analysis.township")}</th><th>A %</th><th>B %</th><th>{t("analysis.whatif.delta")}</th></tr></thead>
          <tbody>
            {comparison.map((r) => (
              <tr key={r.code} class={r.code === "*" ? "total" : undefined}>
                <td>{r.code === "*" ? t("analysis.total") : r.name}</td><td>{num(r.a_pct)}</td><td>{num(r.b_pct)}</td>
                <td class={r.delta_pct_points !== null && r.delta_pct_points > 0.05 ? "up" : r.delta_pct_points !== null && r.delta_pct_points < -0.05 ? "down" : undefined}>
                  {r.delta_pct_points === null ? "—" : `${r.delta_pct_points > 0 ? "+" : ""}${r.delta_pct_points.toFixed(1)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function CoverageView() {
  const o = coverageOutcome.value;
  const all = o?.redundancy.find((r) => r.code === "*");
  return (
    <>
      <Parameters />
      {o && (
        <section class="analysis-result coverage-result">
          <p class="analysis-summary">
            {tf("analysis.cov.summary", { n: o.stations.features.length, radius: o.result.radius_m === null ? `${t("analysis.cov.radiiFromData")} (${o.radiusLabel})` : o.radiusLabel, pct: o.result.total.covered_pct.toFixed(1) })}
          </p>
          <table class="analysis-table coverage-table">
            <thead>
              <tr><th>{t("analysis.township")}</th><th>{t("analysis.cov.area")}</th><th>{t("analysis.cov.covered")}</th><th>{t("analysis.cov.coveredPct")}</th><th>{t("analysis.cov.redundant")}</th><th>{t("analysis.rating")}</th></tr>
            </thead>
            <tbody>
              {o.rows.map((r) => (
                <tr key={r.code} data-code={r.code}>
                  <td>{r.name}</td><td>{num(r.area_km2, 2)}</td><td>{num(r.covered_km2, 2)}</td><td class="pct">{num(r.covered_pct)}</td><td>{num(r.redundant_pct)}</td><RatingCell rating={r.rating} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr class="total">
                <td>{t("analysis.total")}</td><td>{num(o.result.total.area_km2, 2)}</td><td>{num(o.result.total.covered_km2, 2)}</td>
                <td class="pct total-pct" data-value={o.result.total.covered_pct}>{num(o.result.total.covered_pct)}</td>
                <td>{num(all ? all.pct_by_count["2"] + all.pct_by_count["3+"] : null)}</td><td />
              </tr>
            </tfoot>
          </table>
          <p class="hint">{t("analysis.ratingNote")}</p>
          <BarChart title={t("analysis.cov.chart")} rows={o.rows.map((r) => ({ label: r.name, pct: r.covered_pct, rating: r.rating }))} />
          <ul class="analysis-legend">
            <li><span class="swatch-box covered" />{t("analysis.cov.legendCovered")}</li>
            <li><span class="swatch-box uncovered" />{t("analysis.cov.legendUncovered")}</li>
          </ul>
          <p class="analysis-method"><strong>{t("analysis.method")}:</strong> {o.result.method}</p>
          <Notices notices={o.notices} />
        </section>
      )}
      <WhatIf />
    </>
  );
}
