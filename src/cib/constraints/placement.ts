// The location constraints `resource ban`, `move-with-constraint` and `clear` manage
// (cli-ban-<rsc>-on-<node>, cli-prefer-<rsc>), made as Pacemaker's crm_resource makes them.
import { error, info, warning, type ReportItem, type Reports } from "../../report/index.js";
import { findSection } from "../document.js";
import { findResource, isPromotable, isStonith, BUNDLE, CLONE, MASTER, isClone } from "../resources.js";
import { createElement, detach, walk, type XmlElement } from "../xml.js";
import { constraintsOf, constraintsSection, schemaAtLeast } from "./common.js";
import { raise } from "./sets.js";

/** Node names Pacemaker knows from the CIB: cluster nodes, remote and guest nodes. */
export function pacemakerNodeNames(cib: XmlElement): Set<string> {
  const names = new Set<string>();
  const nodes = findSection(cib, "nodes");
  for (const n of nodes?.children ?? []) if (n.name === "node" && n.attrs.uname) names.add(n.attrs.uname);
  const resources = findSection(cib, "resources");
  if (resources) {
    walk(resources, (e) => {
      if (e.name === "primitive" && e.attrs.class === "ocf" && e.attrs.provider === "pacemaker" && e.attrs.type === "remote") names.add(e.attrs.id);
      if (e.name === "nvpair" && e.attrs.name === "remote-node" && e.parent?.name === "meta_attributes") names.add(e.attrs.value);
    });
  }
  return names;
}

interface Analysis {
  bundle: boolean;
  clone: boolean;
  inClone: boolean;
  promotable: boolean;
  inPromotable: boolean;
  promotableId?: string;
}

function analyze(e: XmlElement): Analysis {
  const a: Analysis = { bundle: false, clone: false, inClone: false, promotable: false, inPromotable: false };
  if (e.name === BUNDLE) a.bundle = true;
  else if (isClone(e)) {
    a.clone = true;
    if (isPromotable(e)) {
      a.promotable = true;
      a.promotableId = e.attrs.id;
    }
  } else {
    let p = e.parent;
    while (p && p.name !== CLONE && p.name !== MASTER) p = p.parent;
    if (p) {
      a.inClone = true;
      if (isPromotable(p)) {
        a.inPromotable = true;
        a.promotableId = p.attrs.id;
      }
    }
  }
  return a;
}

const notPromotable = (a: Analysis): string =>
  `when specifying --promoted you must use the promotable clone id${a.promotableId ? ` (${a.promotableId})` : ""}`;

export type PlacementAction = "move" | "ban" | "clear";

function findOne(cib: XmlElement, id: string): XmlElement | undefined {
  return findResource(cib, id);
}

function validate(cib: XmlElement, action: PlacementAction, resource: XmlElement, promoted: boolean): ReportItem[] {
  const items: ReportItem[] = [];
  if (isStonith(resource)) {
    items.push(info("PLACEMENT_TEXT", { text: "Deprecation Warning: Ability of this command to accept stonith device is deprecated and will be removed in a future release." }));
  }
  const a = analyze(resource);
  if (action === "move") {
    if (a.bundle) return [...items, error("PLACEMENT_TEXT", { text: "cannot move bundle resources" })];
    if ((a.clone || a.inClone) && !(a.promotable || a.inPromotable)) return [...items, error("PLACEMENT_TEXT", { text: "cannot move cloned resources" })];
    if (!promoted && a.inPromotable) {
      items.push(error("PLACEMENT_TEXT", { text: `to move promotable clone resources you must use the promotable clone id (${a.promotableId})` }));
    } else if (promoted && !a.promotable) items.push(error("PLACEMENT_TEXT", { text: notPromotable(a) }));
    return items;
  }
  if (promoted && !a.promotable) items.push(error("PLACEMENT_TEXT", { text: notPromotable(a) }));
  return items;
}

function resourceReports(cib: XmlElement, id: string, action: PlacementAction, promoted: boolean): ReportItem[] {
  const resource = findOne(cib, id);
  if (!resource) return [error("ID_NOT_FOUND_TYPED", { id, types: "bundle/clone/group/resource" })];
  return validate(cib, action, resource, promoted);
}

/** ISO 8601 duration (PnYnMnDTnHnMnS / PnW) added to `now`; undefined when invalid. */
export function addIsoDuration(now: Date, text: string): Date | undefined {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + n(1), d.getUTCMonth() + n(2), d.getUTCDate() + 7 * n(3) + n(4));
  d.setUTCHours(d.getUTCHours() + n(5), d.getUTCMinutes() + n(6), d.getUTCSeconds() + n(7));
  return d;
}

const pad = (v: number) => String(v).padStart(2, "0");
const cibDate = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;

