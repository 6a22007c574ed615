import { describe, expect, it } from "vitest";
import { placeNameForms } from "./place-name-pinyin.ts";

describe("placeNameForms", () => {
  it("joins the core name and keeps the administrative suffix as a word", () => {
    expect(placeNameForms("魏塘街道")).toEqual({ pinyin: "weitang jiedao", en: "Weitang Subdistrict" });
    expect(placeNameForms("西塘镇")).toEqual({ pinyin: "xitang zhen", en: "Xitang Town" });
    expect(placeNameForms("瓶山社区")).toEqual({ pinyin: "pingshan shequ", en: "Pingshan Community" });
  });

  it("uses local readings where the dictionary default is wrong", () => {
    expect(placeNameForms("丁栅村").pinyin).toBe("dingzha cun");
    expect(placeNameForms("缪家村").pinyin).toBe("miaojia cun");
    expect(placeNameForms("中寒圩村").pinyin).toBe("zhonghanwei cun");
  });

  it("keeps a name that is only a suffix-like word whole, and writes ü as v", () => {
    expect(placeNameForms("蒋村村")).toEqual({ pinyin: "jiangcun cun", en: "Jiangcun Village" });
    expect(placeNameForms("绿洲社区").pinyin).toBe("lvzhou shequ");
  });
});
