// Phase 1b: the operation history (lrm_rsc_op, in call-id order) gives each resource's current role,
// failures, and the nodes it must avoid; transient fail-count attributes apply migration-threshold.
import { childElements, firstChild, type XmlElement } from "../cib/xml.js";
import type { Cluster, Resource, Role, SchedNode } from "./types.js";
import { orphanPrimitive, paramHolders } from "./unpack.js";
import { bundleInstanceOn, connectionParams, isContainerUnit } from "./bundle.js";
import { compareDigest } from "./digest.js";
import { historyLookup, migrateFromFailed, migrateToFailed, migrateToSucceeded, type MigrationContext, type MigrationEffect } from "./migration-history.js";
import { applyFailCounts, findByBase, isActive, isManagedHere, needsFencing, unpackShutdownLock } from "./history-support.js";
import { primitivesOf } from "./placement.js";
import { activeOnDownRemote, addOrphanConnectionNodes, connectionFailure, linkOrphanConnection, markFencedRemotes, unpackStates } from "./remote-history.js";

interface OpResult {
  role: Role;
  /** What migration records say beyond this node. */
  migrations?: MigrationEffect[];
  failed: boolean;
  pending?: string;
  stopFailed: boolean;
  /** A stop failed here: the resource (this instance only) may not run on the node again (__stop_fail__). */
  stopBan?: boolean;
  /** A hard error (not installed, not configured, start failure): avoid this node. */
  ban: boolean;
  blocked: boolean;
  banAll?: boolean;
  forceStop?: boolean;
  /** Successful non-recurring operations since the last start (their digests are checked). */
  sinceStart: XmlElement[];
  /** on-fail and interval of the latest failure. */
  failOnFail?: string;
  failInterval?: number;
  /** A failure of a remote node's connection that resets (fences) the node. */
  resetRemote?: boolean;
  /** A failure that restarts the resource's container (on-fail=restart-container). */
  restartContainer?: boolean;
}

const expectedRc = (op: XmlElement): number | undefined => {
  const key = op.attrs["transition-key"] ?? op.attrs["transition-magic"]?.split(";")[1];
  if (!key) return undefined;
  const parts = key.split(":");
  return parts.length >= 3 ? Number(parts[2]) : undefined;
};

function onFailOf(rsc: Resource, op: XmlElement, cluster: Cluster, defs: Map<string, XmlElement[]>): string {
  const task = op.attrs.operation;
  const interval = Number(op.attrs.interval ?? "0");
  for (const o of defs.get(rsc.baseId) ?? []) {
    if (o.attrs.name === task && Number(parseIntervalMs(o.attrs.interval)) === interval && o.attrs["on-fail"] && (o.attrs["on-fail"] !== "restart-container" || rsc.container)) return o.attrs["on-fail"];
  }
  // What runs inside a container restarts the container; a failure dropping a remote node's connection
  // (not a probe or start) resets the node.
  if (rsc.container) return "restart-container";
  if (rsc.remoteNode && !(task === "monitor" && interval === 0) && task !== "start") return "reset-remote";
  if (task === "stop") return cluster.options.stonithEnabled ? "fence" : "block";
  return "restart";
}

