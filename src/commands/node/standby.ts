// pcs node standby|unstandby|maintenance|unmaintenance [--all | <node>...] [--wait[=n]]: the standby /
// maintenance node attribute ("on", or removed), set the way pcs's library does; no node means this node.
import { findNode, setNodePair } from "../../cib/node-attributes.js";
import { createElement, type XmlElement } from "../../cib/xml.js";
import { section } from "../../cib/document.js";
import type { CommandContext } from "../context.js";
import { error, fail, ReportedError } from "../../report/index.js";
import { refuseWaitWithFile, waitForIdle, waitSeconds } from "../resource/wait.js";
import { pacemakerNodes, type PacemakerNode } from "./known-nodes.js";

export type NodeMode = "standby" | "maintenance";

/** pcs's update_node_instance_attrs: the first instance_attributes of the node, created when needed. */
function setNodeMode(cib: XmlElement, known: PacemakerNode, mode: NodeMode, on: boolean): void {
  let node = findNode(cib, known.uname);
  if (!node) {
    node = createElement("node", { id: known.id, uname: known.uname, ...(known.remote ? { type: "remote" } : {}) }, section(cib, "nodes"));
  }
  setNodePair(cib, node, "instance_attributes", `nodes-${node.attrs.id ?? ""}`, mode, on ? "on" : "");
}

export async function nodeModeCommand(ctx: CommandContext, mode: NodeMode, on: boolean): Promise<void> {
  const all = ctx.has("--all");
  if (ctx.args.length && all) fail("GENERIC", { text: "Cannot specify both --all and a list of nodes." });
  const env = await ctx.env();
  // pcs has made a missing CIB file before it looks at the nodes and --wait
  if (env.kind !== "live") await env.readCib();
  let targets = ctx.args;
  if (!all && !targets.length && env.kind !== "live") fail("GENERIC", { text: "Node(s) must be specified if -f is used" });
  refuseWaitWithFile(ctx);
  const seconds = waitSeconds(ctx);
  if (!all && !targets.length) {
    const local = env.localNodeName?.();
    if (!local) fail("GENERIC", { text: "unable to get local node name from pacemaker: this machine is not one of the cluster's nodes" });
    targets = [local!];
  }
  await env.editCib((cib) => {
    const known = pacemakerNodes(cib);
    if (all) targets = known.map((n) => n.uname);
    const missing = targets.filter((t) => !known.some((n) => n.uname === t));
    if (missing.length) throw new ReportedError(missing.map((node) => error("GENERIC", { text: `Node '${node}' does not appear to exist in configuration` })), false);
    for (const target of targets) setNodeMode(cib, known.find((n) => n.uname === target)!, mode, on);
  }, ctx.reports);
  if (seconds !== undefined) await waitForIdle(env, seconds, `the nodes to ${on ? "enter" : "leave"} ${mode}`);
}
