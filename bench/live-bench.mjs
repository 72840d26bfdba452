// npm run bench (live part): the latency of `pcs resource create` on the sandbox cluster of
// `npm start` (three pcs-agents on loopback; goal: median 150 ms or less). Measured three ways: the
// first command (it connects itself and leaves a connection multiplexer behind), later commands
// through the multiplexer, and later commands with PCS_LITE_MUX=off (an SSH handshake each).
// Then high availability: from `pcs resource create` to the resource Started, and from a failed
// monitor (its state file removed; monitor interval 1 s) to the resource started again.
// Options (env): BENCH_LIVE_RUNS (default 15), BENCH_HA_RUNS (default 5).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
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
  await haBench(env, dirname(env.PCS_CONFIG_DIR));
} finally {
  // the sandbox stops its agents; the multiplexers end with their connections
  sandbox.child.kill("SIGINT");
  await new Promise((r) => sandbox.child.once("exit", r));
}

async function until(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The node whose history shows the resource's last operation a successful start (read from the nodes' CIB files). */
function startedOn(root, id) {
  for (const node of ["node1", "node2", "node3"]) {
    const file = join(root, node, "cib.xml");
    if (!existsSync(file)) continue;
    const xml = readFileSync(file, "utf8");
    const op = new RegExp(`<lrm_rsc_op id="${id}_last_0" operation_key="${id}_start_0"[^>]*on_node="(\\w+)"[^>]*rc-code="0" op-status="0"`).exec(xml);
    if (op) return op[1];
  }
  return undefined;
}

async function haBench(env, root) {
  const runs = Number(process.env.BENCH_HA_RUNS ?? 5);
  const toStarted = [];
  const toRecovered = [];
  for (let i = 0; i < runs; i++) {
    const id = `ha${i}`;
    const t0 = Date.now();
    const r = spawnSync(PCS, ["resource", "create", id, "ocf:heartbeat:Dummy", "op", "monitor", "interval=1s"], { env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`pcs resource create ${id}: ${r.stderr}`);
    const node = await until(() => startedOn(root, id), 30000, `${id} started`);
    toStarted.push(Date.now() - t0);
    const state = join(root, node, "run", "resource-agents", `Dummy-${id}.state`);
    await until(() => existsSync(state) && readFileSync(join(root, node, "cib.xml"), "utf8").includes(`${id}_monitor_1000`), 10000, `${id}'s monitor`);
    const t1 = Date.now();
    rmSync(state);
    await until(() => existsSync(state), 30000, `${id} recovered`);
    toRecovered.push(Date.now() - t1);
  }
  console.log(`\nHigh availability on the sandbox (median of ${runs}; Dummy, monitor interval 1 s):`);
  console.log(`  pcs resource create -> Started:             ${median(toStarted)} ms (min ${Math.min(...toStarted)}, max ${Math.max(...toStarted)})`);
  console.log(`  failed monitor (state removed) -> started:   ${median(toRecovered)} ms (min ${Math.min(...toRecovered)}, max ${Math.max(...toRecovered)}; includes up to 1 s until the monitor runs)`);
}
