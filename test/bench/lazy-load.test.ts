// Start-up stays small: `pcs --version` and `pcs --help` must not load agent, scheduler or SSH
// code. A resolve hook records every module the run loads; the bundle's source maps tell which
// sources each loaded chunk holds.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, tempDir } from "../helpers/cli";

const FORBIDDEN = [/src\/agents\//, /src\/scheduler\//, /src\/transport\//, /node_modules\/ssh2\//, /src\/cluster\//];

function loadedSources(args: string[]): { files: string[]; sources: string[] } {
  const { dir, cleanup } = tempDir("pcs-lazy-");
  try {
    const log = join(dir, "loaded.txt");
    const hooks = join(dir, "hooks.mjs");
    writeFileSync(
      hooks,
      `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, result.url + "\\n");
  return result;
}`,
    );
    const register = join(dir, "register.mjs");
    writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify("file://" + hooks)});\n`);
    const r = spawnSync(process.execPath, ["--import", register, join(ROOT, "dist", "pcs.js"), ...args], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const files = [...new Set(readFileSync(log, "utf8").split("\n").filter((u) => u.includes("/dist/")))].map((u) => u.replace(/^file:\/\//, ""));
    const sources = files.flatMap((f) => (existsSync(f + ".map") ? (JSON.parse(readFileSync(f + ".map", "utf8")).sources as string[]) : []));
    return { files, sources };
  } finally {
    cleanup();
  }
}

describe("lazy loading", () => {
  test.each([[["--version"]], [["--help"]], [["resource", "--help"]]])("pcs %j loads no agent, scheduler or SSH code", (args) => {
    const { files, sources } = loadedSources(args);
    expect(files.length).toBeGreaterThan(0);
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter((s) => FORBIDDEN.some((f) => f.test(s)))).toEqual([]);
  });

  test("the hook does see command chunks when a command runs", () => {
    const { dir, cleanup } = tempDir("pcs-lazy-");
    try {
      const { sources } = loadedSources(["-f", join(dir, "cib.xml"), "resource", "defaults"]);
      expect(sources.some((s) => s.includes("src/commands/defaults/"))).toBe(true);
    } finally {
      cleanup();
    }
  });
});
