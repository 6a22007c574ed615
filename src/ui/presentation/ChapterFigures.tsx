/**
 * A chapter's figures: seeds figures with their document and section, or live numbers from the
 * analysis engine with method, radius and data status. Every number on stage comes through here.
 */
import { citation, figureById, formatFigure } from "../../data/seeds.ts";
import { lang } from "../../state/app-state.ts";
import type { StoryFigure } from "../../story/story-types.ts";
import { liveCoverage, type CoverageSummary } from "../../story/live-coverage.ts";
import type { StringKey } from "../../i18n/strings.ts";
import { StatusBadge } from "../StatusBadge.tsx";
import { pick, t } from "../i18n.ts";

const formatNumber = (value: number, digits = 1) =>
  new Intl.NumberFormat(lang.value === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);

function SeedFigureCard({ id }: { id: string }) {
  const figure = figureById(id);
  return (
    <li class="stage-figure" data-figure={id}>
      <span class="figure-value">{formatFigure(figure, lang.value)}</span>
      <span class="figure-label">
        {pick(figure.label)}
        {figure.year ? (lang.value === "zh" ? `（${figure.year}）` : ` (${figure.year})`) : ""}
        {figure.target && <span class="figure-target">{t("story.target")}</span>}
      </span>
      <cite>{citation(figure, lang.value)}</cite>
    </li>
  );
}

/** Placement notes the data package uses; others are shown as written. */
const PLACEMENT_LABELS: Record<string, StringKey> = {
  "assumed at township seat": "story.placement.township",
  "assumed at county seat": "story.placement.county",
};

function liveValue(id: Extract<StoryFigure, { computed: string }>["computed"], summary: CoverageSummary): string {
  const km2 = t("units.km2");
  switch (id) {
    case "coverage.covered_pct":
      return `${formatNumber(summary.coveredPct)}%`;
    case "coverage.covered_km2":
      return `${formatNumber(summary.coveredKm2, 0)} ${km2}`;
    case "coverage.least_covered_town":
      return summary.leastCovered ? `${pick(summary.leastCovered.name)} ${formatNumber(summary.leastCovered.coveredPct)}%` : "—";
  }
}

function liveLabel(id: Extract<StoryFigure, { computed: string }>["computed"], summary: CoverageSummary | null): string {
  const label = t(`story.computed.${id}`);
  if (id !== "coverage.covered_km2") return label;
  return label.replace("{total}", summary ? `${formatNumber(summary.areaKm2, 0)} ${t("units.km2")}` : "…");
}

function LiveFigureCard({ id }: { id: Extract<StoryFigure, { computed: string }>["computed"] }) {
  const live = liveCoverage.value;
  const value = live.state === "done" ? liveValue(id, live.summary) : live.state === "error" ? t("story.liveError") : t("story.liveRunning");
  return (
    <li class={`stage-figure live live-${live.state}`} data-computed={id}>
      <span class="figure-value">{value}</span>
      <span class="figure-label">{liveLabel(id, live.state === "done" ? live.summary : null)}</span>
      <cite>
        <span class="live-tag">{t("story.live")}</span>
        {live.state === "error" && ` — ${live.message}`}
      </cite>
    </li>
  );
}

/** Method, radius and data status for the live figures, once per chapter. */
function LiveMethod() {
  const live = liveCoverage.value;
  if (live.state !== "done") return null;
  const { summary } = live;
  const radii = summary.radiiM.map((m) => `${formatNumber(m / 1000, 0)} km`).join(" / ");
  return (
    <p class="live-method" title={summary.method}>
      {t("story.liveMethod")} · {t("story.liveRadius")} {radii} · {t("story.liveStations")} {summary.stationCount}
      <br />
      {t("story.liveData")}: {t("story.liveTowns")} <StatusBadge status={summary.townsStatus} /> · {t("story.liveStations")} <StatusBadge status={summary.stationsStatus} />
      {summary.placements.map((p) => (PLACEMENT_LABELS[p] ? t(PLACEMENT_LABELS[p]) : p)).map((text) => <span key={text}> · {text}</span>)}
    </p>
  );
}

export function ChapterFigures({ figures }: { figures: StoryFigure[] }) {
  const hasLive = figures.some((f) => "computed" in f);
  return (
    <>
      <ul class="stage-figures">
        {figures.map((f) => ("figure" in f ? <SeedFigureCard key={f.figure} id={f.figure} /> : <LiveFigureCard key={f.computed} id={f.computed} />))}
      </ul>
      {hasLive && <LiveMethod />}
    </>
  );
}
