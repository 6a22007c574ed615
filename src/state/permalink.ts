/**
 * The URL is the app's shareable state: view, visible layers, selected feature, language, basemap.
 * Pure parse/serialize so they can be tested without a browser.
 */
import type { Lang } from "../i18n/strings.ts";

export interface View {
  /** [lng, lat] */
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

export interface UrlState {
  lang?: Lang;
  view?: View;
  /** Visible layer ids, in no particular order; undefined = defaults. */
  layers?: string[];
  selected?: string;
  basemap?: string;
  /** `?present` (optionally `=<chapter number>`, 1-based) opens the guided tour. */
  present?: number;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export function serializeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.lang) params.set("lang", state.lang);
  if (state.view) {
    const { center, zoom, bearing, pitch } = state.view;
    params.set("map", [round(zoom, 2), round(center[1], 5), round(center[0], 5), round(bearing, 1), round(pitch, 1)].join("/"));
  }
  if (state.layers) params.set("layers", [...state.layers].sort().join(","));
  if (state.selected) params.set("sel", state.selected);
  if (state.basemap && state.basemap !== "offline") params.set("basemap", state.basemap);
  let query = params.toString().replace(/%2C/g, ",").replace(/%2F/g, "/");
  if (state.present !== undefined) query += (query ? "&" : "") + (state.present > 1 ? `present=${state.present}` : "present");
  return query ? `?${query}` : "";
}

export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const state: UrlState = {};
  const lang = params.get("lang");
  if (lang === "zh" || lang === "en") state.lang = lang;
  const map = params.get("map");
  if (map) {
    const [zoom, lat, lng, bearing = 0, pitch = 0] = map.split("/").map(Number);
    if ([zoom, lat, lng, bearing, pitch].every(Number.isFinite) && Math.abs(lat!) <= 90 && Math.abs(lng!) <= 180) {
      state.view = { center: [lng!, lat!], zoom: zoom!, bearing, pitch };
    }
  }
  const layers = params.get("layers");
  if (layers !== null) state.layers = layers.split(",").filter(Boolean);
  const sel = params.get("sel");
  if (sel) state.selected = sel;
  const basemap = params.get("basemap");
  if (basemap) state.basemap = basemap;
  if (params.has("present")) {
    const n = Number(params.get("present"));
    state.present = Number.isInteger(n) && n >= 1 ? n : 1;
  }
  return state;
}
