// npm run bench (live part): the latency of `pcs resource create` on the sandbox cluster of
// `npm start` (three pcs-agents on loopback; goal: median 150 ms or less). Measured three ways: the
// first command (it connects itself and leaves a connection multiplexer behind), later commands
// through the multiplexer, and later commands with PCS_LITE_MUX=off (an SSH handshake each).
// Options (env): BENCH_LIVE_RUNS (default 15).
import { spawn, spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PCS = join(ROOT, "bin", "pcs");
const RUNS = Number(process.env.BENCH_LIVE_RUNS ?? 15);

/** Start the sandbox (its own commands without multiplexers, so that the first create below is the first); its config dir. */
function startSandbox() {
  const child = spawn(process.execPath, [join(ROOT, "dist", "sandbox.js")], {
    env: { ...process.env, PCS_LITE_MUX: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const configDir = new Promise((done, fail) => {
    let output = "";
    child.stderr.on("data", (d) => (output += d));
    child.stdout.on("data", (d) => {
      output += d;
      const m = /export PCS_CONFIG_DIR=(\S+)/.exec(output);
      if (m) done(m[1]);
    });
    child.on("exit", (code) => fail(new Error(`the sandbox exited (${code}):\n${output}`)));
  });
  return { child, configDir };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const sandbox = startSandbox();
try {
  const env = { ...process.env, PCS_CONFIG_DIR: await sandbox.configDir };
  delete env.PCS_LITE_MUX;
  const create = (id, extra = {}) => {
    const started = process.hrtime.bigint();
    const r = spawnSync(PCS, ["resource", "create", id, "ocf:heartbeat:Dummy", "--disabled"], { env: { ...env, ...extra }, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`pcs resource create ${id}: ${r.stderr}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const first = create("first");
  await new Promise((r) => setTimeout(r, 500)); // the multiplexer connects meanwhile
  const muxed = Array.from({ length: RUNS }, (_, i) => create(`mux${i}`));
  const direct = Array.from({ length: RUNS }, (_, i) => create(`direct${i}`, { PCS_LITE_MUX: "off" }));
  console.log(`\nLive cluster (the npm start sandbox: 3 pcs-agents on 127.0.0.1): pcs resource create, median of ${RUNS}`);
  console.log(`  first command (connects itself):      ${first.toFixed(0)} ms`);
  console.log(`  through the connection multiplexer:   ${median(muxed).toFixed(0)} ms (min ${Math.min(...muxed).toFixed(0)})   goal <= 150 ms`);
  console.log(`  PCS_LITE_MUX=off (handshake each):    ${median(direct).toFixed(0)} ms (min ${Math.min(...direct).toFixed(0)})`);
} finally {
  // the sandbox stops its agents; the multiplexers end with their connections
  sandbox.child.kill("SIGINT");
  await new Promise((r) => sandbox.child.once("exit", r));
}
