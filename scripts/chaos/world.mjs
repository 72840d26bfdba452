// What faults and checks share: the cluster, the PRNG, the ledger read against the nodes' lives,
// the faults injected so far; and the invariants checked after every iteration.
import { cibVersion, compareVersions, configurationOf, nodeStates, versionText } from "./cib-read.mjs";
import { activityIntervals, describeInterval, doubleActivity, longestOutage, readLedger, secondsSince } from "./ledger.mjs";

export function createWorld({ cluster, rng, faultDir, ledgerFile, resources, fenceDevice, origin }) {
  const findings = [];
  const intervals = () => {
    cluster.incarnations.poll();
    return activityIntervals(readLedger(ledgerFile), (node, pid) => cluster.incarnations.lifeOf(node, pid));
  };
  const active = () => intervals().filter((i) => i.to === Infinity);
  return {
    cluster,
    rng,
    faultDir,
    ledgerFile,
    resources,
    fenceDevice,
    faults: [],
    origin,
    intervals,
    /** The longest any resource was active nowhere between `from` and `to`: { rsc, ms }. */
    worstOutage(from, to) {
      const all = intervals();
      return resources.map((rsc) => ({ rsc, ms: longestOutage(all, rsc, from, to) })).reduce((a, b) => (b.ms > a.ms ? b : a));
    },
    active,
    running: () => active().map((i) => ({ rsc: i.rsc, node: i.node })),
    /** Some node of `observers` (that is up) shows `node` as not a member in its CIB. */
    offlineFor(observers, node) {
      return observers.some((o) => {
        if (!cluster.isUp(o)) return false;
        const cib = cluster.cibs()[cluster.nodes.indexOf(o)];
        const s = nodeStates(cib)[node];
        return !!s && (s.in_ccm !== "true" || s.crmd !== "online");
      });
    },
    /** The ledger has a stop of `rsc` (on `node`, if given) at or after `since`. */
    stoppedSince: (rsc, node, since) => readLedger(ledgerFile).some((e) => e.op === "stop" && e.rsc === rsc && (!node || e.node === node) && e.t >= since),
    /** The DC named by the CIB of a node that is up (dc-uuid is its node id). */
    dc() {
      const cibs = cluster.cibs();
      const i = cluster.nodes.findIndex((n, k) => cluster.isUp(n) && cibVersion(cibs[k])?.dc);
      if (i < 0) return undefined;
      const id = cibVersion(cibs[i]).dc;
      return new RegExp(`<node\\b[^>]*\\bid="${id}"[^>]*\\buname="([^"]+)"`).exec(cibs[i])?.[1] ?? cluster.nodes[Number(id) - 1];
    },
    reportedOverlaps: new Set(),
    lastVersion: undefined,
    finding: (text) => findings.push(text),
    takeFindings: () => findings.splice(0),
  };
}

/**
 * The invariants, after an iteration's convergence (or its deadline):
 * (a) no resource active on two nodes at once (the ledger, each instance ending at its stop or its node's death);
 * (b) every resource active exactly once, and pcs status saying so (checked while converging: not settled is a violation);
 * (c) every acknowledged write in every node's CIB;
 * (d) one configuration on every node, and the CIB version never going back.
 */
export function checkInvariants(w, writer, settled, deadlineSeconds) {
  const violations = [];
  if (!settled.ok) violations.push(`(b) the cluster did not settle within ${deadlineSeconds} s: ${settled.reasons.join("; ")}`);
  const intervals = w.intervals();
  // a start by an agent process the watcher never saw would count as active for ever: say so
  for (const i of intervals.filter((x) => x.unknownPid && !w.reportedOverlaps.has(`pid ${x.pid}`))) {
    w.reportedOverlaps.add(`pid ${i.pid}`);
    w.finding(`the ledger names agent pid ${i.pid} on ${i.node}, which the harness never saw run (taken as alive)`);
  }
  for (const d of doubleActivity(intervals)) {
    const key = `${d.rsc} ${d.a.node} ${d.a.from} ${d.b.node} ${d.b.from}`;
    if (w.reportedOverlaps.has(key)) continue;
    w.reportedOverlaps.add(key);
    const faults = w.faults.filter((f) => f.at <= Math.min(d.a.to, d.b.to) && f.at >= Math.max(d.a.from, d.b.from) - 60000);
    violations.push(
      `(a) ${d.rsc} active on two nodes at once ${d.overlapMs === Infinity ? "(still)" : `for ${d.overlapMs} ms`}: ${describeInterval(d.a, w.origin)}; ${describeInterval(d.b, w.origin)}` +
        (faults.length ? ` (faults around then: ${faults.map((f) => `${f.name} ${f.target} at t+${secondsSince(f.at, w.origin)}`).join(", ")})` : ""),
    );
  }
  const cibs = w.cluster.cibs();
  // a node that is down or hung cannot have the latest CIB (not settling is the violation then)
  const up = w.cluster.nodes.filter((n) => w.cluster.isUp(n));
  violations.push(...writer.lost(cibs, up).map((v) => `(c) ${v}`));
  if (settled.ok) {
    const configs = new Set(cibs.map(configurationOf));
    if (configs.size > 1) violations.push(`(d) the nodes' configurations differ after settling`);
    const version = cibVersion(cibs[0]);
    if (w.lastVersion && version && compareVersions(version, w.lastVersion) < 0) {
      violations.push(`(d) the CIB version went back from ${versionText(w.lastVersion)} to ${versionText(version)}`);
    }
    if (version) w.lastVersion = version;
  }
  return violations;
}
