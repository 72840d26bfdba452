// One esbuild bundle per program, split into lazily loaded chunks so that
// `pcs --version` and `pcs --help` load only the CLI core (see docs/decisions.md).
import { build } from "esbuild";
import asc from "assemblyscript/asc";
import { chmodSync, existsSync, rmSync } from "node:fs";

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
