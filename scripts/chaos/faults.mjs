// The faults the harness injects, in the spirit of Pacemaker's CTS. Each one picks its target with
// the run's seeded PRNG and returns what it did; `settle` (when present) runs while the cluster
// recovers (a partition heals after a while).
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hangFlagOf, stateFileOf } from "./ledger-agent.mjs";
import { processState } from "./processes.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SIGTERM_EXIT_MS = 10000;

const upNodes = (w) => w.cluster.nodes.filter((n) => w.cluster.isUp(n));

const killNode = (w, node) => {
  const pid = w.cluster.signal(node, "SIGKILL");
  return { target: node, detail: `pid ${pid}` };
};

export const FAULTS = [
  {
    name: "kill-node",
    needsFencing: false,
    inject: (w) => killNode(w, w.rng.pick(upNodes(w).filter((n) => n !== w.dc()))),
  },
  {
    name: "kill-dc",
    needsFencing: false,
    inject: (w) => killNode(w, w.dc()),
  },
  {
    // the node hangs: only fencing gets the cluster past it (fence_pcslite kills and restarts it)
    name: "hang-node",
    needsFencing: true,
    inject(w) {
      const node = w.rng.pick(upNodes(w));
      const pid = w.cluster.signal(node, "SIGSTOP");
      return { target: node, detail: `pid ${pid} stopped` };
    },
  },
  {
    name: "resource-failure",
    needsFencing: false,
    inject(w) {
      const { rsc, node } = w.rng.pick(w.running());
      const at = Date.now();
      rmSync(stateFileOf(w.cluster.stateDirOf(node), rsc), { force: true });
      return {
        target: `${rsc}@${node}`,
        detail: "state file removed",
        effect: { what: `the cluster to stop the failed ${rsc} on ${node}`, seen: () => w.stoppedSince(rsc, node, at) },
      };
    },
  },
  {
    name: "agent-hang",
    needsFencing: false,
    inject(w) {
      const { rsc, node } = w.rng.pick(w.running());
      const flag = hangFlagOf(w.faultDir, rsc);
      writeFileSync(flag, "");
      // the monitor that hangs takes the flag away; the stop that recovers from its timeout comes after
      let hungAt;
      const seen = () => {
        if (hungAt === undefined && !existsSync(flag)) hungAt = Date.now();
        return hungAt !== undefined && w.stoppedSince(rsc, undefined, hungAt);
      };
      return { target: `${rsc}@${node}`, detail: "next monitor sleeps past its timeout", effect: { what: `the cluster to recover ${rsc} from its hung monitor`, seen } };
    },
  },
  {
    // a minority cut off from the rest, both ways, for 2-6 s; the majority fences it
    name: "partition",
    needsFencing: true,
    inject(w) {
      const nodes = [...w.cluster.nodes];
      const size = w.rng.int(1, Math.floor((nodes.length - 1) / 2));
      const minority = [];
      while (minority.length < size) minority.push(...nodes.splice(w.rng.int(0, nodes.length - 1), 1));
      const holdMs = w.rng.int(2000, 6000);
      blockPeers(w, minority, nodes);
      const before = new Map(minority.map((n) => [n, w.cluster.incarnations.current(n)?.pid]));
      // seen once the majority counts a cut-off node out, or it was fenced
      let noticed = false;
      const seen = () =>
        (noticed ||= minority.some((n) => w.cluster.incarnations.current(n)?.pid !== before.get(n) || w.offlineFor(nodes, n)));
      return {
        target: minority.join("+"),
        detail: `cut off from ${nodes.join("+")} for ${(holdMs / 1000).toFixed(1)} s`,
        effect: { what: `the majority to count ${minority.join(" and ")} out`, seen },
        settle: async () => {
          await sleep(holdMs);
          healPartitions(w);
        },
      };
    },
  },
  {
    // a clean restart of the agent process: SIGTERM, wait for it to end, start it again
    name: "restart-node",
    needsFencing: false,
    async inject(w) {
      const node = w.rng.pick(upNodes(w));
      const pid = w.cluster.signal(node, "SIGTERM");
      const deadline = Date.now() + SIGTERM_EXIT_MS;
      while (pid && processState(pid) !== "dead" && Date.now() < deadline) await sleep(50);
      let detail = `pid ${pid} ended`;
      // sometimes back before the token runs out (the peers may not notice the gap), sometimes after
      const downMs = w.rng.int(0, 3000);
      await sleep(downMs);
      detail += `, down ${(downMs / 1000).toFixed(1)} s`;
      if (pid && processState(pid) !== "dead") {
        w.finding(`${node}'s pcs-agent (pid ${pid}) was still running ${SIGTERM_EXIT_MS / 1000} s after SIGTERM; killed`);
        w.cluster.signal(node, "SIGKILL");
        detail = `pid ${pid} killed after SIGTERM timed out`;
      }
      // the fencer may have restarted it already
      if (!w.cluster.incarnations.current(node)) await w.cluster.restart(node).catch((e) => w.finding(`restarting ${node}: ${e.message}`));
      return { target: node, detail };
    },
  },
];

/** Write each side's blocked-peers file (peer names, one a line) so the two groups stop hearing each other. */
export function blockPeers(w, groupA, groupB) {
  for (const node of groupA) writeFileSync(join(w.cluster.stateDirOf(node), "blocked-peers"), groupB.join("\n") + "\n");
  for (const node of groupB) writeFileSync(join(w.cluster.stateDirOf(node), "blocked-peers"), groupA.join("\n") + "\n");
}

export function healPartitions(w) {
  for (const node of w.cluster.nodes) rmSync(join(w.cluster.stateDirOf(node), "blocked-peers"), { force: true });
}

export function faultsFor({ fencing, only }) {
  const chosen = FAULTS.filter((f) => !only || only.includes(f.name));
  const unknown = (only ?? []).filter((name) => !FAULTS.some((f) => f.name === name));
  if (unknown.length) throw new Error(`unknown fault(s): ${unknown.join(", ")} (known: ${FAULTS.map((f) => f.name).join(", ")})`);
  // asked for by name, a fault runs even without fencing (to see what fencing is for)
  return only ? chosen : chosen.filter((f) => fencing || !f.needsFencing);
}
