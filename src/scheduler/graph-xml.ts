// Pacemaker's <transition_graph> text for a graph, as `crm_simulate -G` writes it. Graphs of large
// clusters run to tens of megabytes, so the text is produced in chunks (graphXmlChunks) that a caller
// can write to a file as they come; graphXml joins them into one string.
import { escapeAttr } from "../cib/xml.js";
import type { GraphAction, GraphResource, TransitionGraph } from "./graph-types.js";

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Flush a chunk once it holds about this many characters. */
const CHUNK = 1 << 16;

// Attribute names repeat across every action: whether each can be an XML name is decided once.
const nameCheck = new Map<string, boolean>();
function isXmlName(name: string): boolean {
  let ok = nameCheck.get(name);
  if (ok === undefined) nameCheck.set(name, (ok = XML_NAME.test(name)));
  return ok;
}

const attr = (name: string, value: string): string => ` ${name}="${escapeAttr(value)}"`;

/** `<kind id=.. operation=.. operation_key=.. [on_node=.. on_node_uuid=..]`, without the tag's end. */
function tagOf(a: GraphAction): string {
  let text = `<${a.kind} id="${a.id}"${attr("operation", a.task)}${attr("operation_key", a.operationKey)}`;
  if (a.node && (a.kind !== "pseudo_event" || a.task === "stonith")) text += attr("on_node", a.node.uname) + attr("on_node_uuid", a.node.id);
  if (a.router) text += attr("router_node", a.router);
  return text;
}

const primitiveText = (r: GraphResource): string =>
  `        <primitive${attr("id", r.id)}${r.longId ? attr("long-id", r.longId) : ""}${attr("class", r.class)}${r.provider ? attr("provider", r.provider) : ""}${attr("type", r.type)}/>\n`;

function actionText(a: GraphAction, tag: string, primitives: Map<GraphResource, string>): string {
  let text = `      ${tag}>\n`;
  if (a.rsc) {
    let line = primitives.get(a.rsc);
    if (line === undefined) primitives.set(a.rsc, (line = primitiveText(a.rsc)));
    text += line;
  }
  // Names that cannot be XML attribute names go into <param> children, as Pacemaker writes them.
  const names = Object.keys(a.attributes).sort();
  let named = "";
  let params = "";
  for (const k of names) {
    if (isXmlName(k)) named += attr(k, a.attributes[k]);
    else params += `          <param${attr("name", k)}${attr("value", a.attributes[k])}/>\n`;
  }
  text += params ? `        <attributes${named}>\n${params}        </attributes>\n` : `        <attributes${named}/>\n`;
  if (a.downed?.length) text += `        <downed>\n${a.downed.map((id) => `          <node${attr("id", id)}/>\n`).join("")}        </downed>\n`;
  return text + `      </${a.kind}>\n`;
}

/** The graph's text in pieces of about 64 KiB, in order. */
export function* graphXmlChunks(graph: TransitionGraph): Generator<string> {
  let head = "<transition_graph";
  for (const k of Object.keys(graph.options)) head += attr(k, graph.options[k]);
  if (!graph.actions.length) {
    yield `${head}/>\n`;
    return;
  }
  const tags: string[] = [];
  for (const a of graph.actions) tags[a.id] = tagOf(a);
  const primitives = new Map<GraphResource, string>();
  let out = `${head}>\n`;
  for (let i = 0; i < graph.actions.length; i++) {
    const a = graph.actions[i];
    out += `  <synapse id="${i}"${a.priority ? ` priority="${a.priority}"` : ""}>\n    <action_set>\n`;
    out += actionText(a, tags[a.id], primitives);
    out += "    </action_set>\n";
    let inputs = "";
    for (const id of a.inputs) {
      const tag = tags[id];
      if (tag) inputs += `      <trigger>\n        ${tag}/>\n      </trigger>\n`;
    }
    out += inputs ? `    <inputs>\n${inputs}    </inputs>\n  </synapse>\n` : "    <inputs/>\n  </synapse>\n";
    if (out.length >= CHUNK) {
      yield out;
      out = "";
    }
  }
  yield out + "</transition_graph>\n";
}

export function graphXml(graph: TransitionGraph): string {
  const parts: string[] = [];
  // A chunk is a rope of small strings until something reads it; flattening it now (a search does)
  // lets those pieces die young, where the joined rope would keep them all alive to the end.
  for (const chunk of graphXmlChunks(graph)) {
    chunk.indexOf("\0");
    parts.push(chunk);
  }
  return parts.join("");
}
