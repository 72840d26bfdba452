// npm run bench (failover part): three pcs-agents on loopback (token 1000 ms) fenced by fence_pcslite,
// one Dummy resource. Each round kills the agent of the node running it (kill -9, then SIGSTOP: a hung
// node) and times until the resource is Started on another node, as read from the survivors' CIB
// files; the victim is fenced (fence_pcslite reboot starts it again) and must be online before the next
// round. A lost node's resources are recovered only once it is fenced, so without fencing this times out.
// Options (env): BENCH_FAILOVER_RUNS (default 10), BENCH_FAILOVER_TIMEOUT (seconds, default 60).
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PCS = join(ROOT, "dist", "pcs.js");
const AGENT = join(ROOT, "dist", "pcs-agent.js");
const FENCE_DIR = join(ROOT, "dist", "fence");
const RUNS = Number(process.env.BENCH_FAILOVER_RUNS ?? 10);
const TIMEOUT_MS = Number(process.env.BENCH_FAILOVER_TIMEOUT ?? 60) * 1000;
const NODES = ["node1", "node2", "node3"];
const RSC = "failover";
const PASSWORD = "failover-bench";

const root = mkdtempSync(join(tmpdir(), "pcs-lite-failover-"));
const env = { ...process.env, PCS_CONFIG_DIR: join(root, "config"), PCS_LITE_FENCE_DIR: [FENCE_DIR, process.env.PCS_LITE_FENCE_DIR].filter(Boolean).join(":") };
const children = [];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3));
  } catch {
    return false;
  }
}

function record(node) {
  try {
    return JSON.parse(readFileSync(join(root, node, "agent.json"), "utf8"));
  } catch {
    return undefined;
  }
}

async function until(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(25);
  }
}

function pcs(args) {
  const r = spawnSync(process.execPath, [PCS, ...args], { env, encoding: "utf8", timeout: 60000 });
  if (r.status !== 0) throw new Error(`pcs ${args.join(" ")}: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

/** Starts a node's agent with its output in <root>/<node>.log (where fence_pcslite appends a restarted one's). */
async function startAgent(node, port = 0) {
  const dir = join(root, node);
  const log = openSync(join(root, `${node}.log`), "a");
  const child = spawn(process.execPath, [AGENT, "--state-dir", dir, "--listen", `127.0.0.1:${port}`], { env, stdio: ["ignore", log, log] });
  closeSync(log);
  children.push(child);
  const listening = await until(() => (record(node)?.pid === child.pid ? record(node) : child.exitCode !== null ? "exited" : undefined), 20000, `${node}'s pcs-agent to listen`);
  if (listening === "exited") throw new Error(`${node}'s pcs-agent exited; see ${join(root, `${node}.log`)}`);
  return Number(listening.listen.split(":").pop());
}

/** Nodes whose history in `file` shows the resource's last operation a successful start. */
function startedIn(file) {
  if (!existsSync(file)) return [];
  const xml = readFileSync(file, "utf8");
  const re = new RegExp(`<lrm_rsc_op id="${RSC}_last_0" operation_key="${RSC}_start_0"[^>]*on_node="(\\w+)"[^>]*rc-code="0" op-status="0"`, "g");
  return [...xml.matchAll(re)].map((m) => m[1]);
}

/** Where the resource runs according to the CIB files of `nodes` (one node all of them agree on). */
function runningOn(nodes = NODES) {
  const seen = nodes.map((n) => startedIn(join(root, n, "cib.xml")));
  const first = seen[0];
  return first.length === 1 && seen.every((s) => s.length === 1 && s[0] === first[0]) ? first[0] : undefined;
}

const onlineNodes = () => {
  const r = spawnSync(process.execPath, [PCS, "status"], { env, encoding: "utf8", timeout: 10000 });
  const m = /Online: \[ ([^\]]*) \]/.exec(r.stdout ?? "");
  return m ? m[1].split(" ") : [];
};

