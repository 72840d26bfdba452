// corosync.conf in pcs's layout: what setup writes, and node add/remove edits.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { addNodeToConf, corosyncFacts, parseCorosyncConf, removeNodesFromConf, renderCorosyncConf, renderSections } from "../../src/transport/corosync-conf";
import { haveTool, tempDir } from "../helpers/cli";

const spec = (nodes: number, extra: Partial<Parameters<typeof renderCorosyncConf>[0]> = {}) =>
  renderCorosyncConf({
    clusterName: "mycl",
    clusterUuid: "0123456789abcdef0123456789abcdef",
    transport: "knet",
    nodes: Array.from({ length: nodes }, (_, i) => ({ name: `node${i + 1}`, nodeid: i + 1, addrs: [`10.0.0.${i + 1}`] })),
    transportOptions: [],
    totemOptions: [["token", "1000"]],
    quorumOptions: [],
    ...extra,
  });

describe("corosync.conf", () => {
  const pcsIt = haveTool("pcs") ? it : it.skip;

  pcsIt("is written as pcs 0.11.5 writes it", () => {
    for (const [nodes, quorum] of [
      [3, []],
      [2, ["quorum", "wait_for_all=0"]],
    ] as const) {
      const { dir, cleanup } = tempDir();
      try {
        const file = join(dir, "corosync.conf");
        const hosts = Array.from({ length: nodes }, (_, i) => [`node${i + 1}`, `addr=10.0.0.${i + 1}`]).flat();
        const r = spawnSync("pcs", ["cluster", "setup", "mycl", ...hosts, "totem", "token=1000", ...quorum, "--corosync_conf", file], { encoding: "utf8" });
        expect(r.status).toBe(0);
        const real = readFileSync(file, "utf8").replace(/cluster_uuid: \w+/, "cluster_uuid: 0123456789abcdef0123456789abcdef");
        const ours = spec(nodes, { quorumOptions: quorum.length ? [["wait_for_all", "0"]] : [] });
        expect(ours).toBe(real);
      } finally {
        cleanup();
      }
    }
  });

  it("round-trips through the parser", () => {
    const text = spec(3);
    expect(renderSections(parseCorosyncConf(text))).toBe(text);
    expect(corosyncFacts(text)).toMatchObject({ clusterName: "mycl", token: 1000, twoNode: false, nodes: [{ name: "node1", nodeid: 1, addrs: ["10.0.0.1"] }, {}, {}] });
  });

  it("adds and removes nodes, keeping two_node right", () => {
    const two = spec(2);
    expect(corosyncFacts(two).twoNode).toBe(true);
    const added = addNodeToConf(two, { name: "node3", addrs: ["10.0.0.3"] });
    expect(added.nodeid).toBe(3);
    expect(added.text).toBe(spec(3));
    expect(removeNodesFromConf(added.text, ["node3"])).toBe(two);
  });
});
