/**
 * The analysis panel, docked on the right: tabs for coverage, life circle, suggestions and area
 * statistics; a progress bar with Cancel for worker jobs; messages; export. Renders state and calls
 * actions only.
 */
import { useEffect } from "preact/hooks";
import {
  analysisMessage, analysisPanel, analysisTab, cancelAnalysis, coverageOutcome, exportResults, lifeCircleOutcome, placing,
  running, suggestOutcome, areaOutcome, type AnalysisTab,
} from "../../state/analysis-state.ts";
import { t } from "../i18n.ts";
import { CoverageView } from "./CoverageView.tsx";
import { LifeCircleView } from "./LifeCircleView.tsx";
import { SuggestView } from "./SuggestView.tsx";
import { AreaView } from "./AreaView.tsx";
import "./analysis.css";

const TABS: AnalysisTab[] = ["coverage", "lifecircle", "suggest", "area"];

function Tabs() {
  const onKey = (e: KeyboardEvent) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = TABS[(TABS.indexOf(analysisTab.value) + step + TABS.length) % TABS.length]!;
    analysisTab.value = next;
    document.getElementById(`analysis-tab-${next}`)?.focus();
  };
  return (
    <div class="analysis-tabs" role="tablist" aria-label={t("analysis.tabs")} onKeyDown={onKey}>
      {TABS.map((tab) => (
        <button key={tab} id={`analysis-tab-${tab}`} role="tab" aria-selected={analysisTab.value === tab} aria-controls="analysis-tabpanel"
          tabIndex={analysisTab.value === tab ? 0 : -1} onClick={() => (analysisTab.value = tab)}>
          {t(`analysis.tab.${tab}`)}
        </button>
      ))}
    </div>
  );
}

function Progress() {
  const job = running.value;
  if (!job) return null;
  return (
    <div class="analysis-progress" role="status">
      <span>{t("analysis.running")} · {job.stage}</span>
      <progress max={1} value={job.fraction} aria-label={t("analysis.running")} />
      <button class="tool-button analysis-cancel" onClick={cancelAnalysis}>{t("analysis.cancel")}</button>
    </div>
  );
}

function Message() {
  const message = analysisMessage.value;
  if (!message || message.tab !== analysisTab.value) return null;
  return (
    <div class={`analysis-message ${message.kind}`} role="alert">
      <span>{message.kind === "cancelled" ? t("analysis.cancelled") : `${t("analysis.error")}: ${message.text}`}</span>
      <button class="icon-button" onClick={() => (analysisMessage.value = null)} aria-label={t("analysis.dismiss")}>×</button>
    </div>
  );
}

function hasResult(tab: AnalysisTab): boolean {
  return Boolean({ coverage: coverageOutcome, lifecircle: lifeCircleOutcome, suggest: suggestOutcome, area: areaOutcome }[tab].value);
}

export function AnalysisPanel() {
  // Esc leaves a placement mode first, then nothing else (the panel stays open).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === "Escape" && placing.peek()) placing.value = null; };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  if (analysisPanel.value === "collapsed") {
    return (
      <button class="analysis-expand" onClick={() => (analysisPanel.value = "open")} aria-expanded="false" aria-controls="analysis-panel">
        ‹ {t("analysis.title")}
      </button>
    );
  }
  const tab = analysisTab.value;
  return (
    <aside class="panel analysis-panel" id="analysis-panel" aria-label={t("analysis.title")}>
      <div class="panel-header">
        <h2>{t("analysis.title")}</h2>
        <span>
          <button class="icon-button" onClick={() => (analysisPanel.value = "collapsed")} aria-expanded="true" aria-controls="analysis-panel" title={t("panel.collapse")} aria-label={t("panel.collapse")}>›</button>
          <button class="icon-button" onClick={() => (analysisPanel.value = "closed")} title={t("analysis.close")} aria-label={t("analysis.close")}>×</button>
        </span>
      </div>
      <Tabs />
      <Progress />
      <Message />
      <div id="analysis-tabpanel" role="tabpanel" aria-labelledby={`analysis-tab-${tab}`} class="analysis-body">
        {tab === "coverage" && <CoverageView />}
        {tab === "lifecircle" && <LifeCircleView />}
        {tab === "suggest" && <SuggestView />}
        {tab === "area" && <AreaView />}
      </div>
      {hasResult(tab) && (
        <div class="analysis-export">
          <button class="tool-button" onClick={() => void exportResults("csv")}>{t("analysis.exportCsv")}</button>
          <button class="tool-button" onClick={() => void exportResults("geojson")}>{t("analysis.exportGeojson")}</button>
        </div>
      )}
    </aside>
  );
}
