/**
 * Import feedback: progress with Cancel, errors naming the file, and per-layer notices saying which
 * coordinate system was assumed (with a picker to correct it) and what the importer warned about.
 */
import { signal } from "@preact/signals";
import type { CrsInfo } from "../../io/crs/crs-info.ts";
import { layers } from "../../state/app-state.ts";
import { pick, t } from "../i18n.ts";
import {
  dismissError, dismissNotice, importErrors, importJobs, importNotices, pendingPackage, rejectPackage, saveError, savedWorkBlocked, type ImportNotice,
} from "./import-state.ts";

/** The CRS picker's list, loaded with the first notice (it is only needed after an import). */
const choices = signal<CrsInfo[]>([]);
let choicesRequested = false;
function requestChoices(): void {
  if (choicesRequested) return;
  choicesRequested = true;
  void import("../../io/crs/crs-info.ts").then((m) => (choices.value = m.crsChoices()));
}

function Progress() {
  return (
    <>
      {importJobs.value.map((job) => {
        const p = job.progress;
        const fraction = p && p.total > 0 ? Math.min(1, p.done / p.total) : undefined;
        return (
          <div class="import-card" role="status" key={job.id} data-testid="import-progress">
            <div><strong>{t("import.importing")}</strong> <span class="file-name">{job.label}</span>{p ? ` · ${t(`import.phase.${p.phase}`)}` : ""}</div>
            <progress max={1} value={fraction} aria-label={`${t("import.importing")} ${job.label}`} />
            <button class="tool-button" onClick={job.cancel}>{t("import.cancel")}</button>
          </div>
        );
      })}
    </>
  );
}

function Notice({ notice }: { notice: ImportNotice }) {
  const layer = layers.value.find((l) => l.id === notice.layerId);
  const info = layer?.user;
  if (!layer || !info) return null;
  requestChoices();
  const current = info.sourceCrs?.crs.code;
  const known = choices.value.some((c) => c.code === current);
  return (
    <div class="import-card notice" data-testid="import-notice" data-layer={layer.id}>
      <div class="import-card-head">
        <strong>{t("import.imported")}: {pick(layer.title)}</strong>
        <button class="icon-button" onClick={() => dismissNotice(notice.layerId)} aria-label={t("import.dismiss")}>×</button>
      </div>
      <div class="hint">{notice.fileName} · {layer.fc.features.length} {t("layer.count")}</div>
      {info.sourceCrs && (
        <>
          <p class="crs-reason"><strong>{t("import.crs")}:</strong> <span data-testid="crs-reason">{pick(info.sourceCrs.reason)}</span></p>
          <p class="hint">{t("import.accuracy").replace("{m}", String(info.provenance.accuracy_m))}</p>
          {info.raw && (
            <label class="crs-correct">
              {t("import.crsCorrect")}
              <select value={known ? current : ""} data-testid="crs-select" onChange={async (e) => {
                const code = e.currentTarget.value;
                const { correctCrs } = await import("./import-controller.ts");
                correctCrs(layer.id, code);
              }}>
                {!known && <option value="">{info.sourceCrs.crs.label ? pick(info.sourceCrs.crs.label) : current}</option>}
                {choices.value.map((c) => <option key={c.code} value={c.code}>{pick(c.label)}</option>)}
              </select>
            </label>
          )}
        </>
      )}
      {(info.notes ?? []).length > 1 && (
        <ul class="import-notes">{info.notes!.slice(0, -1).map((n, i) => <li key={i}>{pick(n)}</li>)}</ul>
      )}
      {notice.warnings.length > 0 && (
        <details class="import-warnings">
          <summary>{t("import.warnings").replace("{n}", String(notice.warnings.length))}</summary>
          <ul>{notice.warnings.slice(0, 200).map((w, i) => <li key={i}>{pick(w.message)}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

function PackageOffer() {
  const pending = pendingPackage.value;
  if (!pending) return null;
  return (
    <div class="import-card package-offer" role="alertdialog" aria-label={t("import.packageTitle").replace("{file}", pending.fileName)}>
      <strong>{t("import.packageTitle").replace("{file}", pending.fileName)}</strong>
      <p>{t("import.packageText").replace("{n}", String(pending.result.layers.length))}</p>
      <div class="button-row">
        <button class="tool-button" onClick={async () => {
          if (!confirm(t("import.packageConfirm"))) return;
          const { acceptPackage } = await import("./import-controller.ts");
          acceptPackage();
        }}>{t("import.packageReplace")}</button>
        <button class="tool-button" onClick={rejectPackage}>{t("import.packageKeep")}</button>
      </div>
    </div>
  );
}

export function ImportStatus() {
  const errors = importErrors.value;
  const notices = importNotices.value;
  const unsaved = saveError.value;
  const blocked = savedWorkBlocked.value;
  if (!importJobs.value.length && !errors.length && !notices.length && !pendingPackage.value && !unsaved && !blocked) return null;
  return (
    <div class="import-status" aria-live="polite">
      {unsaved && <div class="import-card error" role="alert">{t("persist.failed")}: {unsaved}</div>}
      {blocked && <div class="import-card" role="status" data-testid="saved-work-blocked">{t("persist.blocked")}</div>}
      <Progress />
      {errors.map((e) => (
        <div class="import-card error" role="alert" key={e.id} data-testid="import-error">
          <div class="import-card-head">
            <strong>{t("import.failed")}</strong>
            <button class="icon-button" onClick={() => dismissError(e.id)} aria-label={t("import.dismiss")}>×</button>
          </div>
          <p>{pick(e.problem)}</p>
        </div>
      ))}
      <PackageOffer />
      {notices.map((n) => <Notice key={n.layerId} notice={n} />)}
    </div>
  );
}
