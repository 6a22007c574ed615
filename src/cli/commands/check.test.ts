/**
 * End-to-end tests of `atlas check`: spawns the real CLI and checks exit codes and output shapes.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const REPO = path.resolve(__dirname, "../../..");
const FIXTURES = path.join(REPO, "test/fixtures/validate");
const scratch = mkdtempSync(path.join(tmpdir(), "atlas-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function atlasCheck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)("npx", ["tsx", "src/cli/atlas.ts", "check", ...args], { cwd: REPO });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe("atlas check", () => {
  it("exits 0 for a valid file and prints a summary line", async () => {
    const result = await atlasCheck("test/fixtures/validate/good/all-geometry-types.geojson");
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe("✓ test/fixtures/validate/good/all-geometry-types.geojson: valid");
  });

  it("exits 1 for an invalid file, one 'file: feature: message' line per issue", async () => {
    const result = await atlasCheck("test/fixtures/validate/bad/ring-bowtie.geojson");
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split("\n")).toEqual([
      "test/fixtures/validate/bad/ring-bowtie.geojson: zone-3: the polygon's outer ring crosses or touches itself at [120.91, 30.91]",
      "✗ test/fixtures/validate/bad/ring-bowtie.geojson: 1 error, 0 warnings",
    ]);
  });

  it("prints exactly { ok, errors, warnings } with --json", async () => {
    const result = await atlasCheck("--json", "test/fixtures/validate/bad/lat-lng-swapped.geojson");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(["ok", "errors", "warnings"]);
    expect(report).toMatchObject({
      ok: false,
      errors: [{ file: "test/fixtures/validate/bad/lat-lng-swapped.geojson", feature: "station-1", message: expect.stringContaining("[lat, lng]") }],
      warnings: [],
    });
  });

  it("reports JSON syntax errors with line and column, without a stack trace", async () => {
    const result = await atlasCheck("--json", "test/fixtures/validate/bad/json-syntax.geojson");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).errors[0]).toMatchObject({ line: 4, column: 3 });
    noStackTrace(result.stdout + result.stderr);
  });

  it("exits 2 with the usage for a missing argument, an unknown flag or a missing path", async () => {
    for (const args of [[], ["--strict", "test/fixtures/validate/good/bbox.geojson"], ["no/such/file.geojson"], ["README.md"], ["test/fixtures/validate/package-good", "--story"]]) {
      const result = await atlasCheck(...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("usage: npm run atlas -- check");
      noStackTrace(result.stderr);
    }
  });

  it("checks a package directory, and its manifest.json the same way", async () => {
    const byDirectory = await atlasCheck("test/fixtures/validate/package-good");
    expect(byDirectory).toMatchObject({ code: 0, stdout: "✓ test/fixtures/validate/package-good: valid\n" });
    const byManifest = await atlasCheck("--json", "test/fixtures/validate/package-good/manifest.json");
    expect(byManifest.code).toBe(0);
    expect(JSON.parse(byManifest.stdout)).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it("checks a story against the package with --story", async () => {
    const result = await atlasCheck("--json", "test/fixtures/validate/package-good", "--story", "src/story/jiashan.story.json");
    expect(result.code).toBe(1);
    const files = new Set((JSON.parse(result.stdout).errors as { file: string }[]).map((issue) => issue.file));
    // The shipped story names layers the small test package does not have.
    expect([...files]).toEqual(["src/story/jiashan.story.json"]);
  });

  it("exits 1 for a package with a missing layer file", async () => {
    const broken = path.join(scratch, "broken-package");
    cpSync(path.join(FIXTURES, "package-good"), broken, { recursive: true });
    rmSync(path.join(broken, "layers/towns.geojson"));
    const result = await atlasCheck("--json", broken);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).errors).toEqual([
      expect.objectContaining({ feature: null, message: 'layer "towns": file "layers/towns.geojson" not found' }),
    ]);
  });

  it("rejects a GBK-encoded file with a plain message", async () => {
    const gbkFile = path.join(scratch, "gbk.geojson");
    const utf8 = readFileSync(path.join(FIXTURES, "good/geographic-degrees.geojson"));
    // "嘉善" in GBK is BC CE C9 C6; 0xBC cannot start a UTF-8 sequence.
    writeFileSync(gbkFile, Buffer.concat([utf8.subarray(0, 10), Buffer.from([0xbc, 0xce, 0xc9, 0xc6]), utf8.subarray(10)]));
    const result = await atlasCheck(gbkFile);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("file is not valid UTF-8 text (perhaps GBK/GB18030); re-save it as UTF-8");
  });
});
