import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SeedDocId, SeedFigure } from "./seed-types.ts";
import {
  citation,
  experiencesForPlace,
  figureById,
  figuresForPlace,
  formatFigure,
  seedDigest,
  seedDocument,
} from "./seeds.ts";

const DOC_IDS: SeedDocId[] = ["000", "001", "002", "003", "004"];

/** Canonical feature ids agreed with the geodata layers; "county" means county-wide. */
const TOWN_CODES = ["330421001", "330421002", "330421003", "330421102", "330421103", "330421105", "330421107", "330421111", "330421112"];
const CANONICAL_IDS = new Set([
  "county",
  "county-330421",
  "nb-310118", "nb-310116", "nb-320509", "nb-330411", "nb-330402", "nb-330482",
  ...TOWN_CODES.map((code) => `town-${code}`),
  "zone-jsetdz", "zone-yzedz", "zone-sino-singapore", "zone-sino-dutch", "zone-sino-german", "zone-ftz-b",
  "zone-guigu", "zone-guigu-town", "zone-xiangfudang", "zone-gtxc", "zone-gtxc-1", "zone-gtxc-2",
  "zone-sh-talent", "zone-chocolate", "zone-xitang-old", "zone-dayun-resort", "zone-jinshan-adjacent",
  "zone-ygdz", "zone-ygdz-pilot", "zone-water-parlour",
  "ic-dayun-sino-german",
  "em-county",
  ...TOWN_CODES.map((code) => `em-town-${code}`),
  "water-taipu", "water-fenhu", "water-hongqitang", "water-yuhuitang", "water-xiangfudang", "water-yuandang", "water-dianshan",
]);
/** Village and township-level 两创中心 ids follow a pattern and must name a Jiashan code. */
const PATTERNED_ID = /^(village-330421\d{6}|ic-town-330421\d{3})$/;

/** How each document numbers its parts; a section that does not fit is a typo or a wrong document. */
const SECTION_PATTERN: Record<SeedDocId, RegExp> = {
  "000": /^附件 经验(10|[1-9])(·([1-5]|[一二三]|\([一二三]\)))?$/,
  "001": /^(一、总体要求|第\(([1-9]|[1-6]\d)\)条)$/,
  "002": /^\((一|二|三|四|五|六|七|八|九|十|十[一二三四五六七八九]|二十|二十[一二])\)$/,
  "003": /^第([1-9]|1[0-3])项$/,
  "004": /^(一、(平台布局更加合理|产业发展更加高端|资源配置更加高效|招商服务更加精准)|二、\([一二三四五六]\))$/,
};

/** The five source texts, read from the shared folder next to the repository. */
const SEEDS_DIR = new URL("../../../shared/seeds/", import.meta.url);
const SOURCE_TEXT = Object.fromEntries(
  DOC_IDS.map((id) => {
    const file = readdirSync(SEEDS_DIR).find((name) => name.startsWith(`${id}_`));
    if (!file) throw new Error(`no seed file for document ${id} in ${SEEDS_DIR.pathname}`);
    return [id, readFileSync(new URL(file, SEEDS_DIR), "utf8")];
  }),
) as Record<SeedDocId, string>;

/** Whitespace removed and full-width brackets folded, so markers match however the text was wrapped. */
const normalise = (text: string) => text.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")");
const NORMALISED_TEXT = Object.fromEntries(DOC_IDS.map((id) => [id, normalise(SOURCE_TEXT[id])])) as Record<SeedDocId, string>;

/** Body headings of the ten annex experiences of document 000 (each also appears once in the annex's list). */
const ANNEX_HEADINGS = [
  "嘉善县打造省级“千人计划”产业园的主要做法",
  "嘉善县姚庄镇统筹城乡一体发展的主要做法",
  "嘉善县招大引强打造开放合作大平台的主要做法",
  "嘉善县打造平原地区生态文明建设县域样板的主要做法",
  "嘉善县通过“三权”抵押推进农村产权活权改革的主要做法",
  "嘉善县采用PPP模式加快新城基础设施建设的主要做法",
  "嘉善县以“五个可示范”全力打造省级社会养老服务示范区的主要做法",
  "嘉善县特色小镇建设“五个一”的主要做法",
  "嘉善县推进“退散进集”工作的主要做法",
  "嘉善县推进“零土地”技改项目审批方式改革主要做法",
];

