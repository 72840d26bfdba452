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

// A graph names few nodes in every other tag: each node's attributes are written once.
const nodeAttrs = new WeakMap<{ uname: string; id: string }, string>();
function nodeText(node: { uname: string; id: string }): string {
  let text = nodeAttrs.get(node);
  if (text === undefined) nodeAttrs.set(node, (text = attr("on_node", node.uname) + attr("on_node_uuid", node.id)));
  return text;
}

/** `<kind id=.. operation=.. operation_key=.. [on_node=.. on_node_uuid=..]`, without the tag's end. */
function tagOf(a: ActionHead): string {
  let text = `<${a.kind} id="${a.id}"${attr("operation", a.task)}${attr("operation_key", a.operationKey)}`;
  if (a.node && (a.kind !== "pseudo_event" || a.task === "stonith")) text += nodeText(a.node);
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

/** What a trigger repeats of its input action. */
export type ActionHead = Pick<GraphAction, "id" | "kind" | "task" | "operationKey" | "node" | "router">;

/** A graph whose actions are made as they are written (synapse i holds action(i)), so that none of
 * them outlives its synapse's text; head(id) is an input's tag for the triggers naming it. */
export interface GraphStream {
  options: Record<string, string>;
  size: number;
  action(i: number): GraphAction;
  head(id: number): ActionHead | undefined;
}

/** The graph's text in pieces of about 64 KiB, in order. */
export function graphXmlChunks(graph: TransitionGraph): Generator<string> {
  // A trigger repeats its input's tag: made again where needed rather than kept for every action
  // (most actions are probes no trigger names, and the kept strings would all survive to the end).
  const byId = new Map<number, GraphAction>();
  for (const a of graph.actions) byId.set(a.id, a);
  return graphStreamChunks({ options: graph.options, size: graph.actions.length, action: (i) => graph.actions[i], head: (id) => byId.get(id) });
}

export function* graphStreamChunks(graph: GraphStream): Generator<string> {
  let head = "<transition_graph";
  for (const k of Object.keys(graph.options)) head += attr(k, graph.options[k]);
  if (!graph.size) {
    yield `${head}/>\n`;
    return;
  }
  const primitives = new Map<GraphResource, string>();
  // Pieces joined once per chunk: a string grown piece by piece is a rope that writing must flatten.
  let parts: string[] = [`${head}>\n`];
  let size = 0;
  for (let i = 0; i < graph.size; i++) {
    const a = graph.action(i);
    let inputs = "";
    for (const id of a.inputs) {
      const input = graph.head(id);
      if (input) inputs += `      <trigger>\n        ${tagOf(input)}/>\n      </trigger>\n`;
    }
    const text =
      `  <synapse id="${i}"${a.priority ? ` priority="${a.priority}"` : ""}>\n    <action_set>\n${actionText(a, tagOf(a), primitives)}    </action_set>\n` +
      (inputs ? `    <inputs>\n${inputs}    </inputs>\n  </synapse>\n` : "    <inputs/>\n  </synapse>\n");
    parts.push(text);
    size += text.length;
    if (size >= CHUNK) {
      yield parts.join("");
      parts = [];
      size = 0;
    }
  }
  parts.push("</transition_graph>\n");
  yield parts.join("");
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
