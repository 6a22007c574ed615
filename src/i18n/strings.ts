/**
 * Every piece of UI text, in zh (default) and en. Layer names come from the manifest; feature
 * names from the data. Keys are grouped by where they appear.
 */
export type Lang = "zh" | "en";
export const LANGS: Lang[] = ["zh", "en"];

export const STRINGS = {
  "app.title": { zh: "嘉善县域空间探索器", en: "Jiashan Atlas" },
  "app.subtitle": { zh: "县域高质量发展示范点 · 空间数据", en: "County-level high-quality development demonstration · spatial data" },
  "app.loading": { zh: "正在加载数据包…", en: "Loading data package…" },
  "app.loadError": { zh: "数据包加载失败", en: "The data package failed to load" },
  "lang.toggle": { zh: "English", en: "中文" },
  "lang.toggleLabel": { zh: "切换到英文", en: "Switch to Chinese" },

  "panel.layers": { zh: "图层", en: "Layers" },
  "panel.collapse": { zh: "收起面板", en: "Collapse panel" },
  "panel.expand": { zh: "展开面板", en: "Expand panel" },
  "panel.thematic": { zh: "专题图层", en: "Thematic layers" },
  "panel.context": { zh: "底图与背景", en: "Base and context" },
  "layer.opacity": { zh: "不透明度", en: "Opacity" },
  "layer.count": { zh: "要素", en: "features" },
  "layer.countMapped": { zh: "上图", en: "mapped" },
  "layer.toggle": { zh: "显示/隐藏", en: "Show/hide" },
  "layer.rings": { zh: "服务半径圈 (deck.gl)", en: "Service-radius rings (deck.gl)" },
  "layer.extrude": { zh: "三维:按官方面积拉伸 (deck.gl)", en: "3D: extrude by official area (deck.gl)" },
  "layer.deckLoading": { zh: "正在加载 deck.gl…", en: "Loading deck.gl…" },

  "legend.title": { zh: "图例", en: "Legend" },
  "legend.status": { zh: "数据可信度", en: "How far to trust it" },
  "status.official": { zh: "官方", en: "Official" },
  "status.derived": { zh: "推导", en: "Derived" },
  "status.approximate": { zh: "近似", en: "Approximate" },
  "status.schematic": { zh: "示意", en: "Schematic" },
  "status.official.help": { zh: "来自官方来源,未经改动", en: "From an official source, unchanged" },
  "status.derived.help": { zh: "由可靠数据计算或转换而来", en: "Computed or converted from reliable data" },
  "status.approximate.help": { zh: "位置大致可信,误差见精度", en: "Roughly placed; see accuracy" },
  "status.schematic.help": { zh: "示意形状,非真实边界(虚线/斜线)", en: "Illustrative shape, not a real boundary (dashed/hatched)" },
  "tier.county": { zh: "县急救中心", en: "County emergency centre" },
  "tier.town": { zh: "镇急救分站", en: "Town sub-station" },
  "tier.village": { zh: "村级急救哨点", en: "Village first-aid post" },

  "card.close": { zh: "关闭", en: "Close" },
  "card.provenance": { zh: "数据来源", en: "Provenance" },
  "card.source": { zh: "来源", en: "Source" },
  "card.method": { zh: "方法", en: "Method" },
  "card.accuracy": { zh: "精度", en: "Accuracy" },
  "card.status": { zh: "状态", en: "Status" },
  "card.attributes": { zh: "属性", en: "Attributes" },
  "card.figures": { zh: "政策文件中的数据", en: "Figures from the policy documents" },
  "card.experiences": { zh: "相关经验", en: "Related experiences" },
  "card.noGeometry": { zh: "该要素没有坐标(离线无可用来源)。", en: "This feature has no coordinates (no offline source gives them)." },
  "card.target": { zh: "目标", en: "target" },
  "card.layer": { zh: "图层", en: "Layer" },

  "search.placeholder": { zh: "搜索镇街、平台、站点、水体、村社…", en: "Search towns, zones, stations, water, villages…" },
  "search.label": { zh: "搜索", en: "Search" },
  "search.none": { zh: "没有匹配结果", en: "No matches" },

  "basemap.title": { zh: "底图", en: "Basemap" },
  "basemap.offline": { zh: "离线底图(数据包)", en: "Offline (data package)" },
  "basemap.osm": { zh: "OpenStreetMap 栅格", en: "OpenStreetMap raster" },
  "basemap.tdt-vec": { zh: "天地图 矢量", en: "Tianditu vector" },
  "basemap.tdt-img": { zh: "天地图 影像", en: "Tianditu imagery" },
  "basemap.amap": { zh: "高德 (GCJ-02)", en: "AMap (GCJ-02)" },
  "basemap.tdtKey": { zh: "天地图密钥 tk", en: "Tianditu key (tk)" },
  "basemap.needKey": { zh: "请先输入天地图密钥", en: "Enter a Tianditu key first" },
  "basemap.online": { zh: "在线底图会向外部服务器发送请求。", en: "Online basemaps send requests to outside servers." },
  "basemap.failed": { zh: "在线底图无法访问,已切换回离线底图:", en: "The online basemap could not be reached; switched back to the offline one:" },
  "crs.badge": { zh: "坐标系", en: "CRS" },
  "crs.wgs84": { zh: "WGS84 / CGCS2000", en: "WGS84 / CGCS2000" },
  "crs.gcj02": { zh: "GCJ-02(图层已偏移显示)", en: "GCJ-02 (overlays shifted for display)" },

  "attrib.title": { zh: "数据来源与许可", en: "Sources and licences" },
  "attrib.open": { zh: "来源与许可", en: "Sources & licences" },
  "attrib.app": { zh: "软件:MapLibre GL JS (BSD-3)、deck.gl (MIT)、Turf (MIT)、Preact (MIT)、Noto Sans SC (OFL-1.1)", en: "Software: MapLibre GL JS (BSD-3), deck.gl (MIT), Turf (MIT), Preact (MIT), Noto Sans SC (OFL-1.1)" },

  "map.compass": { zh: "指北针(点击复位正北)", en: "Compass (click to reset north)" },
  "map.region": { zh: "嘉善县地图", en: "Map of Jiashan county" },
  "units.m": { zh: "米", en: "m" },
  "units.km2": { zh: "平方公里", en: "km²" },
} as const satisfies Record<string, { zh: string; en: string }>;

export type StringKey = keyof typeof STRINGS;

export function translate(key: StringKey, lang: Lang): string {
  return STRINGS[key][lang];
}