/** Text from `start` up to the next match of `boundary` (a global regex), in a normalised document. */
function sliceUntil(text: string, start: number, boundary: RegExp, label: string): string {
  if (start < 0) throw new Error(`section ${label} not found in its source text`);
  boundary.lastIndex = start + 1;
  const next = boundary.exec(text);
  return text.slice(start, next ? next.index : undefined);
}

const CHINESE_NUMERALS = "一二三四五六";

/** Numbered part of an annex experience ("1." / "一、" / "(一)"), or its opening paragraphs when `part` is absent. */
function annexPart(experience: string, part: string | undefined, label: string): string {
  const anyPart = /(?<![\d.])1\.(?!\d)|一、|\(一\)/;
  if (part === undefined) return experience.slice(0, anyPart.exec(experience)?.index);
  const marker = (token: string) =>
    /^\d+$/.test(token) ? new RegExp(`(?<![\\d.])${token}\\.(?!\\d)`) : token.startsWith("(") ? new RegExp(`\\(${token[1]}\\)`) : new RegExp(`${token}、`);
  const following = (token: string) =>
    /^\d+$/.test(token) ? String(Number(token) + 1) : token.startsWith("(") ? `(${CHINESE_NUMERALS[CHINESE_NUMERALS.indexOf(token[1]) + 1]})` : CHINESE_NUMERALS[CHINESE_NUMERALS.indexOf(token) + 1];
  const start = marker(part).exec(experience)?.index;
  if (start === undefined) throw new Error(`section ${label} not found in its source text`);
  const rest = experience.slice(start + 1);
  const next = marker(following(part)).exec(rest)?.index;
  return experience.slice(start, next === undefined ? undefined : start + 1 + next);
}

/** The source text of one section, cut by each document's own numbering (annex experience, item, §). */
function sectionText(doc: SeedDocId, section: string): string {
  const text = NORMALISED_TEXT[doc];
  const label = `${doc} ${section}`;
  switch (doc) {
    case "000": {
      const [, n, part] = /^附件 经验(\d+)(?:·(.+))?$/.exec(section) ?? [];
      const index = Number(n);
      const start = text.lastIndexOf(ANNEX_HEADINGS[index - 1]);
      const end = index < ANNEX_HEADINGS.length ? text.lastIndexOf(ANNEX_HEADINGS[index]) : text.length;
      if (start < 0 || end <= start) throw new Error(`annex experience ${n} not found in document 000`);
      return annexPart(text.slice(start, end), part, label);
    }
    case "001":
      if (section === "一、总体要求") return sliceUntil(text, text.indexOf(section), /二、重点任务/g, label);
      return sliceUntil(text, text.indexOf(`(${/\d+/.exec(section)?.[0]})`, text.indexOf("二、重点任务")), /\(\d+\)|三、保障措施/g, label);
    case "002":
      return sliceUntil(text, text.indexOf(section), /\([一二三四五六七八九十]+\)|[一二三四五六七]、/g, label);
    case "003": {
      const n = Number(/\d+/.exec(section)?.[0]);
      const row = new RegExp(`^${n}\\t[\\s\\S]*?(?=^${n + 1}\\t|^序号|(?![\\s\\S]))`, "m").exec(SOURCE_TEXT[doc]);
      if (!row) throw new Error(`section ${label} not found in its source text`);
      return normalise(row[0]);
    }
    case "004":
      if (section.startsWith("一、")) return sliceUntil(text, text.indexOf(`——${section.slice(2)}`), /——|二、主要任务/g, label);
      return sliceUntil(text, text.indexOf(section.slice(2), text.indexOf("二、主要任务")), /\([一二三四五六]\)|三、保障措施/g, label);
  }
}

/** Figures the documents spell in Chinese words rather than digits, with the words as printed. */
const WRITTEN_IN_WORDS: Record<string, string> = {
  "eco.pig_stock_now": "直降为零",
  "platform.min_space_wanmu": "可开发空间要达万亩以上",
  "emergency.tiers": "三级急救能力",
  "grain_service.unifications": "“八统一”",
  "hitech.colour_grades": "“三色”分类管理",
  "tsjj.plan_years": "通过两年时间",
  "jinshan.working_groups": "一个推进办五个工作组",
  "open.fdi_award_years": "连续十三年",
};

function printedAsDigits(value: number, text: string): boolean {
  const digits = String(value).replace(".", "\\.");
  return new RegExp(`(?<![\\d.])${digits}(?!\\.?\\d)`).test(text);
}

const isNonEmpty = (text: string) => text.trim().length > 0;

