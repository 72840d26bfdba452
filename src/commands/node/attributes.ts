// pcs node attribute / node utilization: show or set a node's attributes and utilization.
import { cibNodes, findNode, firstSetValues, hasNodeAttribute, setNodePair } from "../../cib/node-attributes.js";
import { isInteger } from "../../cib/properties.js";
import type { CommandContext } from "../context.js";
import { error, fail, ReportedError } from "../../report/index.js";
import { prepareOptions, usageError } from "../defaults/args.js";
import { createElement } from "../../cib/xml.js";
import { section } from "../../cib/document.js";
import { findPacemakerNode } from "./known-nodes.js";

function nodeLines(ctx: CommandContext, title: string, rows: Map<string, Map<string, string>>, joiner: string): void {
  const lines = [title];
  for (const node of [...rows.keys()].sort()) {
    const values = rows.get(node)!;
    if (!values.size) continue;
    const pairs = [...values.keys()].sort().map((k) => `${k}=${values.get(k)}`);
    lines.push(` ${node}:${joiner}${pairs.join(" ")}`);
  }
  ctx.print(lines.join("\n"));
}

export async function nodeAttributeCommand(ctx: CommandContext): Promise<void> {
  const filterName = ctx.value("--name");
  if (filterName !== undefined && ctx.args.length > 1) usageError();
  const env = await ctx.env();
  if (ctx.args.length <= 1) {
    const cib = await env.readCib();
    const rows = new Map<string, Map<string, string>>();
    for (const node of cibNodes(cib)) {
      const uname = node.attrs.uname ?? "";
      if (ctx.args.length && uname !== ctx.args[0]) continue;
      const values = firstSetValues(node, "instance_attributes", filterName);
      if (values.size) rows.set(uname, new Map([...(rows.get(uname) ?? []), ...values]));
    }
    nodeLines(ctx, "Node Attributes:", rows, " ");
    return;
  }
  const [nodeName, ...rest] = ctx.args;
  // like pcs, one crm_attribute call (one CIB write) per attribute
  for (const [name, value] of prepareOptions(rest)) {
    await env.editCib((cib) => {
      let node = findNode(cib, nodeName);
      if (value === "" && !ctx.force && (!node || !hasNodeAttribute(node, name))) {
        // pcs's own exit code for this case (pcsd relies on it)
        throw new ReportedError([error("NODE_ATTRIBUTE_MISSING", { name, node: nodeName })], false, 2);
      }
      if (!node) {
        // crm_attribute maps a remote or guest node's name to itself and makes its <node> when setting
        const remote = findPacemakerNode(cib, nodeName);
        if (!remote?.remote) fail("NODE_ATTRIBUTE_CANNOT_SET", { name, node: nodeName });
        if (value === "") return;
        node = createElement("node", { type: "remote", id: remote!.id, uname: remote!.uname }, section(cib, "nodes"));
      }
      setNodePair(cib, node, "instance_attributes", `nodes-${node.attrs.id ?? ""}`, name, value);
    }, ctx.reports);
  }
}

export async function nodeUtilizationCommand(ctx: CommandContext): Promise<void> {
  const filterName = ctx.value("--name");
  if (filterName !== undefined && ctx.args.length > 1) usageError();
  const env = await ctx.env();
  if (ctx.args.length <= 1) {
    const cib = await env.readCib();
    const nodes = cibNodes(cib);
    if (ctx.args.length && !nodes.some((n) => n.attrs.uname === ctx.args[0])) fail("NODE_NOT_IN_CIB", { node: ctx.args[0] });
    const rows = new Map<string, Map<string, string>>();
    for (const node of nodes) {
      const uname = node.attrs.uname ?? "";
      if (ctx.args.length && uname !== ctx.args[0]) continue;
      const values = firstSetValues(node, "utilization", filterName);
      if (values.size) rows.set(uname, values);
    }
    nodeLines(ctx, "Node Utilization:", rows, " ");
    return;
  }
  const [nodeName, ...rest] = ctx.args;
  const pairs = prepareOptions(rest);
  await env.editCib((cib) => {
    const node = findNode(cib, nodeName);
    if (!node) fail("NODE_NOT_IN_CIB", { node: nodeName });
    const sorted = [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, value] of sorted) {
      if (value !== "" && !isInteger(value)) fail("NODE_UTILIZATION_NOT_INTEGER", { name, value });
    }
    for (const [name, value] of sorted) setNodePair(cib, node, "utilization", `nodes-${node.attrs.id ?? ""}-utilization`, name, value);
  }, ctx.reports);
}
