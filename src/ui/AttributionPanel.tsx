import { signal } from "@preact/signals";
import { basemap, manifest } from "../state/app-state.ts";
import { replacementPackage, restoreBuiltinPackage } from "../state/data-package.ts";
import { reportProblem } from "./import/import-state.ts";
import { basemapById } from "../map/basemaps.ts";
import { pick, t } from "./i18n.ts";
import { StatusBadge } from "./StatusBadge.tsx";

const open = signal(false);

/** Sources and licences, generated from the manifest (and the active online basemap, if any). */
export function AttributionPanel() {
  const m = manifest.value;
  const online = basemapById(basemap.value).attribution;
  const replacement = replacementPackage.value;
  return (
    <div class="attribution">
      <button class="attribution-toggle" aria-expanded={open.value} aria-controls="attribution-panel" onClick={() => (open.value = !open.value)}>
        ⓘ {t("attrib.open")}{replacement ? ` · ${replacement.fileName}` : ""}{online ? ` · ${pick(online)}` : ""}
      </button>
      {open.value && m && (
        <section class="panel attribution-panel" id="attribution-panel" aria-label={t("attrib.title")}>
          <div class="panel-header">
            <h2>{t("attrib.title")}</h2>
            <button class="icon-button" onClick={() => (open.value = false)} aria-label={t("card.close")}>×</button>
          </div>
          {replacement && (
            <p class="package-in-use">
              {t(replacement.kept ? "attrib.package" : "attrib.packageUnkept").replace("{file}", replacement.fileName)}{" "}
              <button class="tool-button" onClick={() => {
                if (!confirm(t("attrib.restoreConfirm").replace("{file}", replacement.fileName))) return;
                restoreBuiltinPackage().catch((err: unknown) => {
                  const why = err instanceof Error ? err.message : String(err);
                  reportProblem({ zh: `未能恢复内置数据包（${why}）；仍显示 ${replacement.fileName}。`, en: `Could not restore the built-in package (${why}); ${replacement.fileName} is still shown.` });
                });
              }}>{t("attrib.restore")}</button>
            </p>
          )}
          <table>
            <tbody>
              {m.layers.map((layer) => (
                <tr key={layer.id}>
                  <th scope="row">{pick(layer.title)}</th>
                  <td><StatusBadge status={layer.status} /></td>
                  <td>{pick(layer.attribution)}<div class="licence">{layer.licence}</div></td>
                </tr>
              ))}
            </tbody>
          </table>
          {online && <p>{pick(online)}</p>}
          <p class="hint">{t("attrib.app")}</p>
        </section>
      )}
    </div>
  );
}
