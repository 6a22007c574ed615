/** Small pieces shared by the analysis views: template text, numbers, notices, ratings, fields. */
import type { ComponentChildren } from "preact";
import { fillTemplate, type Notice, type Rating } from "../../state/analysis-model.ts";
import type { StringKey } from "../../i18n/strings.ts";
import { t } from "../i18n.ts";

export const tf = (key: StringKey, params?: Record<string, string | number>) => fillTemplate(t(key), params);

/** Fixed digits, "—" for missing values. */
export const num = (value: number | null | undefined, digits = 1) => (value === null || value === undefined || !Number.isFinite(value) ? "—" : value.toFixed(digits));

export function Notices({ notices, loud = [] }: { notices: readonly Notice[]; loud?: readonly StringKey[] }) {
  return (
    <details class="analysis-notices" open>
      <summary>{t("analysis.caveats")}</summary>
      <ul>
        {notices.map((n, i) => <li key={i} class={loud.includes(n.key) ? "loud" : undefined}>{tf(n.key, n.params)}</li>)}
      </ul>
    </details>
  );
}

export function RatingCell({ rating }: { rating: Rating }) {
  return <td class={`rating rating-${rating}`}><span class="rating-dot" aria-hidden="true" />{t(`analysis.rating.${rating}`)}</td>;
}

export function Field({ label, unit, children }: { label: string; unit?: string; children: ComponentChildren }) {
  return (
    <label class="analysis-field">
      <span class="field-label">{label}</span>
      <span class="field-input">{children}{unit && <span class="unit">{unit}</span>}</span>
    </label>
  );
}

/** A number input that only reports finite numbers. */
export function NumberInput({ value, onChange, min, step, label }: { value: number; onChange(v: number): void; min?: number; step?: number; label?: string }) {
  return (
    <input type="number" value={value} min={min} step={step} aria-label={label}
      onChange={(e) => { const v = Number((e.target as HTMLInputElement).value); if (Number.isFinite(v)) onChange(v); }} />
  );
}

/** Horizontal bars (inline SVG): one per row, 0–100 %, coloured by rating. */
export function BarChart({ rows, title }: { rows: ReadonlyArray<{ label: string; pct: number; rating: Rating }>; title: string }) {
  const rowH = 16;
  const labelW = 70;
  const width = 380;
  const barW = width - labelW - 44;
  return (
    <figure class="analysis-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${rows.length * rowH + 4}`} width="100%" role="img" aria-label={title}>
        {rows.map((r, i) => (
          <g key={r.label} transform={`translate(0 ${i * rowH + 2})`}>
            <text x={labelW - 4} y={11} text-anchor="end" class="chart-label">{r.label}</text>
            <rect x={labelW} y={2} width={barW} height={rowH - 5} class="chart-track" />
            <rect x={labelW} y={2} width={(barW * Math.max(0, Math.min(100, r.pct))) / 100} height={rowH - 5} class={`chart-bar rating-${r.rating}`} />
            <text x={labelW + barW + 4} y={11} class="chart-value">{r.pct.toFixed(1)}%</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
