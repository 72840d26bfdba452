// Phase 1, unpacking: cluster options, nodes and their state, the resource tree (clone instances
// expanded), and the constraints. The operation history is read by ./history.ts.
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";
import { ruleMatches, type RuleContext } from "./rules.js";
import { addScores, parseScore, parseSeconds, isTrue } from "./score.js";
import { connectionNodeNames, linkConnections, newRemoteNode } from "./remote.js";
import { linkBundles, unpackBundle } from "./bundle.js";
import { INFINITY, type Cluster, type ClusterOptions, type Resource, type Role, type SchedNode } from "./types.js";


/** Name-value pairs of a parent's sets: sets whose rule does not match are skipped, higher scores first. */
export function nvpairs(parent: XmlElement | undefined, setName: string, at?: number | { now: number; node?: SchedNode; agent?: RuleContext["agent"] }): Map<string, string> {
  const now = typeof at === "object" ? at.now : at;
  const node = typeof at === "object" ? at.node : undefined;
  const agent = typeof at === "object" ? at.agent : undefined;
  const out = new Map<string, string>();
  if (!parent) return out;
  const sets = childElements(parent, setName)
    .map((set, i) => ({ set, i, score: parseScore(set.attrs.score, 0) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.set);
  for (const set of sets) {
    const rule = firstChild(set, "rule");
    if (rule && (now === undefined || !ruleMatches(rule, node, { now, agent }))) continue;
    for (const nv of childElements(set, "nvpair")) if (!out.has(nv.attrs.name)) out.set(nv.attrs.name, nv.attrs.value ?? "");
  }
  return out;
}

function unpackOptions(cib: XmlElement, config: XmlElement | undefined): ClusterOptions {
  const props = new Map<string, string>();
  const crm = config && firstChild(config, "crm_config");
  if (crm) for (const set of childElements(crm, "cluster_property_set")) for (const nv of childElements(set, "nvpair")) props.set(nv.attrs.name, nv.attrs.value ?? "");
  const get = (...names: string[]) => names.map((n) => props.get(n)).find((v) => v !== undefined);
  const stonithEnabled = get("stonith-enabled") === undefined ? true : isTrue(get("stonith-enabled"));
  const haveQuorum = isTrue(cib.attrs["have-quorum"]);
  let noQuorumPolicy = get("no-quorum-policy") ?? "stop";
  // suicide needs fencing, and a partition that had quorum once (the controller's no-quorum-panic):
  // a cluster that never had quorum only stops
  if (noQuorumPolicy === "suicide" && !(stonithEnabled && (haveQuorum || (parseInt(cib.attrs["no-quorum-panic"] ?? "0", 10) || 0) !== 0))) noQuorumPolicy = "stop";
  return {
    stonithEnabled,
    symmetric: get("symmetric-cluster") === undefined ? true : isTrue(get("symmetric-cluster")),
    noQuorumPolicy,
    maintenanceMode: isTrue(get("maintenance-mode")),
    stopAllResources: isTrue(get("stop-all-resources")),
    startFailureIsFatal: get("start-failure-is-fatal") === undefined ? true : isTrue(get("start-failure-is-fatal")),
    haveQuorum,
    nodeHealthStrategy: get("node-health-strategy") ?? "none",
    nodeHealthScores: {
      red: parseScore(get("node-health-red"), -INFINITY),
      yellow: parseScore(get("node-health-yellow"), 0),
      green: parseScore(get("node-health-green"), 0),
      base: parseScore(get("node-health-base"), 0),
    },
    startupFencing: get("startup-fencing") === undefined ? true : isTrue(get("startup-fencing")),
    stopOrphanResources: get("stop-orphan-resources") === undefined ? true : isTrue(get("stop-orphan-resources")),
    stonithAction: get("stonith-action") === "poweroff" ? "off" : (get("stonith-action") ?? "reboot"),
    shutdownLock: isTrue(get("shutdown-lock")),
    shutdownLockLimit: parseSeconds(get("shutdown-lock-limit")),
    placementStrategy: placementStrategy(get("placement-strategy")),
    legacyFailCounts: compareVersions(cib.attrs.crm_feature_set, "3.0.13") < 0,
  };
}

/** Dotted version comparison; a missing version is older than any. */
function compareVersions(a: string | undefined, b: string): number {
  if (a === undefined) return -1;
  const pa = a.split(".").map((x) => parseInt(x, 10) || 0);
  const pb = b.split(".").map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Case-insensitive comparison where digit runs compare as numbers (node2 < node10), as Pacemaker sorts nodes. */
export function naturalCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.toLowerCase().match(re) ?? [];
  const pb = b.toLowerCase().match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Health attributes (#health*) under the simple strategies: red, or anything but green, bans the node. */
function applyHealth(node: SchedNode, options: ClusterOptions): void {
  const strategy = options.nodeHealthStrategy;
  if (strategy === "migrate-on-red" || strategy === "only-green") {
    for (const [k, v] of node.attrs) {
      if (!k.startsWith("#health")) continue;
      const value = v.toLowerCase();
      if (value === "red" || (strategy === "only-green" && value !== "green")) node.unhealthy = true;
    }
    return;
  }
  if (strategy !== "progressive" && strategy !== "custom") return;
  // The colours' configured scores (or numbers) summed over the #health attributes, from the base.
  const colours = options.nodeHealthScores;
  let score = strategy === "progressive" ? colours.base : 0;
  for (const [k, v] of node.attrs) {
    if (!k.startsWith("#health")) continue;
    const value = v.toLowerCase();
    const s = value === "red" ? colours.red : value === "yellow" ? colours.yellow : value === "green" ? colours.green : parseScore(v, 0);
    score = addScores(score, s);
  }
  if (score !== 0) node.healthScore = score;
}

const STRATEGIES = new Set(["default", "utilization", "minimal", "balanced"]);
const placementStrategy = (v: string | undefined): string => (v && STRATEGIES.has(v.toLowerCase()) ? v.toLowerCase() : "default");

function unpackNodes(config: XmlElement | undefined, status: XmlElement | undefined, options: ClusterOptions, now: number, dcUuid?: string): SchedNode[] {
  const nodes: SchedNode[] = [];
  const nodesEl = config && firstChild(config, "nodes");
  const states = new Map<string, XmlElement>();
  if (status) for (const ns of childElements(status, "node_state")) states.set(ns.attrs.id, ns);
  for (const n of nodesEl ? childElements(nodesEl, "node") : []) {
    if (n.attrs.type === "ping") continue;
    const attrs = nvpairs(n, "instance_attributes", now);
    if (n.attrs.type === "remote") {
      // its state follows its connection, read with the history (./remote.ts)
      nodes.push(newRemoteNode(n.attrs.id, n.attrs.uname ?? n.attrs.id, attrs));
      continue;
    }
    const state = states.get(n.attrs.id);
    const transient = state && firstChild(state, "transient_attributes");
    for (const [k, v] of nvpairs(transient, "instance_attributes")) attrs.set(k, v);
    const uname = n.attrs.uname ?? n.attrs.id;
    attrs.set("#uname", uname);
    attrs.set("#id", n.attrs.id);
    attrs.set("#kind", "cluster");
    attrs.set("#is_dc", String(dcUuid !== undefined && dcUuid === n.attrs.id));
    const node: SchedNode = {
      id: n.attrs.id,
      uname,
      type: n.attrs.type ?? "member",
      online: false,
      standby: isTrue(attrs.get("standby")),
      maintenance: isTrue(attrs.get("maintenance")),
      unclean: false,
      pending: false,
      shutdown: (attrs.get("shutdown") ?? "0") !== "0",
      attrs,
      assigned: 0,
      index: nodes.length,
    };
    nodeStatus(node, state, options);
    if (!options.haveQuorum && node.online && options.noQuorumPolicy === "suicide") {
      // everything else follows from fencing the partition's own nodes
      node.unclean = true;
      node.fenceReason = "cluster does not have quorum";
    }
    applyHealth(node, options);
    nodes.push(node);
  }
  nodes.sort((a, b) => naturalCompare(a.uname, b.uname));
  nodes.forEach((n, i) => (n.index = i));
  return nodes;
}

function nodeStatus(node: SchedNode, state: XmlElement | undefined, options: ClusterOptions): void {
  if (!state) {
    if (options.stonithEnabled && options.startupFencing) {
      node.unclean = true;
      node.fenceReason = "node is unclean";
    }
    return;
  }
  // Pacemaker's determine_online_status (with and without fencing), in its order.
  const inCcmRaw = state.attrs.in_ccm;
  const inCcm = isTrue(inCcmRaw);
  const crmd = (state.attrs.crmd ?? "").toLowerCase() === "online";
  const join = state.attrs.join;
  const expected = state.attrs.expected ?? "down";
  const fence = (reason: string) => {
    node.unclean = true;
    node.fenceReason = reason;
  };
  if (!options.stonithEnabled) {
    if (!inCcm) node.online = false;
    else if (crmd) node.online = join === "member";
    else if (expected !== "member" || node.shutdown) node.online = false;
    else fence("peer is unexpectedly down");
    return;
  }
  const terminateValue = node.attrs.get("terminate") ?? "";
  const terminate = isTrue(terminateValue) || /^[1-9]/.test(terminateValue);
  let online = inCcm;
  if (node.shutdown) online = crmd;
  else if (inCcmRaw === undefined) fence("peer has not been seen by the cluster");
  else if (join === "banned" || join === "nack") fence("peer failed Pacemaker membership criteria");
  else if (!terminate && expected === "down") {
    if (inCcm || crmd) node.pending = true;
  } else if (terminate && join === "down" && !inCcm && !crmd) online = false;
  else if (!inCcm) fence("peer is no longer part of the cluster");
  else if (!crmd) fence("peer process is no longer available");
  else if (terminate) fence("termination was requested");
  else if (join === "member") online = true;
  else if (join === "pending" || join === "down") node.pending = true;
  else fence("peer was in an unknown state");
  node.online = online;
}

const ROLE_NAMES: Record<string, Role> = {
  stopped: "Stopped",
  started: "Started",
  slave: "Unpromoted",
  unpromoted: "Unpromoted",
  master: "Promoted",
  promoted: "Promoted",
};
export const parseRole = (v: string | undefined): Role | undefined => (v ? ROLE_NAMES[v.toLowerCase()] : undefined);

interface BuildCtx {
  defaults: Map<string, string>;
  /** rsc_defaults, evaluated again per primitive when their rules test the agent. */
  defaultsEl?: XmlElement;
  byId: Map<string, Resource>;
  primitives: Resource[];
  nodeCount: number;
  order: number;
  now: number;
}

function newResource(id: string, variant: Resource["variant"], meta: Map<string, string>, parent: Resource | undefined, ctx: BuildCtx): Resource {
  const rsc: Resource = {
    id,
    baseId: id,
    variant,
    parent,
    children: [],
    meta,
    agent: "",
    isStonith: false,
    managed: meta.get("is-managed") === undefined ? true : isTrue(meta.get("is-managed")),
    targetRole: parseRole(meta.get("target-role")),
    stickiness: parseScore(meta.get("resource-stickiness") ?? meta.get("default-resource-stickiness"), 0),
    migrationThreshold: parseScore(meta.get("migration-threshold"), INFINITY),
    failureTimeout: parseSeconds(meta.get("failure-timeout")),
    priority: parseScore(meta.get("priority"), 0),
    running: [],
    role: "Stopped",
    failed: false,
    banned: new Set(),
    scores: new Map(),
    nextRole: "Stopped",
    definitionChanged: false,
    params: new Map(),
    blocked: false,
    order: ctx.order++,
    knownOn: new Set(),
    historyOn: new Set(),
    allocated: false,
    // Every optional field named from the start: resources keep one shape whatever is set on them
    // later, so that the code reading them stays monomorphic.
    clone: undefined,
    assignedTo: undefined,
    paramsOn: undefined,
    agentChanged: undefined,
    pendingStartChanged: undefined,
    reload: undefined,
    pendingOp: undefined,
    instance: undefined,
    historyName: undefined,
    orphan: undefined,
    lockNode: undefined,
    forceStop: undefined,
    utilization: undefined,
    promotionBanned: undefined,
    remoteNode: undefined,
    container: undefined,
    stopRequired: undefined,
    guestFenced: undefined,
    bundle: undefined,
    partialMigration: undefined,
    danglingOn: undefined,
    noMigrate: undefined,
  };
  return rsc;
}

function markOrphan(r: Resource): void {
  r.orphan = true;
  r.children.forEach(markOrphan);
}

/** A primitive known only from a node's history, outside the cluster's model (its clean-up). */
export function historyPrimitive(id: string, agent: string, now: number): Resource {
  const ctx: BuildCtx = { defaults: new Map(), byId: new Map(), primitives: [], nodeCount: 0, order: 0, now };
  const rsc = newResource(id, "primitive", new Map(), undefined, ctx);
  rsc.agent = agent;
  rsc.orphan = true;
  return rsc;
}

/** A resource found in the status section but not configured: it can only be stopped. */
export function orphanPrimitive(cluster: Cluster, id: string, agent: string): Resource {
  const ctx: BuildCtx = { defaults: new Map(), byId: cluster.byId, primitives: cluster.primitives, nodeCount: 0, order: cluster.primitives.length + 100000, now: cluster.now };
  const rsc = newResource(id, "primitive", new Map(), undefined, ctx);
  rsc.agent = agent;
  rsc.orphan = true;
  // With stop-orphan-resources=false, orphans are left alone (unmanaged).
  if (!cluster.options.stopOrphanResources) rsc.managed = false;
  cluster.primitives.push(rsc);
  cluster.byId.set(id, rsc);
  cluster.resources.push(rsc);
  return rsc;
}

function descendantNamed(e: XmlElement, name: string): boolean {
  return e.children.some((c) => c.name === name || descendantNamed(c, name));
}

function metaOf(e: XmlElement, inherited: Map<string, string>): Map<string, string> {
  const meta = new Map(inherited);
  for (const [k, v] of nvpairs(e, "meta_attributes")) meta.set(k, v);
  return meta;
}

/** A primitive and the groups and clones it is in: a primitive's instance attributes include those of
 * its parents that it does not set itself (Pacemaker unpacks a resource's, then its parent's). */
export function paramHolders(e: XmlElement): XmlElement[] {
  const out = [e];
  for (let p = e.parent; p && (p.name === "group" || p.name === "clone" || p.name === "master"); p = p.parent) out.push(p);
  return out;
}

function inheritedParams(holders: XmlElement[], at: Parameters<typeof nvpairs>[2]): Map<string, string> {
  const out = nvpairs(holders[0], "instance_attributes", at);
  for (const h of holders.slice(1)) for (const [k, v] of nvpairs(h, "instance_attributes", at)) if (!out.has(k)) out.set(k, v);
  return out;
}

function buildResource(e: XmlElement, parent: Resource | undefined, inherited: Map<string, string>, ctx: BuildCtx, suffix = ""): Resource | undefined {
  let meta = metaOf(e, inherited);
  if (e.name === "primitive" && ctx.defaultsEl && descendantNamed(ctx.defaultsEl, "rsc_expression")) {
    // Defaults for this agent, then what the parents and the resource itself set.
    const forAgent = nvpairs(ctx.defaultsEl, "meta_attributes", { now: ctx.now, agent: { class: e.attrs.class, provider: e.attrs.provider, type: e.attrs.type } });
    const own = new Map(forAgent);
    for (const [k, v] of inherited) if (ctx.defaults.get(k) !== v) own.set(k, v);
    meta = metaOf(e, own);
  }
  if (e.name === "primitive") {
    const rsc = newResource(e.attrs.id + suffix, "primitive", meta, parent, ctx);
    rsc.baseId = e.attrs.id;
    rsc.agent = [e.attrs.class, e.attrs.provider, e.attrs.type].filter(Boolean).join(":");
    rsc.isStonith = e.attrs.class === "stonith";
    const holders = paramHolders(e);
    rsc.params = inheritedParams(holders, ctx.now);
    if (holders.some((h) => childElements(h, "instance_attributes").some((set) => firstChild(set, "rule")))) {
      rsc.paramsOn = (node) => inheritedParams(holders, { now: ctx.now, node });
    }
    ctx.primitives.push(rsc);
    ctx.byId.set(rsc.id, rsc);
    return rsc;
  }
  if (e.name === "group") {
    const rsc = newResource(e.attrs.id + suffix, "group", meta, parent, ctx);
    rsc.baseId = e.attrs.id;
    ctx.byId.set(rsc.id, rsc);
    // Group meta (not its own defaults) flows to members.
    for (const child of childElements(e, "primitive")) {
      const c = buildResource(child, rsc, meta, ctx, suffix);
      if (c) rsc.children.push(c);
    }
    return rsc;
  }
  if (e.name === "clone" || e.name === "master") {
    const rsc = newResource(e.attrs.id, "clone", meta, parent, ctx);
    const num = (names: string[], fallback: number) => {
      for (const n of names) if (meta.has(n)) return parseScore(meta.get(n), fallback);
      return fallback;
    };
    const templateEl = e.children.find((c) => c.name === "primitive" || c.name === "group");
    rsc.clone = {
      childId: templateEl?.attrs.id ?? "",
      max: num(["clone-max"], ctx.nodeCount),
      nodeMax: num(["clone-node-max"], 1),
      promotable: e.name === "master" || isTrue(meta.get("promotable")),
      promotedMax: num(["promoted-max", "master-max"], 1),
      promotedNodeMax: num(["promoted-node-max", "master-node-max"], 1),
      globallyUnique: isTrue(meta.get("globally-unique")),
      interleave: isTrue(meta.get("interleave")),
      ordered: isTrue(meta.get("ordered")),
    };
    ctx.byId.set(rsc.id, rsc);
    const template = e.children.find((c) => c.name === "primitive" || c.name === "group");
    if (!template) return rsc;
    const childMeta = new Map(meta);
    // clones are ever so slightly sticky unless told otherwise: instances are not shuffled for nothing
    if (!childMeta.has("resource-stickiness")) childMeta.set("resource-stickiness", "1");
    for (const k of ["clone-max", "clone-node-max", "promotable", "globally-unique", "interleave", "ordered", "promoted-max", "promoted-node-max", "master-max", "master-node-max"]) childMeta.delete(k);
    const spares = rsc.clone.globallyUnique ? 0 : ctx.nodeCount;
    for (let i = 0; i < rsc.clone.max + spares; i++) {
      const c = buildResource(template, rsc, childMeta, ctx, `:${i}`);
      if (c) {
        c.instance = i;
        if (i >= rsc.clone.max) markOrphan(c);
        rsc.children.push(c);
      }
    }
    ctx.byId.set(template.attrs.id, rsc);
    return rsc;
  }
  return undefined;
}

export function unpack(cib: XmlElement, now: number): Cluster {
  const config = firstChild(cib, "configuration");
  const status = firstChild(cib, "status");
  const options = unpackOptions(cib, config);
  const nodes = unpackNodes(config, status, options, now, cib.attrs["dc-uuid"]);
  const resEl = config && firstChild(config, "resources");
  const named = new Set(nodes.map((n) => n.uname));
  for (const name of connectionNodeNames(resEl)) {
    if (named.has(name)) continue;
    named.add(name);
    nodes.push(newRemoteNode(name, name, new Map()));
  }
  nodes.sort((a, b) => naturalCompare(a.uname, b.uname));
  nodes.forEach((n, i) => (n.index = i));
  const rscDefaults = nvpairs(config && firstChild(config, "rsc_defaults"), "meta_attributes", now);
  const ctx: BuildCtx = { defaults: rscDefaults, defaultsEl: config && firstChild(config, "rsc_defaults"), byId: new Map(), primitives: [], nodeCount: nodes.length, order: 0, now };
  const resources: Resource[] = [];
  for (const e of resEl ? resEl.children : []) {
    if (e.name === "bundle") resources.push(...unpackBundle(e, (x) => buildResource(x, undefined, metaOf(e, rscDefaults), ctx)));
    const r = e.name === "bundle" ? undefined : buildResource(e, undefined, rscDefaults, ctx);
    if (r) resources.push(r);
  }
  const cluster: Cluster = {
    options,
    nodes,
    nodeByName: new Map(nodes.map((n) => [n.uname, n])),
    resources,
    byId: ctx.byId,
    primitives: ctx.primitives,
    locations: [],
    colocations: [],
    orderings: [],
    now,
  };
  linkConnections(cluster);
  linkBundles(cluster);
  return cluster;
}

export { isTrue };
