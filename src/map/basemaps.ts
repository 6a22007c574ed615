/**
 * Basemaps. The offline one is drawn from the data package itself; the online ones are raster
 * tiles, off by default. AMap tiles are GCJ-02, so overlays are shifted for display over them.
 */
import type { LayerSpecification, RasterSourceSpecification } from "maplibre-gl";
import type { StringKey } from "../i18n/strings.ts";

export type BasemapId = "offline" | "osm" | "tdt-vec" | "tdt-img" | "amap";
export type DisplayCrs = "wgs84" | "gcj02";

export interface BasemapDef {
  id: BasemapId;
  label: StringKey;
  crs: DisplayCrs;
  needsKey: boolean;
  attribution: { zh: string; en: string } | null;
  /** Raster sources keyed by id, for a Tianditu key when needed. */
  sources(key: string): Record<string, RasterSourceSpecification>;
}

const tdt = (layer: string, key: string): RasterSourceSpecification => ({
  type: "raster", tileSize: 256, maxzoom: 18,
  tiles: [0, 1, 2, 3].map((n) =>
    `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`),
});

export const BASEMAPS: BasemapDef[] = [
  { id: "offline", label: "basemap.offline", crs: "wgs84", needsKey: false, attribution: null, sources: () => ({}) },
  {
    id: "osm", label: "basemap.osm", crs: "wgs84", needsKey: false,
    attribution: { zh: "© OpenStreetMap 贡献者 (ODbL)", en: "© OpenStreetMap contributors (ODbL)" },
    sources: () => ({ "basemap-osm": { type: "raster", tileSize: 256, maxzoom: 19, tiles: ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"] } }),
  },
  {
    id: "tdt-vec", label: "basemap.tdt-vec", crs: "wgs84", needsKey: true,
    attribution: { zh: "© 天地图 国家地理信息公共服务平台", en: "© Tianditu, National Platform for Common Geospatial Information Services" },
    sources: (key) => ({ "basemap-tdt-vec": tdt("vec", key), "basemap-tdt-cva": tdt("cva", key) }),
  },
  {
    id: "tdt-img", label: "basemap.tdt-img", crs: "wgs84", needsKey: true,
    attribution: { zh: "© 天地图 国家地理信息公共服务平台", en: "© Tianditu, National Platform for Common Geospatial Information Services" },
    sources: (key) => ({ "basemap-tdt-img": tdt("img", key), "basemap-tdt-cia": tdt("cia", key) }),
  },
  {
    id: "amap", label: "basemap.amap", crs: "gcj02", needsKey: false,
    attribution: { zh: "© 高德地图 (GCJ-02)", en: "© AMap / AutoNavi (GCJ-02)" },
    sources: () => ({
      "basemap-amap": {
        type: "raster", tileSize: 256, maxzoom: 18,
        tiles: [1, 2, 3, 4].map((n) => `https://webrd0${n}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}`),
      },
    }),
  },
];

export function basemapById(id: string | undefined): BasemapDef {
  return BASEMAPS.find((b) => b.id === id) ?? BASEMAPS[0]!;
}

/** Whether the map is drawn in GCJ-02 with this basemap, so overlays are shifted for display. */
export const drawsInGcj02 = (id: string | undefined) => basemapById(id).crs === "gcj02";

export function basemapLayers(def: BasemapDef, key: string): LayerSpecification[] {
  return Object.keys(def.sources(key)).map((sourceId) => ({ id: sourceId, type: "raster", source: sourceId }));
}
