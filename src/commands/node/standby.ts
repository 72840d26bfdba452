// pcs node standby|unstandby|maintenance|unmaintenance [--all | <node>...] [--wait[=n]]: the standby /
// maintenance node attribute ("on", or removed), set the way pcs's library does; no node means this node.
import { cibNodes, findNode, setNodePair } from "../../cib/node-attributes.js";
import { createElement, type XmlElement } from "../../cib/xml.js";
import { section } from "../../cib/document.js";
import type { CommandContext } from "../../cli/route-types.js";
import { error, fail, ReportedError } from "../../report/index.js";
import { refuseWaitWithFile, waitForIdle, waitSeconds } from "../resource/wait.js";

export type NodeMode = "standby" | "maintenance";

interface KnownNode {
  id: string;
  uname: string;
  type?: string;
}

/** The nodes crm_mon lists: those of the configuration's nodes section. */
const knownNodes = (cib: XmlElement): KnownNode[] =>
  cibNodes(cib)
    .filter((n) => n.attrs.uname)
    .map((n) => ({ id: n.attrs.id ?? n.attrs.uname!, uname: n.attrs.uname!, type: n.attrs.type }));

/** pcs's update_node_instance_attrs: the first instance_attributes of the node, created when needed. */
function setNodeMode(cib: XmlElement, known: KnownNode, mode: NodeMode, on: boolean): void {
  let node = findNode(cib, known.uname);
  if (!node) {
    node = createElement("node", { id: known.id, uname: known.uname, ...(known.type ? { type: known.type } : {}) }, section(cib, "nodes"));
  }
  setNodePair(cib, node, "instance_attributes", `nodes-${node.attrs.id ?? ""}`, mode, on ? "on" : "");
}

export async function nodeModeCommand(ctx: CommandContext, mode: NodeMode, on: boolean): Promise<void> {
  const all = ctx.has("--all");
  if (ctx.args.length && all) fail("GENERIC", { text: "Cannot specify both --all and a list of nodes." });
  refuseWaitWithFile(ctx);
  const seconds = waitSeconds(ctx);
  const env = await ctx.env();
  let targets = ctx.args;
  if (!all && !targets.length) {
    if (env.kind !== "live") fail("GENERIC", { text: "Node(s) must be specified if -f is used" });
    const local = env.localNodeName?.();
    if (!local) fail("GENERIC", { text: "unable to get local node name from pacemaker: this machine is not one of the cluster's nodes" });
    targets = [local!];
  }
  await env.editCib((cib) => {
    const known = knownNodes(cib);
    if (all) targets = known.map((n) => n.uname);
    const missing = targets.filter((t) => !known.some((n) => n.uname === t));
    if (missing.length) throw new ReportedError(missing.map((node) => error("GENERIC", { text: `Node '${node}' does not appear to exist in configuration` })), false);
    for (const target of targets) setNodeMode(cib, known.find((n) => n.uname === target)!, mode, on);
  }, ctx.reports);
  if (seconds !== undefined) await waitForIdle(env, seconds, `the nodes to ${on ? "enter" : "leave"} ${mode}`);
}
