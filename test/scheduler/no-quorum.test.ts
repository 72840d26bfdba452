// no-quorum-policy=suicide as Pacemaker's unpack applies it: a partition that had quorum and lost it
// fences its own nodes; a cluster that never had quorum, or one without fencing, only stops.
import { parseXml } from "../../src/cib/xml-parse";
import { transitionGraph } from "../../src/scheduler/graph";
import { formatSummary, schedule } from "../../src/scheduler/index";
import { buildCib, dummy } from "./build-cib";

const FENCE = `<primitive id="fence" class="stonith" type="fence_dummy"/>`;

function cib(options: Record<string, string>, panic: boolean) {
  const xml = buildCib({
    nodes: [{ name: "n1" }, { name: "n2" }, { name: "n3", state: "lost" }],
    options: { "no-quorum-policy": "suicide", ...options },
    resources: FENCE + dummy("d1"),
    ops: [
      { rsc: "fence", node: "n1", op: "start", call: 1 },
      { rsc: "d1", node: "n2", op: "start", call: 2 },
    ],
  }).replace('have-quorum="1"', `have-quorum="0"${panic ? ' no-quorum-panic="1"' : ""}`);
  return parseXml(xml);
}

describe("no-quorum-policy=suicide", () => {
  it("fences every online node of a partition that lost quorum", () => {
    const out = schedule(cib({ "stonith-enabled": "true" }, true), 0);
    expect(out.fencing.map((f) => [f.node, f.reason]).sort()).toEqual([
      ["n1", "cluster does not have quorum"],
      ["n2", "cluster does not have quorum"],
    ]);
    const graph = transitionGraph(cib({ "stonith-enabled": "true" }, true), 0);
    expect(graph.actions.filter((a) => a.task === "stonith").map((a) => a.node?.uname).sort()).toEqual(["n1", "n2"]);
  });

  it("only stops when the cluster never had quorum", () => {
    const out = schedule(cib({ "stonith-enabled": "true" }, false), 0);
    expect(out.fencing).toEqual([]);
    expect(formatSummary(out.summary, out.fencing).join("\n")).toMatch(/Stop\s+d1\s+\(\s*n2\s*\)\s+due to no quorum/);
  });

  it("only stops when fencing is disabled", () => {
    const out = schedule(cib({ "stonith-enabled": "false" }, true), 0);
    expect(out.fencing).toEqual([]);
    expect(formatSummary(out.summary, out.fencing).join("\n")).toMatch(/Stop\s+d1\s+\(\s*n2\s*\)\s+due to no quorum/);
  });
});

// What a partition without quorum may do about nodes it can neither reach nor fence (the DC of a
// minority, or a node back alone): Pacemaker's graph stops only the copies it can reach, starts
// nothing while a copy may still run out there, and monitors nothing that does not run.
describe("unreachable nodes that cannot be fenced", () => {
  function minority() {
    const xml = buildCib({
      nodes: [{ name: "n1", state: "lost" }, { name: "n2" }, { name: "n3", state: "lost" }],
      options: { "stonith-enabled": "true" },
      resources: FENCE + dummy("d1") + dummy("d2"),
      ops: [
        { rsc: "fence", node: "n1", op: "start", call: 1 },
        { rsc: "d1", node: "n1", op: "start", call: 2 },
        { rsc: "d1", node: "n2", op: "start", call: 3 },
        { rsc: "d2", node: "n3", op: "start", call: 4 },
      ],
    }).replace('have-quorum="1"', 'have-quorum="0"');
    // every Dummy monitored every 10 s
    return parseXml(xml.replace(/(<primitive id="(d\d)"[^>]*>)/g, '$1<operations><op id="$2-monitor-interval-10s" name="monitor" interval="10s"/></operations>'));
  }

  it("stops the reachable copy only, and starts nothing", () => {
    const graph = transitionGraph(minority(), 0);
    const executed = graph.actions.filter((a) => a.kind !== "pseudo_event").map((a) => `${a.operationKey}@${a.node?.uname}`);
    expect(executed).toContain("d1_stop_0@n2");
    expect(executed.filter((k) => k.endsWith("@n1") || k.endsWith("@n3"))).toEqual([]);
    expect(executed.filter((k) => /_start_0@/.test(k))).toEqual([]);
    // d2 runs on n3, which cannot be fenced without quorum: no monitor for it on n2, where it does not run
    expect(executed.filter((k) => k.startsWith("d2_") && !k.startsWith("d2_monitor_0@"))).toEqual([]);
  });
});
