/**
 * Downloads: a layer as GeoJSON/CSV/KML, the map as a PNG with legend, scale bar and attribution,
 * and the user's whole work as a project zip (and opening one). Loaded on first use.
 */
import { batch } from "@preact/signals";
import type { Bilingual } from "../../data/types.ts";
import { translate, type Lang } from "../../i18n/strings.ts";
import { exportProject, importProject, type Project } from "../../io/project/project-file.ts";
import { toCsv } from "../../io/export/to-csv.ts";
import { toGeoJson } from "../../io/export/to-geojson.ts";
import { toKml } from "../../io/export/to-kml.ts";
import { basemapById } from "../../map/basemaps.ts";
import { layerDef } from "../../map/layers/registry.ts";
import { LIGHT } from "../../map/theme.ts";
import { basemap, lang, layers, manifest, select, view, type LayerState, type UserLayerInfo } from "../../state/app-state.ts";
import { clearSavedWork } from "../../state/persistence.ts";
import { replacementPackage, showPackage } from "../../state/data-package.ts";
import { loadBuiltinPackage } from "../../data/builtin-package.ts";
import { DRAWINGS_ID, DRAWINGS_TITLE, emptyDrawingsLayer, isUserLayer, mapImage, resetHistory, userLayers } from "../../state/user-data.ts";

/** A file name from a layer title: keeps letters (any script) and digits, nothing that could be a path. */
export function safeFileName(title: string, extension: string): string {
  const base = title.normalize("NFC").replace(/[^\p{L}\p{N}_-]+/gu, "_").replace(/^_+|_+$/g, "").slice(0, 60) || "layer";
  return `${base}.${extension}`;
}

