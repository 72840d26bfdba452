// The fault harness (in the spirit of Pacemaker's CTS): start a cluster of pcs-agents on 127.0.0.1,
// inject random faults with a seeded PRNG, wait for the cluster to settle after each, and check the
// invariants. See docs/chaos.md.
//   node scripts/chaos/run.mjs --iterations N [--nodes 3|5] [--seed S] [--faults a,b] [--deadline SEC] [--keep]
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createCluster } from "./cluster.mjs";
import { converge } from "./converge.mjs";
import { iterationLines, runIteration, seconds, slowRecovery, SLOW_MS } from "./iteration.mjs";
import { faultsFor, healPartitions } from "./faults.mjs";
import { makeFenceDir } from "./fence-log.mjs";
import { createWorld } from "./world.mjs";
import { makeOcfRoot } from "./ledger-agent.mjs";
import { randomSeed, seededRandom } from "./prng.mjs";
import { createWriter } from "./writes.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const USAGE =
  "usage: node scripts/chaos/run.mjs --iterations N [--nodes 3|5] [--seed S] [--faults a,b,...] [--deadline SEC] [--time-limit SEC]\n" +
  "                                  [--resources N] [--dist DIR] [--no-fencing] [--keep] [--keep-going]\n";

function parseArgs(argv) {
  const o = { iterations: 10, nodes: 3, seed: randomSeed(), deadline: 60, dist: join(REPO, "dist"), keep: false, keepGoing: false, fencing: true };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes("=") ? [argv[i].slice(0, argv[i].indexOf("=")), argv[i].slice(argv[i].indexOf("=") + 1)] : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--iterations") o.iterations = Number(value());
    else if (flag === "--nodes") o.nodes = Number(value());
    else if (flag === "--seed") o.seed = Number(value());
    else if (flag === "--deadline") o.deadline = Number(value());
    else if (flag === "--time-limit") o.timeLimit = Number(value());
    else if (flag === "--resources") o.resources = Number(value());
    else if (flag === "--faults") o.faults = value().split(",").filter(Boolean);
    else if (flag === "--dist") o.dist = resolve(value());
    else if (flag === "--keep") o.keep = true;
    else if (flag === "--keep-going") o.keepGoing = true;
    else if (flag === "--no-fencing") o.fencing = false;
    else if (flag === "-h" || flag === "--help") {
      process.stdout.write(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument '${argv[i]}'\n${USAGE}`);
  }
  for (const key of ["iterations", "nodes", "seed", "deadline"]) if (!Number.isInteger(o[key]) || o[key] < 0) throw new Error(`--${key} needs a whole number\n${USAGE}`);
  if (o.nodes < 3) throw new Error("--nodes must be 3 or more (a partition needs a majority)");
  o.resources ??= o.nodes + 1;
  return o;
}

const out = (line) => process.stdout.write(line + "\n");
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : 0;
};

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(join(o.dist, "pcs-agent.js"))) throw new Error(`no built pcs-agent in ${o.dist}: run node scripts/build.mjs`);
  const fenceDir = join(o.dist, "fence");
  const fencing = o.fencing && existsSync(join(fenceDir, "fence_pcslite"));
  const faults = faultsFor({ fencing, only: o.faults });
  if (!faults.length) throw new Error("no fault to inject (the ones given need fencing, and fence_pcslite is not built?)");

  const root = mkdtempSync(join(tmpdir(), "pcs-lite-chaos-"));
  const nodes = Array.from({ length: o.nodes }, (_, i) => `node${i + 1}`);
  const faultDir = join(root, "faults");
  mkdirSync(faultDir);
  const ledgerFile = join(root, "ledger");
  const env = { OCF_ROOT: makeOcfRoot(root), ...(fencing ? { PCS_LITE_FENCE_DIR: makeFenceDir(root, fenceDir) } : {}) };
  const cluster = createCluster({ root, dist: o.dist, nodes, env });
  const rng = seededRandom(o.seed);
  const resources = Array.from({ length: o.resources }, (_, i) => `rsc${i + 1}`);
  const started = Date.now();
  const w = createWorld({ cluster, rng, faultDir, ledgerFile, resources, fenceDevice: fencing ? "fence-chaos" : undefined, origin: started });

  let interrupted = false;
  const onSignal = async () => {
    if (interrupted) return;
    interrupted = true;
    out(`\ninterrupted: stopping every process of the run`);
    await cluster.shutdown();
    if (!o.keep) rmSync(root, { recursive: true, force: true });
    process.exit(130);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);

  out(`chaos: seed ${o.seed}, ${o.nodes} nodes, ${o.iterations} iterations, fencing ${fencing ? "on (fence_pcslite)" : "off"}, faults: ${faults.map((f) => f.name).join(" ")}`);
  out(`chaos: run directory ${root}`);
  const violations = [];
  let harnessError;
  const timings = [];
  const slow = [];
  const counts = {};
  try {
    await cluster.create();
    if (fencing) await cluster.mustPcs(["stonith", "create", "fence-chaos", "fence_pcslite", `state_root=${root}`, `pcmk_host_list=${nodes.join(" ")}`]);
    else await cluster.mustPcs(["property", "set", "stonith-enabled=false"]);
    for (const rsc of resources) {
      await cluster.mustPcs(["resource", "create", rsc, "ocf:chaos:Ledger", `ledger=${ledgerFile}`, `faultdir=${faultDir}`, "op", "monitor", "interval=2s", "timeout=4s"]);
    }
    const first = await converge(w, { since: started, deadlineMs: o.deadline * 1000, restartAfterMs: Infinity });
    if (!first.ok) throw new Error(`the new cluster did not settle within ${o.deadline} s: ${first.reasons.join("; ")}`);
    out(`chaos: cluster up and settled in ${seconds(Date.now() - started)}`);

    const writer = createWriter(cluster, resources);
    for (let i = 1; i <= o.iterations && !interrupted; i++) {
      if (o.timeLimit && Date.now() - started > o.timeLimit * 1000) {
        out(`chaos: time limit of ${o.timeLimit} s reached after ${i - 1} iterations`);
        break;
      }
      const fault = rng.pick(faults);
      counts[fault.name] = (counts[fault.name] ?? 0) + 1;
      const r = await runIteration(w, writer, { i, fault, deadlineMs: o.deadline * 1000, restartAfterMs: fencing ? 8000 : 3000 });
      for (const line of iterationLines(r, { iterations: o.iterations, origin: started })) out(line);
      if (r.settled.ok) timings.push(r.settled.ms);
      const slowOne = slowRecovery(r);
      if (slowOne) slow.push(slowOne);
      if (r.violations.length) {
        violations.push(...r.violations.map((v) => `iteration ${i} (${fault.name} ${r.done.target}): ${v}`));
        if (!o.keepGoing) break;
      }
    }
  } catch (e) {
    harnessError = e;
  } finally {
    healPartitions(w);
  }
  const ran = w.faults.length;
  out(
    `\n${ran} iterations, ${violations.length} invariant violations, median convergence ${seconds(median(timings))} (max ${seconds(Math.max(0, ...timings))}), ` +
      `total ${seconds(Date.now() - started)}; seed ${o.seed}; faults: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}`,
  );
  if (slow.length) out(`slow recoveries (over ${seconds(SLOW_MS)}): iterations ${slow.join("; ")}`);
  await cluster.shutdown();
  if (violations.length) {
    out("\nVIOLATIONS:");
    for (const v of violations) out(`  - ${v}`);
  }
  if (harnessError) out(`\nthe harness could not go on: ${harnessError.message}`);
  if (violations.length || harnessError) {
    out(`\nrun directory kept for inspection: ${root} (nodeN.log: agent logs, nodeN/cib.xml, ledger, fence.log); replay with --seed ${o.seed}`);
    process.exit(violations.length ? 1 : 2);
  }
  if (o.keep) out(`run directory kept: ${root}`);
  else rmSync(root, { recursive: true, force: true });
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`chaos: ${e.message}\n`);
  process.exit(2);
});