describe("seed documents", () => {
  it("lists the five documents in order with their numbers and dates as printed", () => {
    expect(seedDigest.documents.map((document) => document.id)).toEqual(DOC_IDS);
    expect(seedDigest.documents.map((document) => [document.number, document.date])).toEqual([
      ["嘉嘉善示范办〔2017〕1号", "2017-04-24"],
      ["嘉委发〔2017〕12号", "2017-06-19"],
      [null, null],
      [null, null],
      ["嘉政发〔2018〕15号", "2018-06-08"],
    ]);
  });

  it("takes each number and title from the source text", () => {
    for (const document of seedDigest.documents) {
      const text = SOURCE_TEXT[document.id].replace(/\s+/g, "");
      if (document.number) expect(text, document.id).toContain(document.number);
      expect(text, document.id).toContain(document.title.zh.replace(/\s+/g, ""));
    }
  });

  it("has a bilingual title, issuer and summary for each document", () => {
    for (const document of seedDigest.documents) {
      for (const field of [document.title, document.issuer, document.summary]) {
        expect(isNonEmpty(field.zh) && isNonEmpty(field.en), document.id).toBe(true);
      }
    }
  });
});

describe("seed experiences", () => {
  it("has exactly the ten 2017 experiences of document 000's annex, numbered 1..10", () => {
    const annex = seedDigest.experiences.filter((experience) => experience.set === "2017");
    expect(annex.map((experience) => experience.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const experience of annex) {
      expect(experience.id).toBe(`2017-E${experience.n}`);
      expect(experience.doc).toBe("000");
      expect(experience.section).toBe(`附件 经验${experience.n}`);
    }
  });

  it("has exactly the thirteen 2021 experiences of document 003, numbered 1..13", () => {
    const list = seedDigest.experiences.filter((experience) => experience.set === "2021");
    expect(list.map((experience) => experience.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    for (const experience of list) {
      expect(experience.id).toBe(`2021-${experience.n}`);
      expect(experience.doc).toBe("003");
      expect(experience.section).toBe(`第${experience.n}项`);
    }
    expect(seedDigest.experiences).toHaveLength(23);
  });

  it("gives every experience a bilingual title and summary, places, and existing figure ids", () => {
    for (const experience of seedDigest.experiences) {
      expect(isNonEmpty(experience.title.zh) && isNonEmpty(experience.title.en), experience.id).toBe(true);
      expect(isNonEmpty(experience.summary.zh) && isNonEmpty(experience.summary.en), experience.id).toBe(true);
      expect(experience.places.length, experience.id).toBeGreaterThan(0);
      for (const figureId of experience.figures) expect(() => figureById(figureId), `${experience.id} → ${figureId}`).not.toThrow();
    }
  });
});

describe("seed figures", () => {
  const figures = seedDigest.figures;

  it("has unique dotted ids", () => {
    const ids = figures.map((figure) => figure.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/);
  });

  it("gives every figure a bilingual label, a valid document and a section numbered the way that document numbers it", () => {
    for (const figure of figures) {
      expect(isNonEmpty(figure.label.zh) && isNonEmpty(figure.label.en), figure.id).toBe(true);
      expect(DOC_IDS, figure.id).toContain(figure.doc);
      expect(figure.section, figure.id).toMatch(SECTION_PATTERN[figure.doc]);
    }
  });

  it("has a finite number or non-empty text as value, and a unit that is empty in both languages or in neither", () => {
    for (const figure of figures) {
      if (typeof figure.value === "number") expect(Number.isFinite(figure.value), figure.id).toBe(true);
      else expect(isNonEmpty(figure.value), figure.id).toBe(true);
      expect(figure.unit.zh === "", figure.id).toBe(figure.unit.en === "");
    }
  });

  it("ties figures only to county-wide or canonical feature ids", () => {
    for (const figure of figures) {
      for (const place of figure.places) {
        expect(CANONICAL_IDS.has(place) || PATTERNED_ID.test(place), `${figure.id} → ${place}`).toBe(true);
      }
    }
    for (const experience of seedDigest.experiences) {
      for (const place of experience.places) {
        expect(CANONICAL_IDS.has(place) || PATTERNED_ID.test(place), `${experience.id} → ${place}`).toBe(true);
      }
    }
  });

  it("dates achieved values no later than their document, and targets no earlier", () => {
    for (const figure of figures) {
      const date = seedDocument(figure.doc).date;
      if (figure.year === undefined || date === null) continue;
      const docYear = Number(date.slice(0, 4));
      if (figure.target) expect(figure.year, figure.id).toBeGreaterThanOrEqual(docYear);
      else expect(figure.year, figure.id).toBeLessThanOrEqual(docYear);
    }
  });

  it("cuts each cited section out of its document, not the whole text", () => {
    expect(sectionText("001", "第(59)条")).toContain("每千名老人拥有养老床位达50张");
    expect(sectionText("001", "第(59)条")).not.toContain("(60)");
    expect(sectionText("000", "附件 经验6·(一)")).toContain("11.96平方公里");
    expect(sectionText("000", "附件 经验6·(一)")).not.toContain("50.4亿元");
    expect(sectionText("000", "附件 经验6")).not.toContain("11.96");
    expect(sectionText("000", "附件 经验7·1")).toContain("照料中心151家");
    expect(sectionText("000", "附件 经验7·1")).not.toContain("14182");
    expect(sectionText("000", "附件 经验4·二")).toContain("161条黑臭河");
    expect(sectionText("000", "附件 经验4·二")).not.toContain("网格化监管");
    expect(sectionText("002", "(三)")).not.toContain("(四)");
    expect(sectionText("003", "第11项")).not.toContain("养老");
    expect(sectionText("004", "一、资源配置更加高效")).not.toContain("20个以上");
    expect(sectionText("004", "二、(二)")).toContain("30%");
    for (const figure of figures) {
      expect(sectionText(figure.doc, figure.section).length, figure.id).toBeLessThan(NORMALISED_TEXT[figure.doc].length / 2);
    }
  });

  it("finds every numeric value in the section it cites, as digits or in the words it is printed with", () => {
    const notFound = figures.filter((figure) => {
      if (typeof figure.value !== "number") return false;
      const text = sectionText(figure.doc, figure.section);
      const words = WRITTEN_IN_WORDS[figure.id];
      return words ? !text.includes(words) : !printedAsDigits(figure.value, text);
    });
    expect(notFound.map((figure) => `${figure.id} = ${figure.value} in ${figure.doc} ${figure.section}`)).toEqual([]);
  });

  it("keeps spot-checked values in the right place (checked by hand against the texts)", () => {
    const check = (id: string, value: number | string, section: string, places?: string[]) => {
      const figure = figureById(id);
      expect([figure.value, figure.section], id).toEqual([value, section]);
      if (places) expect(figure.places, id).toEqual(places);
    };
    check("gtxc.area_km2", 11.96, "附件 经验6·(一)", ["zone-gtxc"]);
    check("gtxc.phase1_area_km2", 9.16, "附件 经验6·(一)", ["zone-gtxc-1"]);
    check("gtxc.phase2_area_km2", 2.8, "附件 经验6·(一)", ["zone-gtxc-2"]);
    check("eldercare.home_centres", 151, "附件 经验7·1");
    check("eldercare.institution_beds", 4350, "附件 经验7");
    check("ic.planned_count", 13, "附件 经验9·3", ["county"]);
    check("tsjj.vacated_area_mu", 4481.16, "附件 经验9");
    check("eco.vacated_area_mu", 4481.2, "附件 经验4·二");
    check("yz.income_ratio", 1.61, "附件 经验2", ["town-330421111"]);
    check("t2020.care_beds_per_1000", 50, "第(59)条");
    check("t2020.doctors_per_1000", 3.2, "第(58)条");
    check("t2025.income_ratio", 1.55, "(三)");
    check("platform.output_per_mu_wanyuan", 500, "一、资源配置更加高效");
    check("platform.exit_share_pct", 30, "二、(二)");
    check("platform.slogan", "万亩平台千亿产业", "二、(五)");
    expect(figureById("ic.planned_count").target).toBe(true);
  });

  it("keeps parts consistent with their totals", () => {
    const value = (id: string) => figureById(id).value as number;
    expect(value("gtxc.phase1_area_km2") + value("gtxc.phase2_area_km2")).toBeCloseTo(value("gtxc.area_km2"), 6);
    expect(value("eldercare.home_centres_urban") + value("eldercare.home_centres_rural")).toBe(value("eldercare.home_centres"));
    expect(value("tsjj.vacated_firms")).toBeLessThanOrEqual(value("tsjj.signed_firms"));
    expect(value("tsjj.signed_firms")).toBeLessThanOrEqual(value("tsjj.assessed_firms"));
    expect(value("eldercare.nursing_beds")).toBeLessThan(value("eldercare.institution_beds"));
  });
});

describe("lookups", () => {
  it("throws a message naming the file and the id for an unknown figure", () => {
    expect(() => figureById("gtxc.area")).toThrow('seeds/digest.json: no figure with id "gtxc.area"');
  });

  it("finds figures and experiences by exact place id", () => {
    const gtxc = figuresForPlace("zone-gtxc").map((figure) => figure.id);
    expect(gtxc).toContain("gtxc.area_km2");
    expect(gtxc).not.toContain("gtxc.phase1_area_km2");
    expect(experiencesForPlace("town-330421111").map((experience) => experience.id)).toEqual(["2017-E2", "2017-E3"]);
    expect(experiencesForPlace("em-county").map((experience) => experience.id)).toEqual(["2021-11"]);
    expect(figuresForPlace("nowhere")).toEqual([]);
  });
});

describe("formatFigure", () => {
  const figure = (value: number | string, zh: string, en: string): Pick<SeedFigure, "value" | "unit"> => ({ value, unit: { zh, en } });

  it("prints the value with separators and the unit in each language", () => {
    expect(formatFigure(figureById("gtxc.area_km2"), "en")).toBe("11.96 km²");
    expect(formatFigure(figureById("gtxc.area_km2"), "zh")).toBe("11.96 平方公里");
    expect(formatFigure(figure(107291, "人", "people"), "en")).toBe("107,291 people");
    expect(formatFigure(figure(4481.16, "亩", "mu"), "zh")).toBe("4,481.16 亩");
  });

  it("keeps 万/亿 in Chinese and spells the number out in English", () => {
    expect(formatFigure(figure(4580, "万元", "×10⁴ yuan"), "zh")).toBe("4,580 万元");
    expect(formatFigure(figure(4580, "万元", "×10⁴ yuan"), "en")).toBe("45.8 million yuan");
    expect(formatFigure(figure(50.4, "亿元", "×10⁸ yuan"), "en")).toBe("5.04 billion yuan");
    expect(formatFigure(figure(16.21, "万亩", "×10⁴ mu"), "en")).toBe("162,100 mu");
    expect(formatFigure(figure(500, "万元/亩", "×10⁴ yuan per mu"), "en")).toBe("5 million yuan per mu");
  });

  it("attaches percent signs and leaves text values and empty units alone", () => {
    expect(formatFigure(figure(27.57, "%", "%"), "en")).toBe("27.57%");
    expect(formatFigure(figure("20–30", "%", "%"), "zh")).toBe("20–30%");
    expect(formatFigure(figure("95·5·3", "", ""), "en")).toBe("95·5·3");
    expect(formatFigure(figure(1.55, "", ""), "zh")).toBe("1.55");
    expect(formatFigure(figureById("yz.income_ratio"), "zh")).toBe("1.61：1");
    expect(formatFigure(figureById("yz.income_ratio"), "en")).toBe("1.61:1");
  });

  it("uses the singular English unit for a value of one", () => {
    expect(formatFigure(figure(1, "个工作日", "working days"), "en")).toBe("1 working day");
    expect(formatFigure(figure(1, "张/百名老人", "beds per 100 elderly"), "en")).toBe("1 bed per 100 elderly");
    expect(formatFigure(figure(2, "个工作日", "working days"), "en")).toBe("2 working days");
    expect(formatFigure(figure(1, "平方公里", "km²"), "en")).toBe("1 km²");
  });
});

describe("citation", () => {
  it("cites the document number and the section as printed", () => {
    expect(citation(figureById("gtxc.area_km2"), "zh")).toBe("嘉嘉善示范办〔2017〕1号 · 附件 经验6·(一)");
    expect(citation(figureById("gtxc.area_km2"), "en")).toBe("Doc. 嘉嘉善示范办〔2017〕1号, annex E6 §(一)");
    expect(citation({ doc: "000", section: "附件 经验6" }, "en")).toBe("Doc. 嘉嘉善示范办〔2017〕1号, annex E6");
    expect(citation(figureById("t2020.care_beds_per_1000"), "en")).toBe("Doc. 嘉委发〔2017〕12号, item (59)");
    expect(citation(figureById("platform.exit_share_pct"), "zh")).toBe("嘉政发〔2018〕15号 · 二、(二)");
    expect(citation({ doc: "003", section: "第11项" }, "en")).toContain(", item 11");
  });

  it("falls back to the title for documents without a number", () => {
    expect(citation(figureById("t2025.rd_share_pct"), "zh")).toBe("《新发展阶段浙江嘉善县域高质量发展示范点建设方案》 · (三)");
    expect(citation(figureById("t2025.rd_share_pct"), "en")).toMatch(/^Doc\. Plan for .+, §\(三\)$/);
  });
});
