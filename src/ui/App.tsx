import { basemapError, lang, loadError, manifest, setLang } from "../state/app-state.ts";
import { AttributionPanel } from "./AttributionPanel.tsx";
import { BasemapSwitcher, CrsBadge } from "./BasemapSwitcher.tsx";
import { FeatureCard } from "./FeatureCard.tsx";
import { LayerPanel } from "./LayerPanel.tsx";
import { SearchBox } from "./SearchBox.tsx";
import { t } from "./i18n.ts";
import { PresentButton } from "./presentation/PresentButton.tsx";
import { PresentationStage } from "./presentation/PresentationStage.tsx";
import { AnalysisPanelHost, AnalysisToggle } from "./analysis/AnalysisToggle.tsx";
import { ImportButton } from "./import/ImportButton.tsx";
import { DropOverlay } from "./import/DropOverlay.tsx";
import { ImportStatus } from "./import/ImportStatus.tsx";
import { DrawToolbar } from "./draw/DrawToolbar.tsx";
import { ExportMenu } from "./export/ExportMenu.tsx";

export function App() {
  return (
    <>
      <header class="topbar">
        <h1 class="app-title">
          <span>{t("app.title")}</span>
          <small>{t("app.subtitle")}</small>
        </h1>
        <SearchBox />
        <div class="tools">
          <ImportButton />
          <ExportMenu />
          <PresentButton />
          <AnalysisToggle />
          <BasemapSwitcher />
          <button class="tool-button lang-toggle" onClick={() => setLang(lang.value === "zh" ? "en" : "zh")} aria-label={t("lang.toggleLabel")}
            lang={lang.value === "zh" ? "en" : "zh"}>
            {t("lang.toggle")}
          </button>
        </div>
      </header>
      <LayerPanel />
      <FeatureCard />
      <AnalysisPanelHost />
      <CrsBadge />
      <AttributionPanel />
      <DrawToolbar />
      <ImportStatus />
      <DropOverlay />
      <PresentationStage />
      {!manifest.value && !loadError.value && <div class="toast" role="status">{t("app.loading")}</div>}
      {loadError.value && <div class="toast error" role="alert">{t("app.loadError")}: {loadError.value}</div>}
      {basemapError.value && (
        <div class="toast warning" role="alert">
          {t("basemap.failed")} {basemapError.value}
          <button class="icon-button" onClick={() => (basemapError.value = null)} aria-label={t("card.close")}>×</button>
        </div>
      )}
    </>
  );
}
