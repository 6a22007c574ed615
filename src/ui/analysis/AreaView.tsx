/** Area statistics: km², 公顷, 亩, official vs computed, and zone × township overlaps. */
import { layers } from "../../state/app-state.ts";
import { areaOutcome, areaParams, runAreaStatistics, running } from "../../state/analysis-state.ts";
import { polygonLayers, resolveLayer } from "../../state/analysis-model.ts";
import { pick, t } from "../i18n.ts";
import { Field, Notices, num } from "./parts.tsx";

export function AreaView() {
  const polygons = polygonLayers(layers.value);
  const params = areaParams.value;
  const layer = resolveLayer(polygons, params.layerId, "zones");
  const by = resolveLayer(polygons, params.byLayerId, "towns");
  const o = areaOutcome.value;
  return (
    <>
      <form class="analysis-form" noValidate onSubmit={(e) => { e.preventDefault(); void runAreaStatistics(); }}>
        <Field label={t("analysis.area.layer")}>
          <select value={layer?.id} onChange={(e) => (areaParams.value = { ...params, layerId: (e.target as HTMLSelectElement).value })}>
            {polygons.map((l) => <option key={l.id} value={l.id}>{pick(l.title)}</option>)}
          </select>
        </Field>
        <Field label={t("analysis.area.by")}>
          <select value={by?.id} onChange={(e) => (areaParams.value = { ...params, byLayerId: (e.target as HTMLSelectElement).value })}>
            {polygons.map((l) => <option key={l.id} value={l.id}>{pick(l.title)}</option>)}
          </select>
        </Field>
        <button type="submit" class="tool-button run-button" disabled={Boolean(running.value)}>{t("analysis.run")}</button>
      </form>
      {o && (
        <section class="analysis-result area-result">
          <div class="table-scroll">
            <table class="analysis-table area-table">
              <thead><tr><th>{t("analysis.area.name")}</th><th>km²</th><th>{t("analysis.area.ha")}</th><th>{t("analysis.area.mu")}</th><th>{t("analysis.area.official")}</th><th>{t("analysis.area.difference")}</th></tr></thead>
              <tbody>
                {o.rows.map((r) => (
                  <tr key={r.id}>
                    <td>{r.name}</td><td>{num(r.area_km2, 2)}</td><td>{num(r.area_ha, 0)}</td><td>{num(r.area_mu, 0)}</td><td>{num(r.official_area_km2, 2)}</td>
                    <td>{r.difference_km2 === null ? "—" : `${r.difference_km2 > 0 ? "+" : ""}${r.difference_km2.toFixed(2)} km² (${num(r.difference_pct)}%)`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {o.overlap.length > 0 && (
            <div class="table-scroll">
              <table class="analysis-table overlap-table">
                <caption>{t("analysis.area.overlap")}</caption>
                <thead><tr><th>{t("analysis.area.zone")}</th><th>{t("analysis.township")}</th><th>{t("analysis.area.overlapKm2")}</th><th>{t("analysis.area.shareOfZone")}</th><th>{t("analysis.area.shareOfTown")}</th></tr></thead>
                <tbody>
                  {o.overlap.map((r) => (
                    <tr key={`${r.zone_id}-${r.township_code}`}><td>{r.zone_name}</td><td>{r.township_name}</td><td>{num(r.overlap_km2, 2)}</td><td>{num(r.share_of_zone_pct)}</td><td>{num(r.share_of_township_pct)}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p class="analysis-method"><strong>{t("analysis.method")}:</strong> {t("analysis.area.method")}</p>
          <Notices notices={o.notices} />
        </section>
      )}
    </>
  );
}
