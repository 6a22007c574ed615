import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { FIXTURE_DIR, makeImportFixtures } from "../../../scripts/make-import-fixtures";

it("the committed import fixtures are exactly what scripts/make-import-fixtures.ts generates", () => {
  const generated = makeImportFixtures();
  const committed = readdirSync(FIXTURE_DIR).filter((name) => name !== "README.md");
  expect(committed.sort()).toEqual(Object.keys(generated).sort());
  for (const [name, bytes] of Object.entries(generated)) {
    expect(new Uint8Array(readFileSync(join(FIXTURE_DIR, name))), name).toEqual(bytes);
  }
});
