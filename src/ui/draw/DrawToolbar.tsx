/**
 * Drawing tools (point, line, polygon, circle, select/edit), undo/redo shortcuts, the live geodesic
 * measurement and the attribute form for a selected feature of the user's own layers.
 */
import { useEffect, useState } from "preact/hooks";
import { lang, layers, selected } from "../../state/app-state.ts";
import {
  DRAW_MODES, deleteFeature, drawingMeasure, drawMode, editAttributes, formatArea, formatLength, isUserLayer, lastHistoryLabel,
  PROTECTED_KEYS, redo, selectedMeasure, undo, type DrawMode, type Measurement,
} from "../../state/user-data.ts";
import { pick, t } from "../i18n.ts";
import "./draw.css";

const ICON: Record<DrawMode, string> = { point: "•", linestring: "╱", polygon: "⬠", circle: "◯", select: "✚" };

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

function MeasureView({ measure, live }: { measure: Measurement; live: boolean }) {
  const l = lang.value;
  if (measure.lengthM === null && measure.areaM2 === null) return null;
  const a = measure.areaM2 !== null ? formatArea(measure.areaM2, l) : null;
  return (
    <section class="measure" aria-live="polite" data-testid={live ? "measure-live" : "measure"}>
      <h3>{t("draw.measure")}</h3>
      <dl class="card-fields">
        {measure.lengthM !== null && [
          <dt key="lk">{a ? t("draw.perimeter") : t("draw.length")}</dt>, <dd key="lv">{formatLength(measure.lengthM, l)}</dd>,
        ]}
        {a && [<dt key="ak">{t("draw.area")}</dt>, <dd key="av" data-testid="area">{a.m2} · {a.ha} · {a.mu}</dd>]}
      </dl>
    </section>
  );
}

function AttributeForm({ layerId, featureId, properties }: { layerId: string; featureId: string; properties: Record<string, unknown> }) {
  const initial = () => Object.keys(properties).filter((k) => !PROTECTED_KEYS.has(k)).map((k): [string, string] => [k, properties[k] === null || properties[k] === undefined ? "" : typeof properties[k] === "object" ? JSON.stringify(properties[k]) : String(properties[k])]);
  const [rows, setRows] = useState<[string, string][]>(initial);
  useEffect(() => setRows(initial()), [properties]);
  const set = (i: number, col: 0 | 1, value: string) => setRows(rows.map((r, j) => (j === i ? (col === 0 ? [value, r[1]] : [r[0], value]) : r)));
  return (
    <form class="attr-form" onSubmit={(e) => { e.preventDefault(); editAttributes(layerId, featureId, rows); }} aria-label={t("attr.title")}>
      <h3>{t("attr.title")}</h3>
      {rows.map(([k, v], i) => (
        <div class="attr-row" key={i}>
          <input value={k} aria-label={t("attr.key")} placeholder={t("attr.key")} readOnly={k === "name"} onInput={(e) => set(i, 0, e.currentTarget.value)} />
          <input value={v} aria-label={k === "name" ? t("attr.name") : `${t("attr.value")} ${k}`} placeholder={t("attr.value")} onInput={(e) => set(i, 1, e.currentTarget.value)}
            data-testid={k === "name" ? "attr-name" : undefined} />
          {k !== "name" && <button type="button" class="mini-button" onClick={() => setRows(rows.filter((_, j) => j !== i))} aria-label={`${t("attr.removeField")} ${k}`}>×</button>}
        </div>
      ))}
      <div class="button-row">
        <button type="button" class="mini-button" onClick={() => setRows([...rows, ["", ""]])}>+ {t("attr.add")}</button>
        <button type="submit" class="mini-button primary" data-testid="attr-save">{t("attr.save")}</button>
        <button type="button" class="mini-button danger" onClick={() => deleteFeature(layerId, featureId)}>{t("draw.deleteFeature")}</button>
      </div>
    </form>
  );
}

export function DrawToolbar() {
  const mode = drawMode.value;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const key = e.key.toLowerCase();
      if ((e.ctrlKey || e.metaKey) && key === "z") { e.preventDefault(); if (e.shiftKey) redo(); else undo(); }
      else if ((e.ctrlKey || e.metaKey) && key === "y") { e.preventDefault(); redo(); }
      else if (key === "escape" && drawMode.peek()) drawMode.value = null;
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);

  const sel = selected.value;
  const layer = sel ? layers.value.find((l) => l.id === sel.layerId) : undefined;
  const feature = layer && isUserLayer(layer) ? layer.fc.features.find((f) => String(f.properties?.id) === sel!.featureId) : undefined;
  const live = drawingMeasure.value;
  const measure = selectedMeasure.value;
  const undone = lastHistoryLabel.value;
  return (
    <div class="draw-area">
      <div class="draw-toolbar panel" role="toolbar" aria-label={t("draw.toolbar")}>
        {DRAW_MODES.map((m) => (
          <button key={m} class={`draw-tool ${mode === m ? "active" : ""}`} aria-pressed={mode === m} data-testid={`draw-${m}`}
            onClick={() => (drawMode.value = mode === m ? null : m)} title={t(`draw.hint.${m}`)}>
            <span aria-hidden="true">{ICON[m]}</span> {t(`draw.${m}`)}
          </button>
        ))}
        {mode && <button class="draw-tool stop" onClick={() => (drawMode.value = null)} data-testid="draw-stop">{t("draw.stop")}</button>}
      </div>
      {(mode || live || (feature && measure) || undone) && (
        <div class="draw-panel panel">
          {mode && <p class="hint">{t(`draw.hint.${mode}`)}</p>}
          {live && <MeasureView measure={live} live />}
          {!live && feature && measure && <MeasureView measure={measure} live={false} />}
          {feature && layer && <AttributeForm key={`${layer.id}/${sel!.featureId}`} layerId={layer.id} featureId={sel!.featureId} properties={{ name: "", ...feature.properties }} />}
          {undone && !feature && <p class="hint" role="status">{t(undone.direction === "undo" ? "history.undone" : "history.redone")}: {pick(undone.label)}</p>}
        </div>
      )}
    </div>
  );
}
