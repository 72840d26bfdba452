// resource relations <id> [--full]: the tree of resources linked to a resource by order constraints
// (plain and set ones) and by wrapping (group/clone/bundle and their inner resources), printed like pcs.
import { findConfigElement } from "../../cib/group.js";
import { isResource, resourceParent } from "../../cib/resources.js";
import { findSection } from "../../cib/document.js";
import { childElements, walk, type XmlElement } from "../../cib/xml.js";
import type { CommandContext } from "../context.js";
import { error, ReportedError } from "../../report/index.js";
import { UsageError } from "./usage-error.js";

type Kind = "primitive" | "group" | "clone" | "bundle" | "inner" | "outer" | "order" | "order set";

interface SetInfo {
  members: string[];
  attrs: Record<string, string>;
}

interface Entity {
  id: string;
  kind: Kind;
  members: string[];
  attrs: Record<string, string>;
  sets?: SetInfo[];
}

const WRAPPERS = new Set(["group", "clone", "master", "bundle"]);
const resourceKind = (e: XmlElement): Kind => (e.name === "master" ? "clone" : (e.name as Kind));

function innerResources(e: XmlElement): XmlElement[] {
  const inner = childElements(e).filter(isResource);
  return e.name === "group" ? inner : inner.slice(0, 1);
}

/** Every resource reachable from `rootId` and every relation among them. */
function fetchRelations(cib: XmlElement, rootId: string): Map<string, Entity> {
  const all = new Map<string, Entity>();
  const constraints = findSection(cib, "constraints");
  const orders = constraints ? childElements(constraints).filter((c) => c.name === "rsc_order") : [];
  const resources = new Map<string, XmlElement>();
  walk(findSection(cib, "resources") ?? cib, (e) => {
    if (isResource(e) && e.attrs.id && !resources.has(e.attrs.id)) resources.set(e.attrs.id, e);
  });
  const queue = [rootId];
  const done = new Set<string>();
  while (queue.length) {
    const id = queue.pop()!;
    if (done.has(id)) continue;
    done.add(id);
    const element = resources.get(id);
    if (!element) continue;
    const relations: Entity[] = [];
    for (const o of orders) {
      const sets = childElements(o).filter((s) => s.name === "resource_set");
      if (!sets.length && (o.attrs.first === id || o.attrs.then === id)) {
        relations.push({ id: o.attrs.id ?? "", kind: "order", members: [o.attrs.first ?? "", o.attrs.then ?? ""], attrs: { ...o.attrs } });
      }
    }
    for (const o of orders) {
      const sets = childElements(o).filter((s) => s.name === "resource_set");
      const infos = sets.map((s) => ({ attrs: { ...s.attrs }, members: childElements(s).filter((r) => r.name === "resource_ref").map((r) => r.attrs.id ?? "") }));
      if (!infos.some((s) => s.members.includes(id))) continue;
      const members = [...new Set(infos.flatMap((s) => s.members))].sort();
      relations.push({ id: o.attrs.id ?? "", kind: "order set", members, attrs: { ...o.attrs }, sets: infos });
    }
    if (WRAPPERS.has(element.name)) {
      relations.push({ id: `inner:${id}`, kind: "inner", members: innerResources(element).map((r) => r.attrs.id ?? ""), attrs: { ...element.attrs } });
    }
    const parent = resourceParent(element);
    if (parent && WRAPPERS.has(parent.name)) {
      relations.push({ id: `outer:${parent.attrs.id}`, kind: "outer", members: [parent.attrs.id ?? ""], attrs: { ...parent.attrs } });
    }
    const relationIds = [...new Map(relations.map((r) => [r.id, r])).keys()];
    all.set(id, { id, kind: resourceKind(element), members: relationIds, attrs: { ...element.attrs } });
    for (const r of relations) {
      all.set(r.id, r);
      queue.push(...r.members);
    }
  }
  return all;
}

interface Node {
  entity: Entity;
  members: Node[];
  leaf: boolean;
  parent?: Node;
}

const opposite = (e: Entity): string => (e.kind === "inner" ? `outer:${e.attrs.id}` : e.kind === "outer" ? `inner:${e.attrs.id}` : "");

function ancestors(node: Node): string[] {
  return node.parent ? [...ancestors(node.parent), node.parent.entity.id] : [];
}

