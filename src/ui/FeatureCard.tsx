import { useEffect, useRef } from "preact/hooks";
import { lang, select, selectedFeature } from "../state/app-state.ts";
import { layerDef } from "../map/layers/registry.ts";
import { citation, experiencesForPlace, figureById, figuresForPlace, formatFigure } from "../data/seeds.ts";
import type { SeedFigure } from "../data/seed-types.ts";
import { formatValue } from "./format-value.ts";
import { pick, t } from "./i18n.ts";
import { StatusBadge } from "./StatusBadge.tsx";

/** Properties that the card shows in their own sections, not in the attribute table. */
const OWN_SECTION = new Set(["id", "name", "name_en", "name_pinyin", "source", "method", "accuracy_m", "status", "figures", "seat"]);

function figuresOf(featureId: string, ids: unknown): SeedFigure[] {
  const listed = Array.isArray(ids) ? ids.flatMap((id) => { try { return [figureById(String(id))]; } catch { return []; } }) : [];
  const seen = new Set<string>();
  return [...listed, ...figuresForPlace(featureId)].filter((f) => !seen.has(f.id) && seen.add(f.id));
}

export function FeatureCard() {
  const current = selectedFeature.value;
  const closeButton = useRef<HTMLButtonElement>(null);
  const featureId = current ? String(current.feature.properties.id) : null;
  // A newly opened card takes the focus, so Esc closes it and Tab walks its contents.
  useEffect(() => {
    if (featureId && !document.activeElement?.closest(".feature-card")) closeButton.current?.focus({ preventScroll: true });
  }, [featureId]);
  if (!current) return null;
  const { layer, feature } = current;
  const p = feature.properties;
  const l = lang.value;
  const def = layerDef(layer.kind);
  const declared = def.cardFields.filter((f) => p[f.key] !== undefined && p[f.key] !== null && p[f.key] !== "");
  const declaredKeys = new Set(def.cardFields.map((f) => f.key));
  const others = Object.keys(p).filter((k) => !OWN_SECTION.has(k) && !declaredKeys.has(k));
  const figures = figuresOf(String(p.id), p.figures);
  const experiences = experiencesForPlace(String(p.id));
  const primary = l === "zh" ? p.name : p.name_en || p.name;
  const secondary = l === "zh" ? p.name_en : p.name;
  return (
    <aside class="panel feature-card" aria-label={String(primary)} onKeyDown={(e) => e.key === "Escape" && select(null)}>
      <div class="panel-header">
        <div>
          <h2 class="card-title">{String(primary ?? "")}</h2>
          {secondary && <div class="card-subtitle">{String(secondary)}</div>}
          <div class="card-layer">{t("card.layer")}: {pick(layer.title)}</div>
        </div>
        <button ref={closeButton} class="icon-button" onClick={() => select(null)} title={t("card.close")} aria-label={t("card.close")}>×</button>
      </div>
      {!feature.geometry && <p class="card-note">{t("card.noGeometry")}</p>}
      {(declared.length > 0 || others.length > 0) && (
        <section>
          <h3>{t("card.attributes")}</h3>
          <dl class="card-fields">
            {declared.map((f) => [
              <dt key={`${f.key}-k`}>{pick(f.label)}</dt>,
              <dd key={`${f.key}-v`}>{f.format ? f.format(p[f.key], l) : formatValue(p[f.key], l)}</dd>,
            ])}
            {others.map((k) => [<dt key={`${k}-k`}>{k}</dt>, <dd key={`${k}-v`}>{formatValue(p[k], l)}</dd>])}
          </dl>
        </section>
      )}
      {figures.length > 0 && (
        <section>
          <h3>{t("card.figures")}</h3>
          <ul class="card-figures">
            {figures.map((f) => (
              <li key={f.id}>
                <span class="figure-label">{pick(f.label)}{f.target ? ` (${t("card.target")})` : ""}</span>
                <strong class="figure-value">{formatFigure(f, l)}</strong>
                <cite>{citation(f, l)}</cite>
              </li>
            ))}
          </ul>
        </section>
      )}
      {experiences.length > 0 && (
        <section>
          <h3>{t("card.experiences")}</h3>
          <ul class="card-experiences">
            {experiences.map((e) => (
              <li key={e.id}><strong>{pick(e.title)}</strong> — {pick(e.summary)} <cite>{citation(e, l)}</cite></li>
            ))}
          </ul>
        </section>
      )}
      <section class="card-provenance">
        <h3>{t("card.provenance")}</h3>
        <dl class="card-fields">
          <dt>{t("card.status")}</dt><dd><StatusBadge status={p.status} /></dd>
          <dt>{t("card.source")}</dt><dd>{formatValue(p.source, l)}</dd>
          <dt>{t("card.method")}</dt><dd>{formatValue(p.method, l)}</dd>
          <dt>{t("card.accuracy")}</dt><dd>{typeof p.accuracy_m === "number" ? `± ${p.accuracy_m.toLocaleString()} ${t("units.m")}` : "—"}</dd>
        </dl>
      </section>
    </aside>
  );
}
