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
}

/** `resource ban` / `resource move-with-constraint`. */
export function moveOrBan(cib: XmlElement, args: MoveBanArgs): void {
  const { reports } = args;
  reports.add(...resourceReports(cib, args.resource, args.action, args.promoted));
  if (args.node && !pacemakerNodeNames(cib).has(args.node)) reports.add(error("NODE_NOT_IN_CONFIGURATION", { node: args.node }));
  reports.throwIfErrors();
  const verb = args.action === "ban" ? "ban" : "move";
  // Offline there is no status telling where the resource runs.
  if (!args.node) raise(error("PLACEMENT_TEXT", { text: "You must specify a node when moving/banning a stopped resource" }));
  const node = args.node!;
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
  const rsc = args.resource;
  const ban = args.action === "ban";
  const id = ban ? `cli-ban-${rsc}-on-${node}` : `cli-prefer-${rsc}`;
  for (const old of constraintsOf(cib, "rsc_location").filter((c) => c.attrs.id === id)) detach(old);
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
  if (ban) {
    const what = args.promoted ? `being promoted on ${node} until the constraint is removed using the clear option or by editing the CIB with an appropriate tool` : `running on ${node} until the constraint is removed`;
    reports.add(
      warning("PLACEMENT_TEXT", {
        text: `Creating location constraint '${id}' with a score of -INFINITY for resource ${rsc} on ${node}.\n\tThis will prevent ${rsc} from ${what}\n\tThis will be the case even if ${node} is the last node in the cluster`,
      }),
    );
  }
  if (until) reports.add(info("PLACEMENT_TEXT", { text: `Migration will take effect until: ${cibDate(until)}` }));
  else if (!ban) {
    reports.add(warning("PLACEMENT_TEXT", { text: `A move constraint has been created and the resource '${rsc}' may or may not move depending on other configuration` }));
  }
}

/** `resource clear <rsc> [node] [--promoted]`. */
export function clearPlacement(cib: XmlElement, args: { resource: string; node?: string; promoted: boolean; reports: Reports }): void {
  const { reports } = args;
  reports.add(...resourceReports(cib, args.resource, "clear", args.promoted));
  reports.throwIfErrors();
  const nodes = pacemakerNodeNames(cib);
  if (args.node !== undefined && !nodes.has(args.node)) {
    raise(error("PLACEMENT_TEXT", { text: `cannot clear resource '${args.resource}'\ncrm_resource: Node '${args.node}' not found\nError performing operation: No such object` }));
  }
  const targets = args.node !== undefined ? [args.node] : [...nodes];
  if (!targets.length) return;
  const ids = [...targets.map((n) => `cli-ban-${args.resource}-on-${n}`), `cli-prefer-${args.resource}`];
  for (const c of constraintsOf(cib, "rsc_location")) {
    if (!ids.includes(c.attrs.id)) continue;
    if (args.promoted && c.attrs.role !== "Promoted" && c.attrs.role !== "Master") continue;
    detach(c);
    reports.add(info("PLACEMENT_TEXT", { text: `Removing constraint: ${c.attrs.id}` }));
  }
}
