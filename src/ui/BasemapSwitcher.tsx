import { signal } from "@preact/signals";
import { basemap, basemapError, tiandituKey } from "../state/app-state.ts";
import { BASEMAPS, basemapById, drawsInGcj02, type BasemapId } from "../map/basemaps.ts";
import { t } from "./i18n.ts";

const open = signal(false);

export function BasemapSwitcher() {
  const current = basemapById(basemap.value);
  return (
    <div class="basemap-switcher">
      <button class="tool-button" aria-expanded={open.value} aria-controls="basemap-menu" onClick={() => (open.value = !open.value)}>
        {t("basemap.title")}
      </button>
      {open.value && (
        <fieldset class="panel basemap-menu" id="basemap-menu">
          <legend>{t("basemap.title")}</legend>
          {BASEMAPS.map((b) => (
            <label key={b.id} class="basemap-option">
              <input type="radio" name="basemap" value={b.id} checked={current.id === b.id}
                onChange={() => { basemapError.value = null; basemap.value = b.id as BasemapId; }} />
              {t(b.label)}
            </label>
          ))}
          <label class="tdt-key">
            {t("basemap.tdtKey")}
            <input type="text" autocomplete="off" spellcheck={false} value={tiandituKey.value}
              onChange={(e) => (tiandituKey.value = (e.target as HTMLInputElement).value.trim())} />
          </label>
          {current.needsKey && !tiandituKey.value && <p class="warning">{t("basemap.needKey")}</p>}
          <p class="hint">{t("basemap.online")}</p>
        </fieldset>
      )}
    </div>
  );
}

/** Always-visible badge naming the coordinate system the map is drawn in. */
export function CrsBadge() {
  const gcj = drawsInGcj02(basemap.value);
  return (
    <div class={`crs-badge ${gcj ? "gcj" : ""}`} role="status">
      {t("crs.badge")}: {gcj ? t("crs.gcj02") : t("crs.wgs84")}
    </div>
  );
}