function download(content: BlobPart, type: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadLayer(layer: LayerState, format: "geojson" | "csv" | "kml"): void {
  const title = layer.title[lang.peek()] || layer.title.zh;
  if (format === "geojson") download(toGeoJson(layer.fc, { indent: 0 }), "application/geo+json", safeFileName(title, "geojson"));
  else if (format === "csv") download(toCsv(layer.fc, { excelBom: true }), "text/csv;charset=utf-8", safeFileName(title, "csv"));
  else download(toKml(layer.fc, { name: title }), "application/vnd.google-earth.kml+xml", safeFileName(title, "kml"));
}

// ---- project files ------------------------------------------------------------------------------

/** The user's work as a Project: user layers (drawings separately), settings and the view. */
export function currentProject(): Project {
  const user = userLayers.peek();
  const drawings = user.find((l) => l.id === DRAWINGS_ID);
  return {
    layers: user.filter((l) => l.id !== DRAWINGS_ID).map((l) => ({
      id: l.id, name: l.title.zh, fc: l.fc,
      meta: { title: l.title, visible: l.visible, opacity: l.opacity, ...(l.color ? { color: l.color } : {}), ...(l.user ? { user: l.user } : {}) },
    })),
    drawings: drawings?.fc ?? { type: "FeatureCollection", features: [] },
    scenarios: [],
    settings: {
      lang: lang.peek(), basemap: basemap.peek(), view: view.peek(),
      ...(drawings ? { drawings: { visible: drawings.visible, opacity: drawings.opacity, color: drawings.color, title: drawings.title } } : {}),
    },
  };
}

/** Rebuilds user layers from a Project (the inverse of currentProject). */
export function layersFromProject(project: Project): LayerState[] {
  const restored: LayerState[] = project.layers.map((p) => {
    const meta = (p.meta ?? {}) as { title?: Bilingual; visible?: boolean; opacity?: number; color?: string; user?: UserLayerInfo };
    return {
      id: p.id, kind: "imported", title: meta.title ?? { zh: p.name, en: p.name }, meta: null, fc: p.fc,
      visible: meta.visible ?? true, opacity: meta.opacity ?? 1,
      ...(meta.color ? { color: meta.color } : {}), ...(meta.user ? { user: meta.user } : {}),
    };
  });
  if (project.drawings.features.length) {
    const settings = (project.settings.drawings ?? {}) as { visible?: boolean; opacity?: number; color?: string; title?: Bilingual };
    const base = emptyDrawingsLayer(settings.color);
    restored.push({ ...base, fc: project.drawings, visible: settings.visible ?? true, opacity: settings.opacity ?? 1, title: settings.title ?? DRAWINGS_TITLE });
  }
  return restored;
}

export function saveProject(): void {
  const stamp = new Date().toISOString().slice(0, 10);
  download(exportProject(currentProject()) as Uint8Array<ArrayBuffer>, "application/zip", `jiashan-atlas-project-${stamp}.zip`);
}

/** Opens a project file, replacing the user's layers after confirmation. Returns the layer count. */
export async function openProject(file: File, confirmReplace: () => boolean): Promise<number | null> {
  const project = importProject(new Uint8Array(await file.arrayBuffer()), file.name);
  if (userLayers.peek().length && !confirmReplace()) return null;
  const restored = layersFromProject(project);
  batch(() => {
    select(null);
    layers.value = [...layers.peek().filter((l) => !isUserLayer(l)), ...restored];
    if (project.settings.lang === "zh" || project.settings.lang === "en") lang.value = project.settings.lang;
    resetHistory();
  });
  return restored.length;
}

/** Removes every user layer and everything saved in this browser; a replacement package gives way to the built-in one. */
export async function clearMyData(): Promise<void> {
  const replaced = replacementPackage.peek();
  // Loaded before anything is cleared; if it cannot be, the replacement stays on screen, no longer kept.
  const builtin = replaced ? await loadBuiltinPackage().catch(() => null) : null;
  batch(() => {
    select(null);
    layers.value = layers.peek().filter((l) => !isUserLayer(l));
    resetHistory();
  });
  await clearSavedWork();
  if (builtin) showPackage(builtin, null);
  else if (replaced) replacementPackage.value = { ...replaced, kept: false };
}

// ---- PNG ---------------------------------------------------------------------------------------

/** A round scale-bar length (1, 2 or 5 × 10ⁿ metres) no longer than `maxPx` CSS pixels. */
export function niceScale(metresPerPixel: number, maxPx = 120): { metres: number; px: number } {
  const max = metresPerPixel * maxPx;
  const pow = 10 ** Math.floor(Math.log10(max));
  const metres = [5, 2, 1].map((m) => m * pow).find((m) => m <= max) ?? pow;
  return { metres, px: metres / metresPerPixel };
}

interface LegendLine { color: string; label: string; hatched?: boolean }

function legendLines(l: Lang): LegendLine[] {
  const visible = layers.peek().filter((x) => x.visible);
  const kinds = [...new Set(visible.filter((x) => !isUserLayer(x)).map((x) => x.kind))];
  return [
    ...kinds.flatMap((kind) => layerDef(kind).legend(LIGHT).map((e) => ({ color: e.swatch.color, label: e.label[l] || e.label.zh, hatched: "hatched" in e.swatch && e.swatch.hatched }))),
    ...visible.filter(isUserLayer).map((x) => ({ color: x.color ?? LIGHT.imported, label: x.title[l] || x.title.zh, hatched: x.user?.provenance.status === "approximate" })),
  ];
}

function attributionText(l: Lang): string {
  const m = manifest.peek();
  const parts = new Set<string>();
  for (const layer of m?.layers ?? []) parts.add(layer.attribution[l] || layer.attribution.zh);
  const online = basemapById(basemap.peek()).attribution;
  if (online) parts.add(online[l]);
  if (userLayers.peek().some((x) => x.visible)) parts.add(l === "zh" ? "用户导入/标绘数据（非官方）" : "user-imported/drawn data (not official)");
  return [...parts].join(" · ");
}

/** Wraps text to lines no wider than `width` on `ctx` (breaks anywhere for CJK). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const ch of text) {
    if (ctx.measureText(line + ch).width > width && line) { lines.push(line); line = ch.trimStart(); } else line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws the map with title, legend, scale bar and attribution onto one canvas and downloads it. */
export async function exportPng(): Promise<void> {
  const snap = await mapImage();
  const l = lang.peek();
  const r = snap.pixelRatio;
  const out = document.createElement("canvas");
  out.width = snap.canvas.width;
  out.height = snap.canvas.height;
  const ctx = out.getContext("2d")!;
  ctx.drawImage(snap.canvas, 0, 0);
  ctx.scale(r, r);
  const W = out.width / r;
  const H = out.height / r;
  const font = (px: number, bold = false) => `${bold ? "bold " : ""}${px}px "Noto Sans SC", system-ui, sans-serif`;
  const box = (x: number, y: number, w: number, h: number) => {
    ctx.fillStyle = "rgba(255,255,255,0.92)";
    ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = "#ddd6c8";
    ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  };

  // Title and legend, top left.
  const lines = legendLines(l);
  ctx.font = font(12);
  const legendW = Math.min(320, Math.max(160, ...lines.map((x) => ctx.measureText(x.label).width + 40)));
  const legendH = 46 + lines.length * 18;
  box(12, 12, legendW, legendH);
  ctx.fillStyle = "#2b2b2b";
  ctx.font = font(15, true);
  ctx.fillText(translate("app.title", l), 22, 32);
  ctx.font = font(11);
  ctx.fillStyle = "#6b6459";
  ctx.fillText(`${translate("legend.title", l)} · ${new Date().toISOString().slice(0, 10)}`, 22, 48);
  lines.forEach((line, i) => {
    const y = 58 + i * 18;
    ctx.fillStyle = line.color;
    ctx.globalAlpha = line.hatched ? 0.45 : 0.8;
    ctx.fillRect(22, y, 18, 12);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = line.color;
    ctx.strokeRect(22.5, y + 0.5, 17, 11);
    ctx.fillStyle = "#2b2b2b";
    ctx.font = font(12);
    ctx.fillText(line.label, 48, y + 11, legendW - 56);
  });

  // Scale bar, bottom left.
  const scale = niceScale(snap.metresPerPixel);
  const label = scale.metres >= 1000 ? `${scale.metres / 1000} ${l === "zh" ? "公里" : "km"}` : `${scale.metres} ${l === "zh" ? "米" : "m"}`;
  box(12, H - 78, scale.px + 24, 34);
  ctx.fillStyle = "#2b2b2b";
  ctx.fillRect(24, H - 54, scale.px, 4);
  ctx.fillRect(24, H - 60, 2, 10);
  ctx.fillRect(24 + scale.px - 2, H - 60, 2, 10);
  ctx.font = font(11);
  ctx.fillText(label, 24, H - 64);

  // Attribution, along the bottom.
  ctx.font = font(10);
  const attribution = wrap(ctx, `${translate("export.attribution", l)}: ${attributionText(l)}`, W - 24).slice(0, 4);
  box(0, H - 8 - attribution.length * 13 - 6, W, attribution.length * 13 + 14);
  ctx.fillStyle = "#2b2b2b";
  attribution.forEach((text, i) => ctx.fillText(text, 12, H - 8 - (attribution.length - 1 - i) * 13 - 4));

  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("the browser could not encode the PNG");
  download(blob, "image/png", `jiashan-atlas-map-${new Date().toISOString().slice(0, 10)}.png`);
}
