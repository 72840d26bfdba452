// The report table is assembled from one module per area by object spread: a code defined in two
// modules would silently keep only one text. Codes must be unique across the modules.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

test("every report code is defined in exactly one message module", () => {
  const dir = join(__dirname, "..", "..", "src", "report", "messages");
  const owners = new Map<string, string[]>();
  for (const file of readdirSync(dir).filter((f) => f !== "index.ts")) {
    for (const m of readFileSync(join(dir, file), "utf8").matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)) {
      owners.set(m[1], [...(owners.get(m[1]) ?? []), file]);
    }
  }
  const duplicated = [...owners].filter(([, files]) => files.length > 1).map(([code, files]) => `${code}: ${files.join(", ")}`);
  expect(duplicated).toEqual([]);
});