/** Breadth-first: an entity met again is shown as a leaf "displayed elsewhere"; no going back up a branch. */
function buildTree(all: Map<string, Entity>, rootId: string): Node {
  const root: Node = { entity: all.get(rootId)!, members: [], leaf: false };
  const queue = [root];
  const processed = new Set<string>();
  while (queue.length) {
    const node = queue.shift()!;
    if (processed.has(node.entity.id)) {
      node.leaf = true;
      continue;
    }
    processed.add(node.entity.id);
    const above = new Set(ancestors(node));
    for (const memberId of node.entity.members) {
      const entity = all.get(memberId);
      if (!entity) continue;
      if (entity.id === node.entity.id || above.has(entity.id)) continue;
      if (above.has(opposite(entity)) && entity.members.length <= 1) continue;
      const child: Node = { entity, members: [], leaf: false, parent: node };
      node.members.push(child);
    }
    queue.push(...node.members);
  }
  return root;
}

const RELATION_PRIORITY: Partial<Record<Kind, number>> = { inner: 0, outer: 1, order: 2, "order set": 3 };
const isRelation = (e: Entity) => ["inner", "outer", "order", "order set"].includes(e.kind);
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sortedMembers(node: Node): Node[] {
  if (isRelation(node.entity)) return [...node.members].sort((a, b) => compareText(a.entity.id, b.entity.id));
  const key = (n: Node) => `${RELATION_PRIORITY[n.entity.kind] ?? 9}_${n.entity.id}`;
  return [...node.members].sort((a, b) => compareText(key(a), key(b)));
}

const pick = (attrs: Record<string, string>, keys: string[]) =>
  Object.keys(attrs)
    .sort()
    .filter((k) => keys.includes(k))
    .map((k) => `${k}=${attrs[k]}`)
    .join(" ");

function detail(e: Entity): string[] {
  const common = pick(e.attrs, ["symmetrical", "kind", "require-all", "score"]);
  if (e.kind === "order") {
    return [`${e.attrs["first-action"]} ${e.attrs.first} then ${e.attrs["then-action"]} ${e.attrs.then}`, ...(common ? [common] : [])];
  }
  if (e.kind === "order set") {
    const sets = (e.sets ?? []).map((s) => {
      const options = pick(s.attrs, ["sequential", "require-all", "ordering", "action", "role", "kind", "score"]);
      return `   set ${s.members.join(" ")}${options ? ` (${options})` : ""}`;
    });
    return [...(common ? [common] : []), ...sets];
  }
  if (e.kind === "inner" && e.members.length > 1) return [`members: ${e.members.join(" ")}`];
  return [];
}

function title(e: Entity, verbose: boolean): string {
  if (isRelation(e)) {
    const name = { inner: "inner resource(s)", outer: "outer resource", order: "order", "order set": "order set" }[e.kind as string];
    return `${name}${verbose ? ` (${e.attrs.id})` : ""}`;
  }
  let type: string = e.kind;
  if (e.kind === "primitive") type = `${e.attrs.class ? e.attrs.class + ":" : ""}${e.attrs.provider ? e.attrs.provider + ":" : ""}${e.attrs.type}`;
  return `${e.id}${verbose ? ` (resource: ${type})` : ""}`;
}

function treeLines(node: Node, verbose: boolean, prefix = "", indent = ""): string[] {
  const lines = [`${prefix}${title(node.entity, verbose)}${node.leaf ? " [displayed elsewhere]" : ""}`];
  if (node.leaf) return lines;
  const members = sortedMembers(node);
  for (const line of detail(node.entity)) lines.push(`${indent}${members.length ? "|  " : "   "}${line}`);
  members.forEach((m, i) => {
    const last = i === members.length - 1;
    lines.push(...treeLines(m, verbose, `${indent}${last ? "`- " : "|- "}`, `${indent}${last ? "   " : "|  "}`));
  });
  return lines;
}

export async function relationsCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 1) throw new UsageError();
  const [id] = ctx.args;
  const cib = await (await ctx.env()).readCib();
  const element = findConfigElement(cib, id);
  if (!element) throw new ReportedError([error("ID_NOT_FOUND", { id, expectedTypes: ["resource"] })]);
  if (!isResource(element)) {
    throw new ReportedError([error("ID_BELONGS_TO_UNEXPECTED_TYPE", { id, expectedTypes: ["resource"], currentType: element.name })]);
  }
  const tree = buildTree(fetchRelations(cib, id), id);
  ctx.print(treeLines(tree, ctx.has("--full")).join("\n"));
}