export interface MoveBanArgs {
  action: "move" | "ban";
  resource: string;
  node?: string;
  promoted: boolean;
  lifetime?: string;
  reports: Reports;
  now?: Date;
  /** the command, for messages, when it differs from what is done (a move without a node bans) */
  verb?: "move" | "ban";
}

/** pcs's checks before it runs crm_resource: the resource, its kind and role, the node. */
export function validateMoveBan(cib: XmlElement, args: MoveBanArgs): void {
  const { reports } = args;
  reports.add(...resourceReports(cib, args.resource, args.action, args.promoted));
  if (args.node && !pacemakerNodeNames(cib).has(args.node)) reports.add(error("NODE_NOT_IN_CONFIGURATION", { node: args.node }));
  reports.throwIfErrors();
}

const locationsWithId = (cib: XmlElement, id: string): XmlElement[] => constraintsOf(cib, "rsc_location").filter((c) => c.attrs.id === id);

/** crm_resource's removal of a cli-prefer constraint in the rule form (with a lifetime) naming the node. */
function removePreferRuleOn(cib: XmlElement, rsc: string, node: string): boolean {
  const matches = locationsWithId(cib, `cli-prefer-${rsc}`).filter((c) =>
    c.children.some(
      (r) => r.name === "rule" && r.attrs.id === `cli-prefer-rule-${rsc}` && r.children.some((e) => e.name === "expression" && e.attrs.attribute === "#uname" && e.attrs.value === node),
    ),
  );
  matches.forEach(detach);
  return matches.length > 0;
}

/** crm_resource's removal of cli-ban-<rsc>-on-<node> (when asked) and of a cli-prefer with node=<node>, one CIB update. */
function removeOnNode(cib: XmlElement, rsc: string, node: string, bans: boolean): boolean {
  const matches = [
    ...(bans ? locationsWithId(cib, `cli-ban-${rsc}-on-${node}`) : []),
    ...locationsWithId(cib, `cli-prefer-${rsc}`).filter((c) => c.attrs.node === node),
  ];
  matches.forEach(detach);
  return matches.length > 0;
}

/** crm_resource's cli_resource_clear on each node: the number of CIB updates it made. */
function clearOnNodes(cib: XmlElement, rsc: string, nodes: string[], bans: boolean): number {
  let updates = 0;
  for (const node of nodes) {
    if (removePreferRuleOn(cib, rsc, node)) updates++;
    if (removeOnNode(cib, rsc, node, bans)) updates++;
  }
  return updates;
}

/** The nodes crm_resource walks (their order does not change what it removes). */
const sortedNodeNames = (cib: XmlElement): string[] => [...pacemakerNodeNames(cib)].sort();

/**
 * The constraint crm_resource --ban / --move (with a node) makes, after validateMoveBan and the
 * status checks; the number of CIB updates it takes (a move first clears the resource's old move
 * constraints, each removal being an update of its own).
 */
export function placeMoveBan(cib: XmlElement, args: MoveBanArgs & { node: string }): number {
  const { reports, node } = args;
  const verb = args.verb ?? args.action;
  const rsc = args.resource;
  const ban = args.action === "ban";
  let updates = 0;
  if (!ban) {
    updates += clearOnNodes(cib, rsc, sortedNodeNames(cib), false);
    updates += clearOnNodes(cib, rsc, [node], true);
  }
  let until: Date | undefined;
  if (args.lifetime !== undefined) {
    until = addIsoDuration(args.now ?? new Date(), args.lifetime);
    if (!until) {
      raise(
        error("PLACEMENT_TEXT", {
          text: `cannot ${verb} resource '${args.resource}'\nInvalid duration specified: ${args.lifetime}\nPlease refer to https://en.wikipedia.org/wiki/ISO_8601#Durations for examples of valid durations`,
        }),
      );
    }
  }
  if (args.promoted && !schemaAtLeast(cib, 3, 7)) {
    raise(error("PLACEMENT_TEXT", { text: `cannot ${verb} resource '${args.resource}'\ncrm_resource: Error performing operation: Invalid configuration` }));
  }
  const role = args.promoted ? "Promoted" : "Started";
  const id = ban ? `cli-ban-${rsc}-on-${node}` : `cli-prefer-${rsc}`;
  for (const old of locationsWithId(cib, id)) detach(old);
  const score = ban ? "-INFINITY" : "INFINITY";
  const element = createElement("rsc_location", { id, rsc, role }, constraintsSection(cib));
  if (!until) {
    element.attrs.node = node;
    element.attrs.score = score;
  } else {
    const rule = createElement("rule", { id: ban ? `${id}-rule` : `cli-prefer-rule-${rsc}`, score, "boolean-op": "and" }, element);
    createElement("expression", { id: ban ? `${id}-expr` : `cli-prefer-expr-${rsc}`, attribute: "#uname", operation: "eq", value: node, type: "string" }, rule);
    createElement("date_expression", { id: ban ? `${id}-lifetime` : `cli-prefer-lifetime-end-${rsc}`, operation: "lt", end: cibDate(until) }, rule);
  }
  updates++;
  // crm_resource's own output, as pcs passes it on: its stdout, then its stderr
  if (until) reports.add(info("PLACEMENT_TEXT", { text: `Migration will take effect until: ${cibDate(until)}` }));
  if (ban) {
    reports.add(
      warning("PLACEMENT_TEXT", {
        text: `Creating location constraint '${id}' with a score of -INFINITY for resource ${rsc} on ${node}.\n\tThis will prevent ${rsc} from ${args.promoted ? "being promoted" : "running"} on ${node} until the constraint is removed\n\tThis will be the case even if ${node} is the last node in the cluster`,
      }),
    );
  } else if (!until) {
    reports.add(warning("PLACEMENT_TEXT", { text: `A move constraint has been created and the resource '${rsc}' may or may not move depending on other configuration` }));
  }
  return updates;
}

