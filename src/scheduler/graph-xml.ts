// Pacemaker's <transition_graph> text for a graph, as `crm_simulate -G` writes it.
import { escapeAttr } from "../cib/xml.js";
import type { GraphAction, TransitionGraph } from "./graph-types.js";

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const attrText = (attrs: Record<string, string>): string =>
  Object.keys(attrs).map((k) => ` ${k}="${escapeAttr(attrs[k])}"`).join("");

const sortedAttrs = (attrs: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.keys(attrs).sort().map((k) => [k, attrs[k]]));

function tagOf(a: GraphAction): string {
  const head: Record<string, string> = { id: String(a.id), operation: a.task, operation_key: a.operationKey };
  if (a.node && a.kind !== "pseudo_event") Object.assign(head, { on_node: a.node.uname, on_node_uuid: a.node.id });
  return `${a.kind}${attrText(head)}`;
}

function actionLines(a: GraphAction, indent: string): string[] {
  const lines = [`${indent}<${tagOf(a)}>`];
  if (a.rsc) {
    const p: Record<string, string> = { id: a.rsc.id };
    if (a.rsc.longId) p["long-id"] = a.rsc.longId;
    p.class = a.rsc.class;
    if (a.rsc.provider) p.provider = a.rsc.provider;
    p.type = a.rsc.type;
    lines.push(`${indent}  <primitive${attrText(p)}/>`);
  }
  // Names that cannot be XML attribute names go into <param> children, as Pacemaker writes them.
  const attrs = sortedAttrs(a.attributes);
  const named = Object.fromEntries(Object.entries(attrs).filter(([k]) => XML_NAME.test(k)));
  const params = Object.keys(attrs).filter((k) => !XML_NAME.test(k));
  if (!params.length) lines.push(`${indent}  <attributes${attrText(named)}/>`);
  else {
    lines.push(`${indent}  <attributes${attrText(named)}>`);
    for (const k of params) lines.push(`${indent}    <param${attrText({ name: k, value: attrs[k] })}/>`);
    lines.push(`${indent}  </attributes>`);
  }
  if (a.downed?.length) lines.push(`${indent}  <downed>`, ...a.downed.map((id) => `${indent}    <node id="${escapeAttr(id)}"/>`), `${indent}  </downed>`);
  lines.push(`${indent}</${a.kind}>`);
  return lines;
}

export function graphXml(graph: TransitionGraph): string {
  const head = `<transition_graph${attrText(graph.options)}`;
  if (!graph.actions.length) return `${head}/>\n`;
  const byId = new Map(graph.actions.map((a) => [a.id, a]));
  const lines = [`${head}>`];
  graph.actions.forEach((a, i) => {
    lines.push(`  <synapse id="${i}"${a.priority ? ` priority="${a.priority}"` : ""}>`, "    <action_set>", ...actionLines(a, "      "), "    </action_set>");
    const inputs = a.inputs.map((id) => byId.get(id)).filter((x): x is GraphAction => !!x);
    if (!inputs.length) lines.push("    <inputs/>");
    else {
      lines.push("    <inputs>");
      for (const input of inputs) lines.push("      <trigger>", `        <${tagOf(input)}/>`, "      </trigger>");
      lines.push("    </inputs>");
    }
    lines.push("  </synapse>");
  });
  lines.push("</transition_graph>");
  return lines.join("\n") + "\n";
}
