/** The "My data" section of the layer panel: imported layers and drawings, with their own controls. */
import { useState } from "preact/hooks";
import { moveLayer, setLayerColor, toggleLayer, updateLayer, type LayerState } from "../../state/app-state.ts";
import { canRedo, canUndo, redo, removeUserLayer, renameUserLayer, undo, userLayers } from "../../state/user-data.ts";
import { Swatch } from "../Swatch.tsx";
import { pick, t } from "../i18n.ts";
import "./import.css";

type ExportFormat = "geojson" | "csv" | "kml";

async function exportLayer(layer: LayerState, format: ExportFormat) {
  const { downloadLayer } = await import("../export/export-actions.ts");
  downloadLayer(layer, format);
}

function UserLayerRow({ layer, first, last }: { layer: LayerState; first: boolean; last: boolean }) {
  const [renaming, setRenaming] = useState(false);
  const title = pick(layer.title);
  const mapped = layer.fc.features.filter((f) => f.geometry).length;
  const total = layer.fc.features.length;
  const inputId = `layer-${layer.id}`;
  const color = layer.color ?? "#0f766e";
  return (
    <li class="layer-row user-layer" data-layer={layer.id}>
      <div class="layer-head">
        <input type="checkbox" id={inputId} checked={layer.visible} onChange={() => toggleLayer(layer.id)} />
        <Swatch swatch={{ shape: "fill", color, hatched: layer.user?.provenance.status === "approximate" || layer.user?.provenance.status === "schematic" }} />
        {renaming ? (
          <form class="rename-form" onSubmit={(e) => { e.preventDefault(); renameUserLayer(layer.id, String(new FormData(e.currentTarget).get("name") ?? "")); setRenaming(false); }}>
            <input name="name" value={title} aria-label={t("layer.renameLabel")} autofocus
              onKeyDown={(e) => e.key === "Escape" && setRenaming(false)} onBlur={(e) => { renameUserLayer(layer.id, e.currentTarget.value); setRenaming(false); }} />
          </form>
        ) : (
          <label for={inputId} class="layer-title" onDblClick={() => setRenaming(true)}>{title}</label>
        )}
        <span class="layer-count" title={`${mapped} ${t("layer.countMapped")} / ${total} ${t("layer.count")}`}>
          {mapped === total ? total : `${mapped}/${total}`}
        </span>
      </div>
      <div class="user-layer-tools">
        <input type="color" value={color} aria-label={`${t("layer.color")} ${title}`} title={t("layer.color")}
          onChange={(e) => setLayerColor(layer.id, e.currentTarget.value)} />
        <button class="mini-button" onClick={() => setRenaming(true)} title={t("layer.rename")} aria-label={`${t("layer.rename")} ${title}`}>✎</button>
        <button class="mini-button" disabled={first} onClick={() => moveLayer(layer.id, 1)} title={t("layer.moveUp")} aria-label={`${t("layer.moveUp")} ${title}`}>↑</button>
        <button class="mini-button" disabled={last} onClick={() => moveLayer(layer.id, -1)} title={t("layer.moveDown")} aria-label={`${t("layer.moveDown")} ${title}`}>↓</button>
        <select class="mini-select" aria-label={`${t("layer.export")} ${title}`} value=""
          onChange={(e) => { const f = e.currentTarget.value as ExportFormat; e.currentTarget.value = ""; if (f) void exportLayer(layer, f); }}>
          <option value="">{t("layer.export")}…</option>
          <option value="geojson">GeoJSON</option>
          <option value="csv">CSV</option>
          <option value="kml">KML</option>
        </select>
        <button class="mini-button danger" onClick={() => removeUserLayer(layer.id)} title={t("layer.remove")} aria-label={`${t("layer.remove")} ${title}`}>✕</button>
      </div>
      {layer.visible && (
        <label class="layer-opacity">
          <span>{t("layer.opacity")}</span>
          <input type="range" min="0" max="1" step="0.05" value={layer.opacity} aria-label={`${t("layer.opacity")} ${title}`}
            onInput={(e) => updateLayer(layer.id, { opacity: Number((e.target as HTMLInputElement).value) })} />
        </label>
      )}
    </li>
  );
}

export function UserLayers() {
  // Top of the list = drawn on top, so the list shows the layer order reversed.
  const list = [...userLayers.value].reverse();
  return (
    <section class="user-layers" aria-label={t("panel.user")}>
      <div class="user-layers-head">
        <h3>{t("panel.user")}</h3>
        <span class="history-buttons">
          <button class="mini-button" onClick={undo} disabled={!canUndo.value} title={`${t("history.undo")} (Ctrl+Z)`} aria-label={t("history.undo")} data-testid="undo">↶</button>
          <button class="mini-button" onClick={redo} disabled={!canRedo.value} title={`${t("history.redo")} (Ctrl+Shift+Z / Ctrl+Y)`} aria-label={t("history.redo")} data-testid="redo">↷</button>
        </span>
      </div>
      {list.length === 0 ? <p class="hint">{t("panel.userEmpty")}</p> : (
        <ul class="layer-list">
          {list.map((l, i) => <UserLayerRow key={l.id} layer={l} first={i === 0} last={i === list.length - 1} />)}
        </ul>
      )}
    </section>
  );
}
