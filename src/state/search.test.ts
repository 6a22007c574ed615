import { describe, expect, it } from "vitest";
import type { FeatureCollection, Geometry } from "geojson";
import { buildSearchIndex, normalise, pinyinInitials, searchIndex } from "./search.ts";

const fc = (features: Record<string, unknown>[]): FeatureCollection<Geometry | null> => ({
  type: "FeatureCollection",
  features: features.map((properties) => ({ type: "Feature", properties, geometry: null })),
});

const index = buildSearchIndex([
  { id: "towns", fc: fc([
    { id: "town-330421001", name: "魏塘街道", name_en: "Weitang Subdistrict", name_pinyin: "weitang jiedao", code: "330421001" },
    { id: "town-330421103", name: "西塘镇", name_en: "Xitang Town", name_pinyin: "xitang zhen", code: "330421103" },
  ]) },
  { id: "zones", fc: fc([{ id: "zone-xitang-old", name: "西塘古镇", name_en: "Xitang Ancient Town", name_pinyin: "xitang guzhen" }, { name: "no id" }]) },
]);

describe("search", () => {
  it("normalises tone marks, case and spaces", () => {
    expect(normalise("Wèitáng Jiēdào")).toBe("weitangjiedao");
  });
  it("finds by Chinese name, pinyin, initials, English and code", () => {
    expect(searchIndex(index, "魏塘")[0]!.featureId).toBe("town-330421001");
    expect(searchIndex(index, "weitang")[0]!.featureId).toBe("town-330421001");
    expect(searchIndex(index, "wtjd")[0]!.featureId).toBe("town-330421001");
    expect(searchIndex(index, "Ancient")[0]!.featureId).toBe("zone-xitang-old");
    expect(searchIndex(index, "330421103")[0]!.featureId).toBe("town-330421103");
  });
  it("splits pinyin into syllable initials", () => {
    expect(pinyinInitials("weitang jiedao")).toBe("wtjd");
    expect(pinyinInitials("xitang guzhen")).toBe("xtgz");
    expect(pinyinInitials("zhongxin jiashan xiandai chanyeyuan")).toBe("zxjsxdcyy");
  });
  it("ranks exact and prefix matches before substrings", () => {
    expect(searchIndex(index, "西塘镇").map((h) => h.featureId)).toEqual(["town-330421103"]);
    expect(searchIndex(index, "xitang").map((h) => h.featureId)).toEqual(["town-330421103", "zone-xitang-old"]);
    expect(searchIndex(index, "古镇").map((h) => h.featureId)).toEqual(["zone-xitang-old"]);
  });
  it("skips features without an id and empty queries", () => {
    expect(index).toHaveLength(3);
    expect(searchIndex(index, "  ")).toEqual([]);
  });
});
