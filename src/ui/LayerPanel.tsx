import { deckOverlays, layers, panelOpen, toggleLayer, updateLayer, type LayerState } from "../state/app-state.ts";
import { layerDef } from "../map/layers/registry.ts";
import { LIGHT } from "../map/theme.ts";
import { Swatch } from "./Swatch.tsx";
import { pick, t } from "./i18n.ts";
import { Legend } from "./Legend.tsx";
import { UserLayers } from "./import/UserLayers.tsx";

function LayerRow({ layer }: { layer: LayerState }) {
  const def = layerDef(layer.kind);
  const mapped = layer.fc.features.filter((f) => f.geometry).length;
  const total = layer.fc.features.length;
  const inputId = `layer-${layer.id}`;
  return (
    <li class="layer-row" data-layer={layer.id}>
      <div class="layer-head">
        <input type="checkbox" id={inputId} checked={layer.visible} onChange={() => toggleLayer(layer.id)} />
        <Swatch swatch={def.legend(LIGHT)[0]!.swatch} />
        <label for={inputId} class="layer-title">{pick(layer.title)}</label>
        <span class="layer-count" title={`${mapped} ${t("layer.countMapped")} / ${total} ${t("layer.count")}`}>
          {mapped === total ? total : `${mapped}/${total}`}
        </span>
      </div>
      {layer.visible && (
        <label class="layer-opacity">
          <span>{t("layer.opacity")}</span>
          <input type="range" min="0" max="1" step="0.05" value={layer.opacity} aria-label={`${t("layer.opacity")} ${pick(layer.title)}`}
            onInput={(e) => updateLayer(layer.id, { opacity: Number((e.target as HTMLInputElement).value) })} />
        </label>
      )}
      {layer.kind === "emergency" && layer.visible && (
        <label class="layer-extra">
          <input type="checkbox" checked={deckOverlays.value.stationRings}
            onChange={() => (deckOverlays.value = { ...deckOverlays.value, stationRings: !deckOverlays.value.stationRings })} />
          {t("layer.rings")}
        </label>
      )}
      {layer.kind === "zones" && layer.visible && (
        <label class="layer-extra">
          <input type="checkbox" checked={deckOverlays.value.zoneExtrusion}
            onChange={() => (deckOverlays.value = { ...deckOverlays.value, zoneExtrusion: !deckOverlays.value.zoneExtrusion })} />
          {t("layer.extrude")}
        </label>
      )}
    </li>
  );
}

export function LayerPanel() {
  const all = layers.value;
  const groups: ["thematic" | "context", string][] = [["thematic", t("panel.thematic")], ["context", t("panel.context")]];
  if (!panelOpen.value) {
    return (
      <button class="panel-toggle collapsed" onClick={() => (panelOpen.value = true)} aria-expanded="false" aria-controls="layer-panel">
        ☰ {t("panel.layers")}
      </button>
    );
  }
  return (
    <aside class="panel layer-panel" id="layer-panel" aria-label={t("panel.layers")}>
      <div class="panel-header">
        <h2>{t("panel.layers")}</h2>
        <button class="icon-button" onClick={() => (panelOpen.value = false)} aria-expanded="true" aria-controls="layer-panel" title={t("panel.collapse")}>
          ‹
        </button>
      </div>
      <UserLayers />
      {groups.map(([group, heading]) => (
        <section key={group}>
          <h3>{heading}</h3>
          <ul class="layer-list">
            {all.filter((l) => l.kind !== "imported" && layerDef(l.kind).group === group).map((l) => <LayerRow key={l.id} layer={l} />)}
          </ul>
        </section>
      ))}
      <Legend />
    </aside>
  );
}
