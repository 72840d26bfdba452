// npm run bench (live part): the latency of `pcs resource create` on a live three-node cluster of
// pcs-agents on loopback (goal: median 150 ms or less). Measured three ways: the first command
// (it connects itself and leaves a connection multiplexer behind), later commands through the
// multiplexer, and later commands with PCS_LITE_MUX=off (an SSH handshake each).
// Options (env): BENCH_LIVE_RUNS (default 15).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PCS = join(ROOT, "bin", "pcs");
const AGENT = join(ROOT, "bin", "pcs-agent");
const RUNS = Number(process.env.BENCH_LIVE_RUNS ?? 15);
const PASSWORD = "bench-pw";

function startAgent(dir) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [AGENT, "--state-dir", dir, "--listen", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
    let buffer = "";
    child.stderr.on("data", (d) => {
      buffer += d;
      const m = /"event":"agent.listening"[^\n]*"port":(\d+)/.exec(buffer);
      if (m) {
        buffer = "";
        done({ child, port: Number(m[1]) });
      }
    });
    child.on("exit", (code) => fail(new Error(`pcs-agent exited (${code})`)));
  });
}

const root = mkdtempSync(join(tmpdir(), "pcs-lite-live-bench-"));
const env = { ...process.env, PCS_CONFIG_DIR: join(root, "config") };
const agents = [];
const pcs = (args, extra = {}) => {
  const started = process.hrtime.bigint();
  const r = spawnSync(PCS, args, { env: { ...env, ...extra }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pcs ${args.join(" ")}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

try {
  for (const name of ["node1", "node2", "node3"]) {
    const dir = join(root, name);
    spawnSync(process.execPath, [AGENT, "--state-dir", dir, "passwd"], { input: PASSWORD + "\n" });
    agents.push({ name, ...(await startAgent(dir)) });
  }
  const hosts = agents.flatMap((a) => [a.name, `addr=127.0.0.1:${a.port}`]);
  // setup without multiplexers, so that the first create below really is the first
  pcs(["host", "auth", ...hosts, "-u", "hacluster", "-p", PASSWORD], { PCS_LITE_MUX: "off" });
  pcs(["cluster", "setup", "bench", "node1", "node2", "node3", "totem", "token=1000", "--start"], { PCS_LITE_MUX: "off" });
  for (let i = 0; i < 50 && !spawnSync(PCS, ["status"], { env: { ...env, PCS_LITE_MUX: "off" }, encoding: "utf8" }).stdout.includes("Online: [ node1 node2 node3 ]"); i++) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const create = (id, extra) => pcs(["resource", "create", id, "ocf:heartbeat:Dummy", "--disabled"], extra);
  const first = create("first");
  await new Promise((r) => setTimeout(r, 500)); // the multiplexer connects meanwhile
  const muxed = Array.from({ length: RUNS }, (_, i) => create(`mux${i}`));
  const direct = Array.from({ length: RUNS }, (_, i) => create(`direct${i}`, { PCS_LITE_MUX: "off" }));
  console.log(`\nLive cluster (3 pcs-agents on 127.0.0.1): pcs resource create, median of ${RUNS}`);
  console.log(`  first command (connects itself):      ${first.toFixed(0)} ms`);
  console.log(`  through the connection multiplexer:   ${median(muxed).toFixed(0)} ms (min ${Math.min(...muxed).toFixed(0)})   goal <= 150 ms`);
  console.log(`  PCS_LITE_MUX=off (handshake each):    ${median(direct).toFixed(0)} ms (min ${Math.min(...direct).toFixed(0)})`);
} finally {
  for (const a of agents) a.child.kill("SIGKILL");
  await new Promise((r) => setTimeout(r, 300)); // multiplexers end with their connections
  rmSync(root, { recursive: true, force: true });
}
