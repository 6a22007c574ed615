/**
 * The topbar "Analysis" button and the host that loads the panel on first open, so the panel and its
 * CSS stay out of the first view.
 */
import { useEffect, useState } from "preact/hooks";
import type { ComponentType } from "preact";
import { analysisPanel } from "../../state/analysis-view.ts";
import { t } from "../i18n.ts";

export function AnalysisToggle() {
  const open = analysisPanel.value !== "closed";
  return (
    <button class="tool-button analysis-toggle" aria-pressed={open} aria-controls="analysis-panel" title={t("analysis.openLabel")}
      onClick={() => (analysisPanel.value = open ? "closed" : "open")}>
      ▦ {t("analysis.open")}
    </button>
  );
}

export function AnalysisPanelHost() {
  const [Panel, setPanel] = useState<ComponentType | null>(null);
  const wanted = analysisPanel.value !== "closed";
  useEffect(() => {
    if (wanted && !Panel) void import("./AnalysisPanel.tsx").then((m) => setPanel(() => m.AnalysisPanel));
  }, [wanted, Panel]);
  if (!wanted) return null;
  return Panel ? <Panel /> : <div class="toast" role="status">{t("analysis.loading")}</div>;
}
