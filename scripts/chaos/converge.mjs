// Waiting for the cluster to settle after a fault: every node up and online, one CIB everywhere,
// nothing in flight, every resource active exactly once; then pcs agrees (DC idle, same placement).
// Nodes that stay down (nobody restarted them) are started again from their agent.json.
import { cibVersion, configurationOf, nodeStates, pendingOperations, versionText } from "./cib-read.mjs";
import { processState } from "./processes.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** How long the CIB must stay the same with everything in place before pcs is asked. */
const STABLE_MS = 1500;

/** What keeps the cluster from being settled now (empty when settled), from files and processes only. */
export function unsettled(w) {
  const reasons = [];
  const { cluster } = w;
  for (const node of cluster.nodes) {
    const current = cluster.incarnations.current(node);
    if (!current) reasons.push(`${node}: no pcs-agent running`);
    else if (processState(current.pid) === "stopped") reasons.push(`${node}: pcs-agent ${current.pid} hung (SIGSTOP), not fenced yet`);
  }
  const cibs = cluster.cibs();
  const versions = cibs.map(cibVersion);
  if (versions.some((v) => !v)) reasons.push(`no CIB on ${cluster.nodes.filter((_, i) => !versions[i]).join(", ")}`);
  else if (new Set(versions.map(versionText)).size > 1) reasons.push(`CIB versions differ: ${cluster.nodes.map((n, i) => `${n} ${versionText(versions[i])}`).join(", ")}`);
  if (new Set(cibs.map(configurationOf)).size > 1) reasons.push("configurations differ");
  const states = nodeStates(cibs[0]);
  for (const node of cluster.nodes) {
    const s = states[node];
    if (!s || s.crmd !== "online" || s.in_ccm !== "true" || s.join !== "member") reasons.push(`${node} not online in the CIB (${s ? `crmd=${s.crmd} in_ccm=${s.in_ccm} join=${s.join}` : "no node_state"})`);
  }
  if (!versions[0]?.dc) reasons.push("no DC in the CIB");
  const pending = pendingOperations(cibs[0]);
  if (pending.length) reasons.push(`in flight: ${pending.join(", ")}`);
  const active = w.active();
  for (const rsc of w.resources) {
    const where = active.filter((i) => i.rsc === rsc).map((i) => i.node);
    if (where.length !== 1) reasons.push(`${rsc} active on ${where.length ? where.join(" and ") : "no node"}`);
  }
  return { reasons, key: versions.map(versionText).join(" ") };
}

/** pcs's view once the files say settled: the DC idle, and `pcs status` placing everything where the ledger does. */
export async function pcsDisagrees(w) {
  const { cluster } = w;
  const idle = await cluster.pcs(["resource", "enable", w.resources[0], "--wait=20"], { timeoutMs: 30000 });
  if (idle.code !== 0) return [`pcs resource enable ${w.resources[0]} --wait: ${lastLines(idle)}`];
  const status = await cluster.pcs(["status"], { timeoutMs: 30000 });
  if (status.code !== 0) return [`pcs status failed: ${lastLines(status)}`];
  const reasons = [];
  const online = /Online: \[ ([^\]]*) \]/.exec(status.stdout)?.[1].split(" ") ?? [];
  for (const node of cluster.nodes) if (!online.includes(node)) reasons.push(`pcs status does not list ${node} online`);
  const active = w.active();
  for (const rsc of w.resources) {
    const said = placements(status.stdout, rsc);
    const ledger = active.filter((i) => i.rsc === rsc).map((i) => `Started ${i.node}`);
    if (said.join() !== ledger.join()) reasons.push(`${rsc}: pcs status says "${said.join("; ") || "nothing"}", the ledger "${ledger.join("; ") || "not active"}"`);
  }
  if (w.fenceDevice) {
    const said = placements(status.stdout, w.fenceDevice);
    if (said.length !== 1 || !said[0].startsWith("Started ")) reasons.push(`${w.fenceDevice}: pcs status says "${said.join("; ") || "nothing"}"`);
  }
  return reasons;
}

/** The state words pcs status prints for a resource ("Started node2", "Stopped", "FAILED node1"...). */
export function placements(status, id) {
  return status
    .split("\n")
    .filter((l) => new RegExp(`^\\s+\\* ${id}\\s+\\(`).test(l))
    .map((l) => l.replace(/^.*\):\s+/, "").trim());
}

const lastLines = (r) => (r.stderr || r.stdout).trim().split("\n").slice(-3).join(" / ");

/**
 * Wait until settled (or `deadlineMs` after `since`). A node with no living agent for `restartAfterMs`
 * is started again; `effect` (when given) is what the fault must visibly cause first. Returns { ok, ms (from `since` to settled), reasons (when not ok), restarted }.
 */
export async function converge(w, { since, deadlineMs, restartAfterMs, effect }) {
  const { cluster } = w;
  const restarted = [];
  const downSince = new Map();
  let stable;
  let reasons = [];
  while (Date.now() < since + deadlineMs) {
    for (const node of cluster.nodes) {
      if (cluster.incarnations.current(node)) {
        downSince.delete(node);
        continue;
      }
      if (!downSince.has(node)) downSince.set(node, Date.now());
      if (Date.now() - downSince.get(node) >= restartAfterMs) {
        downSince.delete(node);
        restarted.push(node);
        // the fence agent may start it at the same moment: the loser cannot listen, the winner counts
        await cluster.restart(node).catch(() => undefined);
      }
    }
    const now = unsettled(w);
    if (effect && !effect.seen()) now.reasons.push(`waiting for ${typeof effect.what === "function" ? effect.what() : effect.what}`);
    if (now.reasons.length) {
      reasons = now.reasons;
      stable = undefined;
    } else if (stable?.key !== now.key) {
      stable = { key: now.key, at: Date.now() };
    } else if (Date.now() - stable.at >= STABLE_MS) {
      const disagreement = await pcsDisagrees(w);
      if (!disagreement.length && unsettled(w).key === stable.key) return { ok: true, ms: stable.at - since, restarted };
      reasons = disagreement.length ? disagreement : ["the CIB changed while pcs was asked"];
      stable = undefined;
    }
    await sleep(200);
  }
  return { ok: false, reasons, restarted };
}
