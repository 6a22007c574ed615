/** Topbar menu: map image, project file save/open, and clearing the user's saved data. */
import { signal } from "@preact/signals";
import { t } from "../i18n.ts";
import "./export.css";

const open = signal(false);
const message = signal<{ text: string; error: boolean } | null>(null);

const actions = () => import("./export-actions.ts");

async function run(work: () => Promise<string | null | void>) {
  open.value = false;
  try {
    const text = await work();
    message.value = text ? { text, error: false } : null;
  } catch (error) {
    message.value = { text: `${t("export.failed")}: ${error instanceof Error ? error.message : String(error)}`, error: true };
  }
}

export function ExportMenu() {
  return (
    <div class="export-menu">
      <button class="tool-button" aria-expanded={open.value} aria-controls="export-menu" onClick={() => (open.value = !open.value)} data-testid="export-menu">
        ⇩ {t("export.menu")}
      </button>
      {open.value && (
        <div class="panel export-list" id="export-menu" role="menu">
          <button role="menuitem" data-testid="export-png" onClick={() => run(async () => (await actions()).exportPng())}>{t("export.png")}</button>
          <button role="menuitem" data-testid="export-project" onClick={() => run(async () => (await actions()).saveProject())}>{t("export.project")}</button>
          <label class="menu-file">
            {t("export.openProject")}
            <input type="file" accept=".zip" class="visually-hidden" data-testid="open-project" onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = "";
              if (file) void run(async () => {
                const n = await (await actions()).openProject(file, () => confirm(t("export.projectConfirm")));
                return n === null ? null : t("export.projectLoaded").replace("{n}", String(n));
              });
            }} />
          </label>
          <p class="hint">{t("persist.saved")}</p>
          <button role="menuitem" class="danger" data-testid="clear-data" onClick={() => {
            if (confirm(t("export.clearConfirm"))) void run(async () => (await actions()).clearMyData());
            else open.value = false;
          }}>{t("export.clear")}</button>
        </div>
      )}
      {message.value && (
        <div class={`toast ${message.value.error ? "error" : ""}`} role={message.value.error ? "alert" : "status"} data-testid="export-message">
          {message.value.text}
          <button class="icon-button" onClick={() => (message.value = null)} aria-label={t("card.close")}>×</button>
        </div>
      )}
    </div>
  );
}
