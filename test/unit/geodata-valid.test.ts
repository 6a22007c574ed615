/** The shipped package passes the same validator users run: `npm run atlas -- check geodata`. */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { validatePackage } from "../../src/io/validate/index.ts";

const GEODATA = resolve(import.meta.dirname, "../../geodata");

describe("geodata/ under atlas check", () => {
  it("has no errors and no warnings", async () => {
    const report = await validatePackage((path) => readFile(join(GEODATA, path), "utf8").catch(() => null), "geodata");
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
