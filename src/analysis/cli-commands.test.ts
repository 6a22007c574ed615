/** The analysis CLI commands, spawned as a user would run them, on small fixture packages. */
import { describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";

const PACKAGE = "test/fixtures/analysis/package";
const BROKEN = "test/fixtures/analysis/broken-package";

function atlas(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/atlas.ts", ...args], { encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe("atlas coverage", () => {
  test("--json prints exactly the documented shape", () => {
    const { code, stdout } = atlas("coverage", "--package", PACKAGE, "--layer", "emergency", "--radius", "1000", "--by", "towns", "--json");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(["radius_m", "areas", "total", "method", "caveats"]);
    expect(result.radius_m).toBe(1000);
    expect(result.areas.map((a: { code: string }) => a.code)).toEqual(["T1", "T2", "T3"]);
    for (const area of result.areas) expect(Object.keys(area)).toEqual(["code", "name", "area_km2", "covered_km2", "covered_pct"]);
    expect(result.areas[2].covered_pct).toBe(0);
    // A 1 km circle fully inside T1: π km² less the 64-gon's 0.16 %.
    expect(result.areas[0].covered_km2).toBeCloseTo(Math.PI * 0.9984, 2);
    expect(result.total.area_km2).toBeCloseTo(result.areas.reduce((s: number, a: { area_km2: number }) => s + a.area_km2, 0), 2);
    expect(result.caveats.join(" ")).toMatch(/SCHEMATIC/);
  });

  test("without --radius the radii come from the data and radius_m is null", () => {
    const result = JSON.parse(atlas("coverage", "--package", PACKAGE, "--json").stdout);
    expect(result.radius_m).toBeNull();
    expect(result.areas[0].covered_pct).toBe(100);
  });

  test("--redundancy adds shares by station count that sum to 100 %", () => {
    const result = JSON.parse(atlas("coverage", "--package", PACKAGE, "--radius", "3000", "--redundancy", "--json").stdout);
    expect(result.redundancy.map((r: { code: string }) => r.code)).toEqual(["T1", "T2", "T3", "*"]);
    for (const row of result.redundancy) expect(Object.values(row.pct_by_count as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 1);
  });

  test("human output is a table", () => {
    const { code, stdout } = atlas("coverage", "--package", PACKAGE, "--radius", "1000");
    expect(code).toBe(0);
    expect(stdout).toMatch(/code\s+name\s+area km²\s+official km²\s+covered km²\s+covered %/);
    expect(stdout).toMatch(/T1\s+甲镇\s+26\.54\s+26\s+3\.14/);
  });

  test.each([
    [["--layer", "nope"], /unknown layer "nope"/],
    [["--radius", "abc"], /--radius must be a number/],
    [["--radius=-5"], /--radius must be a number ≥ 0/],
    [["--bogus"], /Unknown option '--bogus'/],
  ])("usage error %j → exit 2 with a message", (extra, message) => {
    const { code, stderr } = atlas("coverage", "--package", PACKAGE, ...extra);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    noStackTrace(stderr);
  });

  test("bad data → exit 1 naming the file and feature", () => {
    const missing = atlas("coverage", "--package", "test/fixtures/analysis/no-such-package");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no data package/);
    const broken = atlas("coverage", "--package", BROKEN, "--radius", "1000");
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/emergency\.geojson.*feature "em-town-T2".*\[30\.825, 120\.875\]/);
    noStackTrace(broken.stderr);
  });
});

describe("atlas lifecircle", () => {
  test("--json: loud schematic warning, compliance per township and category", () => {
    const { code, stdout } = atlas("lifecircle", "--package", PACKAGE, "--grid", "200", "--json");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.warnings[0]).toMatch(/SCHEMATIC.*ILLUSTRATIVE/);
    expect(result.facilities).toMatchObject({ kindergarten: 1, "primary-school": 1, "health-centre": 3 });
    const codes = new Set(result.compliance.map((r: { code: string }) => r.code));
    expect([...codes]).toEqual(["T1", "T2", "T3", "*"]);
    const kindergartenT1 = result.compliance.find((r: { code: string; category: string }) => r.code === "T1" && r.category === "kindergarten");
    expect(kindergartenT1.share).toBeGreaterThan(0);
    expect(kindergartenT1.rating).toBe("red");
  });

  test("--township limits the grid; an unknown code is a usage error", () => {
    const result = JSON.parse(atlas("lifecircle", "--package", PACKAGE, "--grid", "200", "--township", "T3", "--json").stdout);
    expect(new Set(result.compliance.map((r: { code: string }) => r.code))).toEqual(new Set(["T3", "*"]));
    const unknown = atlas("lifecircle", "--package", PACKAGE, "--township", "ZZ");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no polygon with code "ZZ"/);
    expect(atlas("lifecircle", "--package", PACKAGE, "--grid", "0").code).toBe(2);
  });
});

describe("atlas suggest", () => {
  test("--json: picks with gains and rising cumulative coverage", () => {
    const { code, stdout } = atlas("suggest", "--package", PACKAGE, "--category", "kindergarten", "--radius", "800", "--count", "3", "--grid", "200", "--json");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.picks).toHaveLength(3);
    expect(result.existing).toBe(1);
    expect(result.baseline_pct).toBeGreaterThan(0);
    expect(result.picks[2].cumulative_pct).toBeGreaterThan(result.picks[0].cumulative_pct);
    expect(result.final_pct).toBe(result.picks[2].cumulative_pct);
  });

  test("missing or bad options → exit 2", () => {
    expect(atlas("suggest", "--package", PACKAGE, "--category", "kindergarten", "--radius", "800").code).toBe(2);
    expect(atlas("suggest", "--package", PACKAGE, "--category", "kindergarten", "--radius", "800", "--count", "2.5").code).toBe(2);
    const unknown = atlas("suggest", "--package", PACKAGE, "--category", "zoo", "--radius", "800", "--count", "1");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown category "zoo"/);
  });
});