async function setUp() {
  for (const node of NODES) {
    const r = spawnSync(process.execPath, [AGENT, "--state-dir", join(root, node), "passwd"], { input: PASSWORD + "\n" });
    if (r.status !== 0) throw new Error(`cannot set ${node}'s password: ${r.stderr}`);
  }
  const ports = await Promise.all(NODES.map((n) => startAgent(n)));
  pcs(["host", "auth", ...NODES.flatMap((n, i) => [n, `addr=127.0.0.1:${ports[i]}`]), "-u", "hacluster", "-p", PASSWORD]);
  pcs(["cluster", "setup", "bench", ...NODES, "totem", "token=1000", "--start", "--wait=30"]);
  pcs(["stonith", "create", "fence-bench", "fence_pcslite", `state_root=${root}`, `pcmk_host_list=${NODES.join(" ")}`]);
  // stickiness: the resource stays where it went when the fenced node comes back
  pcs(["resource", "create", RSC, "ocf:heartbeat:Dummy", "meta", "resource-stickiness=100"]);
  await until(() => runningOn(), TIMEOUT_MS, `${RSC} to start`);
}

/** One round: the failover time in ms. */
async function round(sig, i) {
  const victim = await until(() => runningOn(), TIMEOUT_MS, `${RSC} to run on one node`);
  const survivors = NODES.filter((n) => n !== victim);
  const pid = record(victim)?.pid;
  if (!pid || !alive(pid)) throw new Error(`${victim} runs ${RSC} but has no live agent in agent.json`);
  const t0 = performance.now();
  process.kill(pid, sig);
  const how = sig === "SIGKILL" ? "kill -9" : "SIGSTOP";
  await until(
    () => {
      const on = runningOn(survivors);
      return on && on !== victim;
    },
    TIMEOUT_MS,
    `${RSC} to start on another node after ${how} of ${victim}'s agent (round ${i + 1}): ` +
      "a lost node's resources are recovered only once it is fenced; is the fencer integrated?",
  );
  const ms = performance.now() - t0;
  // fencing (reboot) starts the victim again; if it stays down, start it ourselves
  const back = () => record(victim)?.pid !== pid && alive(record(victim)?.pid);
  try {
    await until(back, 20000, `${victim} to be started again by fence_pcslite`);
  } catch {
    process.stderr.write(`failover bench: ${victim} was not started again by fencing; starting it\n`);
    if (alive(pid)) process.kill(pid, "SIGKILL");
    await until(() => !alive(pid), 5000, `${victim}'s old agent to end`);
    await startAgent(victim, Number(record(victim)?.listen.split(":").pop() ?? 0));
  }
  await until(() => onlineNodes().length === NODES.length, TIMEOUT_MS, `${victim} to be online again`);
  await until(() => runningOn(), TIMEOUT_MS, `${RSC} to settle`);
  return ms;
}

async function tearDown() {
  const pids = new Set(children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => c.pid));
  for (const node of NODES) if (alive(record(node)?.pid)) pids.add(record(node).pid);
  for (const pid of pids) {
    for (const sig of ["SIGTERM", "SIGCONT"]) {
      try {
        process.kill(pid, sig);
      } catch {
        // gone already
      }
    }
  }
  const deadline = Date.now() + 5000;
  while ([...pids].some(alive) && Date.now() < deadline) await sleep(50);
  for (const pid of [...pids].filter(alive)) process.kill(pid, "SIGKILL");
  rmSync(root, { recursive: true, force: true });
}

try {
  await setUp();
  const results = {};
  for (const sig of ["SIGKILL", "SIGSTOP"]) {
    results[sig] = [];
    for (let i = 0; i < RUNS; i++) results[sig].push(await round(sig, i));
  }
  const line = (label, list) =>
    `  ${label} median ${(median(list) / 1000).toFixed(2)} s (min ${(Math.min(...list) / 1000).toFixed(2)}, max ${(Math.max(...list) / 1000).toFixed(2)})`;
  console.log(`\nFailover on a live cluster (3 pcs-agents on 127.0.0.1, token 1000 ms, fence_pcslite), ${RUNS} rounds each:`);
  console.log(`  from the signal to the resource Started on another node (includes token loss, fencing, start)`);
  console.log(line("failover kill -9:", results.SIGKILL));
  console.log(line("failover SIGSTOP:", results.SIGSTOP));
} catch (e) {
  console.log(`\nFailover on a live cluster: FAILED: ${e.message} (agent logs were in ${root})`);
  process.exitCode = 1;
} finally {
  await tearDown();
}