/** `resource ban` / `resource move-with-constraint` with a node; the number of CIB updates. */
export function moveOrBan(cib: XmlElement, args: MoveBanArgs): number {
  validateMoveBan(cib, args);
  if (!args.node) raise(error("PLACEMENT_TEXT", { text: "You must specify a node when moving/banning a stopped resource" }));
  return placeMoveBan(cib, { ...args, node: args.node! });
}

/** A date_expression end as crm_time reads it; undefined when it cannot be read. */
function parseEnd(text: string | undefined): number | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?\s*(Z|[+-]\d\d(?::?\d\d)?)?$/.exec((text ?? "").trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", sec = "0", zone] = m;
  let offset = 0;
  if (zone && zone !== "Z") {
    const z = /^([+-])(\d\d):?(\d\d)?$/.exec(zone)!;
    offset = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0));
  }
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec)) - offset * 60_000;
}

/** crm_resource --clear --expired: cli-* constraints of the resource whose lifetime has ended. */
function clearExpired(cib: XmlElement, args: { resource: string; node?: string; promoted: boolean; now: Date }): string[] {
  const removed: string[] = [];
  for (const c of constraintsOf(cib, "rsc_location")) {
    const id = c.attrs.id ?? "";
    if (!id.startsWith("cli-ban-") && !id.startsWith("cli-prefer-")) continue;
    if (c.attrs.rsc !== args.resource) continue;
    if (args.promoted && c.attrs.role !== "Promoted") continue;
    const rule = c.children.find(
      (r) => r.name === "rule" && (args.node === undefined || r.children.some((e) => e.name === "expression" && e.attrs.attribute === "#uname" && e.attrs.value === args.node)),
    );
    const dateId = id.startsWith("cli-ban-") ? `${id}-lifetime` : `cli-prefer-lifetime-end-${c.attrs.rsc}`;
    const date = rule?.children.find((e) => e.name === "date_expression" && e.attrs.id === dateId);
    if (!date) continue;
    const end = parseEnd(date.attrs.end);
    if (end !== undefined && !(args.now.getTime() > end)) continue;
    detach(c);
    removed.push(id);
  }
  return removed;
}

/** `resource clear <rsc> [node] [--promoted] [--expired]`; the number of CIB updates. */
export function clearPlacement(cib: XmlElement, args: { resource: string; node?: string; promoted: boolean; expired?: boolean; reports: Reports; now?: Date }): number {
  const { reports } = args;
  reports.add(...resourceReports(cib, args.resource, "clear", args.promoted));
  reports.throwIfErrors();
  const nodes = sortedNodeNames(cib);
  const before = new Set(constraintsOf(cib, "rsc_location").map((c) => c.attrs.id));
  let updates: number;
  if (args.expired) {
    updates = clearExpired(cib, { resource: args.resource, node: args.node, promoted: args.promoted, now: args.now ?? new Date() }).length;
  } else {
    if (args.node !== undefined && !nodes.includes(args.node)) {
      raise(error("PLACEMENT_TEXT", { text: `cannot clear resource '${args.resource}'\ncrm_resource: Node '${args.node}' not found\nError performing operation: No such object` }));
    }
    updates = clearOnNodes(cib, args.resource, args.node !== undefined ? [args.node] : nodes, true);
  }
  const after = new Set(constraintsOf(cib, "rsc_location").map((c) => c.attrs.id));
  const gone = [...before].filter((id) => !after.has(id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of gone) reports.add(info("PLACEMENT_TEXT", { text: `Removing constraint: ${id}` }));
  return updates;
}
