import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("src/io/validate", () => {
  it("stays free of Node APIs so the app can validate at load time in the browser", () => {
    const sources = readdirSync(__dirname).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"));
    expect(sources.length).toBeGreaterThan(5);
    for (const name of sources) {
      const text = readFileSync(path.join(__dirname, name), "utf8");
      expect(text, name).not.toMatch(/from "(node:|fs|path|os|child_process)/);
      expect(text, name).not.toMatch(/\bprocess\.|\bBuffer\b|\brequire\(/);
    }
  });
});
