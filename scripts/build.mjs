// One esbuild bundle per program, split into lazily loaded chunks so that
// `pcs --version` and `pcs --help` load only the CLI core (see docs/decisions.md).
import { build } from "esbuild";
import asc from "assemblyscript/asc";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCib } from "../bench/sched-cib.mjs";

// bin/pcs's node flags (its first line): the code cache is made under the same ones
const PCS_NODE_FLAGS = readFileSync("bin/pcs", "utf8").split("\n")[0].split(" node ")[1].trim().split(/\s+/);

// The CIB skimmer's native part (wasm/skim.ts, AssemblyScript): bundled into the chunk that uses it.
const compiled = await asc.main(["wasm/skim.ts", "-O3", "--runtime", "stub", "--noAssert", "--enable", "simd", "-o", "wasm/build/skim.wasm"]);
if (compiled.error) {
  console.error(compiled.stderr.toString());
  process.exit(1);
}

const entries = {
  pcs: "src/cli/main.ts",
  "pcs-agent": "src/pcs-agent/main.ts",
  sandbox: "src/sandbox/main.ts",
  "pcs-shim": "src/cluster/executor/shim-entry.ts",
};

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file))),
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  chunkNames: "chunks/[name]-[hash]",
  loader: { ".wasm": "binary" },
  // ssh2 carries optional native bindings; it is resolved from node_modules at run time.
  external: ["ssh2", "cpu-features"],
  // CommonJS dependencies bundled into ESM still call require() for node built-ins.
  banner: { js: 'import { createRequire as __pcsCreateRequire } from "node:module"; const require = __pcsCreateRequire(import.meta.url);' },
  logLevel: "warning",
});

// The pcs CLI once more as one CommonJS file, which bin/pcs runs with a V8 code cache (see
// docs/decisions.md): node's ESM loader and the compilation of every function a command runs cost a
// start ~60 ms that the cache saves. The cache is made here, by running a command on a scratch CIB
// with bin/pcs's own node flags (V8 refuses a cache made under other flags or another node).
await build({
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/pcs.cjs",
  bundle: true,
  format: "cjs",
  // a dynamic import of an external (ssh2's client) would need vm's module loader: a require does
  supported: { "dynamic-import": false },
  platform: "node",
  target: "node20",
  external: ["ssh2", "cpu-features"],
  loader: { ".wasm": "binary" },
  logLevel: "warning",
});
makeCodeCache();

function makeCodeCache() {
  const scratch = mkdtempSync(join(tmpdir(), "pcs-lite-build-"));
  try {
    // Commands that go through the whole path of a -f edit (read, check, parse, change, write) and
    // of simulate with its graph. Each run starts from the cache the one before wrote, so that the
    // last cache holds what all of them compiled.
    const sample = join(scratch, "sample.xml");
    writeFileSync(sample, generateCib(40));
    const commands = [
      ["-f", join(scratch, "cib.xml"), "resource", "create", "cache-warm-up", "ocf:pacemaker:Dummy", "--no-default-ops"],
      ["-f", sample, "simulate", "--save-graph", join(scratch, "graph.xml")],
    ];
    for (const command of commands) {
      const result = spawnSync(process.execPath, [...PCS_NODE_FLAGS, "bin/pcs", ...command], {
        env: { ...process.env, PCS_LITE_WRITE_CODE_CACHE: "dist/pcs.cache" },
        encoding: "utf8",
      });
      if (result.status !== 0 && !existsSync("dist/pcs.cache")) console.warn(`no code cache made: ${result.stderr.trim()}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// The sandbox's fence agent: one self-contained file named as fence agents are (no extension), so that
// PCS_LITE_FENCE_DIR=dist/fence finds it (see docs/fence-agent.md).
const FENCE_AGENT = "dist/fence/fence_pcslite";
if (existsSync("src/fence-agent/main.ts")) {
  await build({
    entryPoints: ["src/fence-agent/main.ts"],
    outfile: FENCE_AGENT,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
    logLevel: "warning",
  });
  chmodSync(FENCE_AGENT, 0o755);
}
