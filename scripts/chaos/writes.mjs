// One pcs write per iteration, made while the cluster recovers from the fault: alternately a
// resource parameter (`pcs resource update`, which restarts the resource) and a meta attribute
// (`pcs resource meta`). A write pcs acknowledged (exit 0) must be in every node's CIB afterwards.
import { resourceNvpair } from "./cib-read.mjs";

export function createWriter(cluster, resources) {
  const history = [];

  return {
    history,
    async write(iteration) {
      const rsc = resources[iteration % resources.length];
      const meta = Math.floor(iteration / resources.length) % 2 === 1;
      const attr = meta ? "chaos-seq" : "seq";
      const value = String(iteration);
      const args = meta ? ["resource", "meta", rsc, `${attr}=${value}`] : ["resource", "update", rsc, `${attr}=${value}`];
      const r = await cluster.pcs(args);
      const entry = { iteration, rsc, attr, value, acked: r.code === 0, ms: r.ms, command: `pcs ${args.join(" ")}`, error: r.code === 0 ? "" : (r.stderr || r.stdout).trim().split("\n").slice(-2).join(" / ") };
      history.push(entry);
      return entry;
    },

    /**
     * Acknowledged writes missing from the nodes' CIBs, one line per node: of each attribute written, the
     * last acknowledged value, or a later unacknowledged one, must be there.
     */
    lost(cibs, nodes = cluster.nodes) {
      const missing = new Map();
      const keys = new Set(history.map((h) => `${h.rsc} ${h.attr}`));
      for (const key of keys) {
        const writes = history.filter((h) => `${h.rsc} ${h.attr}` === key);
        const lastAcked = writes.findLastIndex((h) => h.acked);
        if (lastAcked < 0) continue;
        const allowed = writes.slice(lastAcked).map((h) => h.value);
        const [rsc, attr] = key.split(" ");
        cluster.nodes.forEach((node, i) => {
          if (!nodes.includes(node)) return;
          const found = resourceNvpair(cibs[i], rsc, attr);
          if (allowed.includes(found)) return;
          if (!missing.has(node)) missing.set(node, []);
          missing.get(node).push(`"${writes[lastAcked].command}" (iteration ${writes[lastAcked].iteration}; it has ${attr}=${found ?? "(none)"})`);
        });
      }
      return [...missing].map(([node, lost]) => `${lost.length} acknowledged write(s) missing from ${node}'s CIB: ${lost.join(", ")}`);
    },
  };
}