function parseIntervalMs(v: string | undefined): number {
  if (!v) return 0;
  const m = /^(\d+)\s*(ms|s|m|min|h)?$/.exec(v.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  return m[2] === "ms" ? n : m[2] === "m" || m[2] === "min" ? n * 60000 : m[2] === "h" ? n * 3600000 : n * 1000;
}

/** Where a history is read, for records (migrations) whose meaning depends on other nodes' histories. */
interface HistorySite {
  node: string;
  migration: MigrationContext;
}

export function evaluateHistory(rsc: Resource, ops: XmlElement[], cluster: Cluster, defs: Map<string, XmlElement[]>, site?: HistorySite): OpResult {
  const sorted = ops
    .map((o) => ({ o, call: Number(o.attrs["call-id"] ?? "0"), lf: o.attrs.id?.endsWith("_last_failure_0") ? 1 : 0, changed: Number(o.attrs["last-rc-change"] ?? "0") || 0 }))
    .sort((a, b) => {
      const pa = a.call < 0 ? Infinity : a.call;
      const pb = b.call < 0 ? Infinity : b.call;
      // Entries with the same call id (an operation and its last_failure) are ordered by last-rc-change:
      // a recurring monitor may have recovered since it failed.
      return pa - pb || a.changed - b.changed || a.lf - b.lf;
    });
  const r: OpResult = { role: "Stopped", failed: false, stopFailed: false, ban: false, blocked: false, sinceStart: [] };
  for (const { o, call } of sorted) {
    const task = o.attrs.operation;
    const interval = Number(o.attrs.interval ?? "0");
    // OCF "degraded" results count as their healthy counterparts.
    const rawRc = Number(o.attrs["rc-code"] ?? "0");
    const rc = rawRc === 190 ? 0 : rawRc === 191 ? 8 : rawRc;
    const opStatus = Number(o.attrs["op-status"] ?? "0");
    const target = expectedRc(o) ?? (interval === 0 && task === "monitor" ? 7 : 0);
    if (opStatus === 1) continue; // cancelled
    if (opStatus === -1 || call < 0) {
      r.pending = task;
      if (task === "start" || task === "migrate_from" || task === "promote") r.role = task === "promote" ? "Promoted" : r.role === "Stopped" ? "Started" : r.role;
      // A start in flight carries the parameters it runs with.
      if (task === "start") r.sinceStart = [o];
      continue;
    }
    // Pacemaker judges "done" and "error" results by their return code.
    const byRc = opStatus === 0 || opStatus === 4;
    const ok = byRc && rc === target;
    if (ok || (byRc && task === "monitor" && interval === 0 && (rc === 7 || rc === 0 || rc === 8))) {
      // An expected "not running" means stopped, whatever the operation was.
      if (rc === 7 && task !== "monitor") {
        r.role = "Stopped";
        r.failed = false;
        r.sinceStart = [];
        continue;
      }
      switch (task) {
        case "start":
        case "migrate_from":
          r.role = "Started";
          r.failed = false;
          r.sinceStart = [o];
          break;
        case "stop":
          r.role = "Stopped";
          r.failed = false;
          r.sinceStart = [];
          break;
        case "migrate_to": {
          const effect: MigrationEffect = site ? migrateToSucceeded(site.migration, o, site.node) : { role: "Stopped" };
          if (effect.role === "Stopped") {
            r.failed = false;
            r.sinceStart = [];
          }
          if (effect.role) r.role = effect.role;
          (r.migrations ??= []).push(effect);
          break;
        }
        case "promote":
          r.role = "Promoted";
          r.failed = false;
          r.sinceStart.push(o);
          break;
        case "demote":
          r.role = "Unpromoted";
          r.failed = false;
          break;
        case "monitor":
          // A recurring monitor that succeeds again clears a failure that did not stop or fence.
          if (interval > 0 && interval === r.failInterval && rc !== 7 && r.failed && r.failOnFail && ["block", "restart", "ignore", "demote"].includes(r.failOnFail)) {
            r.failed = false;
            r.blocked = false;
          }
          if (interval === 0 && rc !== 7) r.sinceStart = [o];
          if (rc === 7) {
            r.role = "Stopped";
            if (interval === 0) r.failed = false;
          } else if (rc === 8) r.role = "Promoted";
          else if (r.role === "Stopped" || r.role === "Promoted") r.role = "Started";
          break;
        default:
          break;
      }
      continue;
    }
    // A failure; one older than failure-timeout no longer counts.
    const changed = Number(o.attrs["last-rc-change"] ?? o.attrs["last-run"] ?? "0");
    const onFail = onFailOf(rsc, o, cluster, defs);
    // A failure that blocks the resource never expires: Pacemaker drops its failure-timeout.
    if (onFail === "block") rsc.failureTimeout = 0;
    if (rsc.failureTimeout > 0 && changed > 0 && changed + rsc.failureTimeout <= cluster.now / 1000 && !waitsForFencing(rsc, task, interval, cluster)) continue;
    r.failOnFail = onFail;
    r.failInterval = interval;
    if (onFail === "reset-remote") r.resetRemote = true;
    if (onFail === "restart-container") r.restartContainer = true;
    // A missing agent (execution status "not installed") cannot be ignored.
    if (onFail === "ignore" && opStatus !== 7) {
      if (task === "start") r.role = "Started";
      continue;
    }
    if (rc === 2 || rc === 6) r.banAll = true;
    if ((rc === 3 && interval === 0) || rc === 4 || rc === 5 || opStatus === 7) r.ban = true;
    if (onFail === "stop") r.forceStop = true;
    if (task === "monitor" && interval === 0) {
      if (rc === 5 || opStatus === 7) {
        r.role = "Stopped";
        continue;
      }
      r.failed = true;
      if (r.role === "Stopped") r.role = rc === 9 ? "Promoted" : "Started";
      continue;
    }
    if (opStatus === 5 || opStatus === 6) r.ban = true;
    switch (task) {
      case "stop":
        r.stopFailed = onFail !== "reset-remote" && onFail !== "restart-container";
        r.stopBan = true;
        r.failed = true;
        if (r.role === "Stopped") r.role = "Started";
        if (onFail === "block") r.blocked = true;
        break;
      case "start":
        r.failed = true;
        r.role = "Started";
        // start-failure-is-fatal only tells the controller to set the fail count to INFINITY; the
        // scheduler itself bans nothing for the failed start (the fail count does).
        break;
      case "promote":
        r.failed = true;
        r.role = "Promoted";
        break;
      case "demote":
        // Pacemaker leaves a failed demote promoted only with on-fail=block; otherwise unpromoted (it is
        // recovered by a stop), or stopped when the agent said it is not running.
        r.failed = true;
        r.role = onFail === "block" ? "Promoted" : rc === 7 ? "Stopped" : "Unpromoted";
        break;
      case "migrate_to":
      case "migrate_from": {
        r.failed = true;
        const effect: MigrationEffect = !site ? { role: "Started" } : task === "migrate_to" ? migrateToFailed(site.migration, o, site.node) : migrateFromFailed(site.migration, o, site.node);
        if (effect.role) r.role = effect.role;
        (r.migrations ??= []).push(effect);
        break;
      }
      case "monitor":
        r.failed = true;
        if (rc === 7) r.role = r.role === "Stopped" ? "Started" : r.role;
        else if (rc === 9 || rc === 8) r.role = "Promoted";
        else if (r.role === "Stopped") r.role = "Started";
        break;
      default:
        r.failed = true;
        break;
    }
    if (onFail === "block") r.blocked = true;
  }
  return r;
}

function orphanProbe(id: string, lr: XmlElement): Resource {
  const agent = [lr.attrs.class, lr.attrs.provider, lr.attrs.type].filter(Boolean).join(":");
  return { id, baseId: id, agent } as Resource;
}

export function unpackHistory(cib: XmlElement, cluster: Cluster): Map<string, { node: SchedNode; rsc: Resource; fenceReason?: string }[]> {
  const status = firstChild(cib, "status");
  const config = firstChild(cib, "configuration");
  const defs = new Map<string, XmlElement[]>();
  const paramsOf = new Map<string, Map<string, string>>();
  const resEl = config && firstChild(config, "resources");
  const walk = (e: XmlElement) => {
    if (e.name === "primitive") {
      const ops = firstChild(e, "operations");
      defs.set(e.attrs.id, ops ? childElements(ops, "op") : []);
      paramsOf.set(e.attrs.id, instanceParams(e));
    }
    for (const c of e.children) walk(c);
  };
  if (resEl) walk(resEl);
  // Base id of a cloned primitive -> its clone.
  const cloneOf = new Map<string, Resource>();
  for (const p of cluster.primitives) {
    let a = p.parent;
    while (a && a.variant !== "clone") a = a.parent;
    if (a && !isContainerUnit(a)) cloneOf.set(p.baseId, a);
  }
  const stopFailures = new Map<string, { node: SchedNode; rsc: Resource; fenceReason?: string }[]>();
  if (!status) return stopFailures;
  const deferred: (() => void)[] = [];
  addOrphanConnectionNodes(childElements(status, "node_state"), cluster);
  const byId = new Map(cluster.nodes.map((n) => [n.id, n]));
  const history = historyLookup(status);
  const byName = new Map(cluster.nodes.map((n) => [n.uname, n]));
  const online = (uname: string) => !!byName.get(uname)?.online;
  const states = childElements(status, "node_state");
  markFencedRemotes(states, byId);
  const unpackState = (ns: XmlElement, node: SchedNode) => {
    node.unpacked = true;
    applyFailCounts(ns, node, cluster, cloneOf);
    // With fencing enabled, an offline node in maintenance keeps what it ran (left alone, unmanaged).
    // With fencing enabled, a cleanly offline node's history counts too: a managed resource still active
    // there gets the node fenced.
    if (!node.remote && !node.online && !cluster.options.stonithEnabled && !cluster.options.shutdownLock) return;
    const lrm = firstChild(ns, "lrm");
    const lrmRes = lrm && firstChild(lrm, "lrm_resources");
    for (const lr of lrmRes ? childElements(lrmRes, "lrm_resource") : []) {
      const id = lr.attrs.id;
      const base = id.replace(/:\d+$/, "");
      let clone = cloneOf.get(base);
      // a bundle's inner resource found where no replica of it runs is an orphan of its own (unpack_find_resource)
      const strayInner = !!clone && clone.bundle?.child === clone && !bundleInstanceOn(clone, node);
      if (strayInner) clone = undefined;
      let rsc: Resource | undefined;
      const ops = childElements(lr, "lrm_rsc_op");
      if (clone) {
        const probe = findByBase(clone.children[0], base);
        if (!probe) continue;
        const res = evaluateHistory(probe, ops, cluster, defs);
        const active = res.role !== "Stopped" || res.failed;
        if (clone.clone?.globallyUnique && /:\d+$/.test(id)) rsc = cluster.byId.get(id);
        else if (active) {
          const inst = bundleInstanceOn(clone, node);
          rsc = inst ? findByBase(inst, base) : anonymousInstance(clone, base, node, cluster);
          if (rsc && rsc.id !== id) rsc.historyName = id;
        } else {
          // Pacemaker files an inactive record under the first instance active nowhere, which then goes by
          // the record's name (kept only when it has no instance number).
          const spare = clone.children.find((c) => !isActive(c));
          const named = spare && findByBase(spare, base);
          if (named && named.id !== id && !id.includes(":")) named.historyName = id;
          for (const inst of clone.children) findByBase(inst, base)?.knownOn.add(node.uname);
          const owner = clone.clone?.globallyUnique && /:\d+$/.test(id) ? cluster.byId.get(id) : anonymousInstance(clone, base, node, cluster);
          owner?.historyOn.add(node.uname);
          if (res.ban) for (const inst of clone.children) findByBase(inst, base)?.banned.add(node.uname);
          continue;
        }
        if (!rsc) continue;
        checkDefinition(rsc, res, lr, { defs, paramsOf, node, deferred });
        applyResult(rsc, node, res, stopFailures, cluster);
        if (res.ban) for (const inst of clone.children) findByBase(inst, base)?.banned.add(node.uname);
      } else {
        rsc = strayInner ? undefined : cluster.byId.get(id);
        if (!rsc) {
          const probe = orphanProbe(id, lr);
          const res = evaluateHistory(probe, ops, cluster, defs);
          if (res.role === "Stopped" && !res.failed) continue;
          rsc = orphanPrimitive(cluster, id, probe.agent);
          linkOrphanConnection(rsc, cluster, lr.attrs.container);
          applyResult(rsc, node, res, stopFailures, cluster);
          continue;
        }
        if (rsc.variant !== "primitive") continue;
        const res = evaluateHistory(rsc, ops, cluster, defs, { node: node.uname, migration: { rscId: id, history, online } });
        unpackShutdownLock(rsc, lr, node, cluster);
        checkDefinition(rsc, res, lr, { defs, paramsOf, node, deferred });
        applyResult(rsc, node, res, stopFailures, cluster);
      }
    }
  };
  unpackStates(states, byId, cluster, unpackState);
  // what "#uname" stands for is known once every container's history is
  for (const check of deferred) check();
  return stopFailures;
}

/**
 * The member of an anonymous clone's instance that an active history entry belongs to, as Pacemaker
 * finds it: the instance already active on the node (a cloned group's other member), unless its member
 * is active there already (a second numbered history of one anonymous instance: the rest are orphans),
 * else the first instance active nowhere that is not blocked, else an orphan instance (the spares past
 * clone-max, in order).
 */
function anonymousInstance(clone: Resource, base: string, node: SchedNode, cluster: Cluster): Resource | undefined {
  let inactive: Resource | undefined;
  let active: Resource | undefined;
  let skipInactive = false;
  for (const child of clone.children) {
    const where = locationOf(child);
    if (child.orphan && !where) continue;
    if (where) {
      if (where !== node) continue;
      const member = findByBase(child, base);
      if (!member) continue;
      if (!member.running.length) {
        active = member;
        break;
      }
      skipInactive = true;
    } else if (!skipInactive && !inactive && !primitivesOf(child).some((p) => p.blocked)) inactive = findByBase(child, base);
  }
  const found = active ?? (skipInactive ? undefined : inactive);
  // What needs no fencing and is seen on a node down or unclean takes no instance number a clean node
  // may need (unless the clone has one for every node): it is an orphan.
  const keepsNumber = !found || needsFencing(found, cluster) || (node.online && !node.unclean) || node.remote === "guest" || clone.clone?.max === cluster.nodes.length;
  if (found && keepsNumber) return found;
  const spare = clone.children.find((c) => c.orphan && !isActive(c));
  return spare && findByBase(spare, base);
}

/** The node an instance is active on so far (one: anonymous instances do not migrate). */
function locationOf(rsc: Resource): SchedNode | undefined {
  for (const p of primitivesOf(rsc)) if (p.running.length) return p.running[0];
  return undefined;
}

/** Configured instance attributes, the primitive's then its parents' (sets without rules; the first
 * value of a name wins). */
function instanceParams(e: XmlElement): Map<string, string> {
  const out = new Map<string, string>();
  for (const holder of paramHolders(e)) {
    for (const set of childElements(holder, "instance_attributes")) {
      if (firstChild(set, "rule")) continue;
      for (const nv of childElements(set, "nvpair")) if (!out.has(nv.attrs.name)) out.set(nv.attrs.name, nv.attrs.value ?? "");
    }
  }
  return out;
}

/** An active resource whose parameters changed since it started restarts (or reloads). */
interface DefinitionConfig {
  defs: Map<string, XmlElement[]>;
  paramsOf: Map<string, Map<string, string>>;
  node: SchedNode;
  /** Checks that wait for every node's history (pe__add_param_check). */
  deferred: (() => void)[];
}

/** A remote connection's recurring monitor failure does not expire before its remote node was fenced:
 * the monitor reports only changes, so the failure may be current (should_ignore_failure_timeout). */
function waitsForFencing(rsc: Resource, task: string, interval: number, cluster: Cluster): boolean {
  if (!rsc.remoteNode || !rsc.params.has("reconnect_interval") || !cluster.options.stonithEnabled) return false;
  if (task !== "monitor" || interval === 0) return false;
  return !rsc.remoteNode.wasFenced;
}

function checkDefinition(rsc: Resource, res: OpResult, lr: XmlElement, config: DefinitionConfig): void {
  if (res.role === "Stopped" || res.failed || (res.pending && res.pending !== "start")) return;
  // checked once every node's history is known: whether the node can run anything (it may be found
  // unclean later), and what "#uname" stands for in a bundle connection's address
  config.deferred.push(() => {
    const node = config.node;
    // a node that cannot run actions is not checked (pcmk__handle_rsc_config_changes), unless in maintenance
    const available = node.online && !node.shutdown && !node.unclean && !node.standby && !node.maintenance;
    if (available || node.maintenance) checkDefinitionNow(rsc, res, lr, config);
  });
}

function checkDefinitionNow(rsc: Resource, res: OpResult, lr: XmlElement, config: DefinitionConfig): void {
  const { defs, paramsOf } = config;
  // A resource whose agent changed restarts (crm_simulate gives no reason).
  const agent = [lr.attrs.class, lr.attrs.provider, lr.attrs.type].filter(Boolean).join(":");
  if (lr.attrs.type && agent !== rsc.agent) {
    rsc.agentChanged = true;
    return;
  }
  const configured = paramsOf.get(rsc.baseId);
  if (!configured) return;
  const params = connectionParams(rsc, configured, config.node);
  for (const op of res.sinceStart) {
    const change = compareDigest(op, params, defs.get(rsc.baseId) ?? []);
    // A start still in flight cannot be reloaded: it restarts.
    if (change === "reload" && res.pending) rsc.pendingStartChanged = true;
    else if (change === "restart") rsc.definitionChanged = true;
    else if (change === "reload") rsc.reload = true;
  }
}

function applyResult(rsc: Resource, node: SchedNode, res: OpResult, stopFailures: Map<string, { node: SchedNode; rsc: Resource }[]>, cluster?: Cluster): void {
  rsc.knownOn.add(node.uname);
  rsc.historyOn.add(node.uname);
  if (cluster && node.remote && res.role !== "Stopped" && !node.online && !node.maintenance && isManagedHere(rsc, cluster)) activeOnDownRemote(rsc, node, cluster);
  else if (cluster && res.role !== "Stopped" && !node.online && !node.pending && !node.maintenance && cluster.options.stonithEnabled && isManagedHere(rsc, cluster)) {
    if (!node.unclean) {
      node.unclean = true;
      node.fenceReason = `${rsc.id} is thought to be active there`;
      node.uncleanByHistory = true;
    }
  }
  if (res.ban || res.stopBan) rsc.banned.add(node.uname);
  if (res.banAll || res.forceStop) rsc.forceStop = true;
  if (cluster) applyMigrations(rsc, node, res.migrations ?? [], cluster);
  if (res.role !== "Stopped") {
    if (!rsc.running.includes(node)) rsc.running.push(node);
    // Resources active on a node in maintenance are not managed.
    if (node.maintenance) rsc.managed = false;
    if (rsc.role === "Stopped" || res.role === "Promoted") rsc.role = res.role;
    // a failure on a node already unclean is left to its fencing (process_rsc_state ignores on-fail there)
    if (res.failed && !node.unclean) rsc.failed = true;
    // Failures on a node already known to be unclean are left to its fencing.
    if (res.blocked && !(node.unclean && !node.uncleanByHistory)) rsc.blocked = true;
    if (res.pending) rsc.pendingOp = res.pending;
  }
  if (res.restartContainer && res.failed && rsc.container && !node.unclean) rsc.container.stopRequired = true;
  if (cluster && rsc.remoteNode) connectionFailure(rsc, res.resetRemote === true && !node.unclean, res.failed && !node.unclean, cluster);
  if (res.stopFailed && !res.blocked) {
    const list = stopFailures.get(node.uname) ?? [];
    list.push({ node, rsc });
    stopFailures.set(node.uname, list);
  }
}


function applyMigrations(rsc: Resource, node: SchedNode, effects: MigrationEffect[], cluster: Cluster): void {
  const byName = (uname: string) => cluster.nodes.find((n) => n.uname === uname);
  for (const effect of effects) {
    const other = effect.activeOn ? byName(effect.activeOn) : undefined;
    if (other && !rsc.running.includes(other)) rsc.running.push(other);
    if (effect.dangling) (rsc.danglingOn ??= []).push(node);
    const source = effect.partial && byName(effect.partial.source);
    const target = effect.partial && byName(effect.partial.target);
    if (source && target) rsc.partialMigration = { source, target };
    if (effect.failedNoMigrate) {
      rsc.failed = true;
      rsc.noMigrate = true;
    }
  }
}
