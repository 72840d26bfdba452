// Clone notifications (notify=true), as Pacemaker 2.1 creates them: for each of the clone's start,
// stop, promote and demote, a "pre" and a "post" notify pseudo event with their "confirmed" ends,
// and between them a notify operation on each instance that is (or will be) active, every one
// carrying the same CRM_meta_notify_* lists (who starts, stops, is active, ... where). Orderings of
// other resources after the clone then wait for its confirmed-post notifications.
import { keyId } from "./graph-actions.js";
import type { Act, Model } from "./graph-model.js";
import type { Cluster, Resource, SchedNode } from "./types.js";
import { isTrue } from "./score.js";

const INFINITY = 1000000;

/** One notified action of a clone: its pseudo events (pre ones only when there is an action before). */
interface Notification {
  task: string;
  pre?: Act;
  preDone?: Act;
  post: Act;
  postDone: Act;
  /** Extra values every notify operation of this notification carries (fencing's own lists). */
  values: Record<string, string>;
}

const leaves = (r: Resource): Resource[] => (r.variant === "primitive" ? [r] : r.children.flatMap(leaves));

export const notifyKey = (id: string, type: string, task: string): string => `${id}_${type}_notify_${task}_0`;

/** Whether the clone sends notifications: only outermost clones do. */
export function notifies(rsc: Resource): boolean {
  return rsc.variant === "clone" && !rsc.parent && notifyMeta(rsc);
}

/** A clone's notify setting; a bundle's inner clone notifies when its primitive asks to. */
export function notifyMeta(clone: Resource): boolean {
  if (isTrue(clone.meta.get("notify"))) return true;
  return clone.bundle?.child === clone && leaves(clone).some((p) => isTrue(p.meta.get("notify")));
}

function pseudo(model: Model, clone: Resource, type: string, task: string, keyTask: string, notifyType: string, required: boolean): Act {
  const done = type.startsWith("confirmed");
  return model.add({
    key: notifyKey(clone.id, type, keyTask),
    task: done ? "notified" : "notify",
    kind: "pseudo_event",
    rsc: clone,
    required,
    meta: { CRM_meta_notify_key_type: type, CRM_meta_notify_key_operation: keyTask, CRM_meta_notify_type: notifyType, CRM_meta_notify_operation: task },
    ...(notifyType === "post" ? { priority: INFINITY } : {}),
  });
}

/** The pseudo events of one notified action (Pacemaker's pe__clone_notif_pseudo_ops). */
function pseudoOps(model: Model, clone: Resource, task: string, action: Act | undefined, complete: Act, required: boolean): Notification {
  let pre: Act | undefined;
  let preDone: Act | undefined;
  if (action) {
    pre = pseudo(model, clone, "pre", task, action.task, "pre", required);
    preDone = pseudo(model, clone, "confirmed-pre", task, action.task, "pre", required);
    model.order(pre, preDone);
    model.order(preDone, action);
  }
  const post = pseudo(model, clone, "post", task, complete.task, "post", required);
  const postDone = pseudo(model, clone, "confirmed-post", task, complete.task, "post", required);
  model.order(complete, post, true);
  model.order(post, postDone, true);
  if (preDone) model.order(preDone, post);
  return { task, pre, preDone, post, postDone, values: {} };
}

const NOTIFIED = new Set(["start", "stop", "promote", "demote"]);
const words = (list: string[]): string => (list.length ? list.join(" ") : " ");

/** The CRM_meta_notify_* lists of a clone: its instances' state and the actions they are about to take. */
function notifyValues(model: Model, clone: Resource, cluster: Cluster): Record<string, string> {
  type Entry = { rsc: Resource; node?: SchedNode };
  const lists: Record<string, Entry[]> = { start: [], stop: [], promote: [], demote: [], active: [], inactive: [], promoted: [], unpromoted: [] };
  const promotable = !!clone.clone?.promotable;
  for (const rsc of leaves(clone)) {
    const entry = { rsc, node: rsc.running[0] };
    const role = promotable && rsc.role === "Started" ? "Unpromoted" : rsc.role;
    if (role === "Stopped") lists.inactive.push(entry);
    else {
      lists.active.push(entry);
      if (role === "Promoted") lists.promoted.push(entry);
      else if (role === "Unpromoted") lists.unpromoted.push(entry);
    }
    for (const a of model.byRsc.get(rsc) ?? []) {
      if (a.required && a.node && a.intervalMs === 0 && NOTIFIED.has(a.task)) lists[a.task].push({ rsc, node: a.node });
    }
  }
  const strings = (list: Entry[], withNodes: boolean): [string, string] => {
    const sorted = list
      .filter((e) => !withNodes || e.node)
      .sort((a, b) => (a.rsc.id < b.rsc.id ? -1 : a.rsc.id > b.rsc.id ? 1 : (a.node?.id ?? "") < (b.node?.id ?? "") ? -1 : (a.node?.id ?? "") > (b.node?.id ?? "") ? 1 : 0));
    const ids: string[] = [];
    const unames: string[] = [];
    let last: string | undefined;
    for (const e of sorted) {
      if (e.rsc.id === last) continue;
      last = e.rsc.id;
      ids.push(e.rsc.id);
      if (e.node) unames.push(e.node.uname);
    }
    return [words(ids), words(unames)];
  };
  const out: Record<string, string> = {};
  for (const name of ["stop", "start", "demote", "promote", "active"]) {
    [out[`CRM_meta_notify_${name}_resource`], out[`CRM_meta_notify_${name}_uname`]] = strings(lists[name], true);
  }
  for (const [name, old] of [["unpromoted", "slave"], ["promoted", "master"]]) {
    const [ids, unames] = strings(lists[name], true);
    for (const n of [name, old]) Object.assign(out, { [`CRM_meta_notify_${n}_resource`]: ids, [`CRM_meta_notify_${n}_uname`]: unames });
  }
  out.CRM_meta_notify_inactive_resource = strings(lists.inactive, false)[0];
  const byName = (a: SchedNode, b: SchedNode) => (a.uname < b.uname ? -1 : a.uname > b.uname ? 1 : 0);
  // Pacemaker lists the clone's allowed nodes: every node in a symmetric cluster, else those a
  // location gives it (here: where it may run).
  const allowed = cluster.options.symmetric ? cluster.nodes : cluster.nodes.filter((n) => (clone.scores.get(n.uname) ?? -INFINITY) > -INFINITY);
  out.CRM_meta_notify_available_uname = words([...allowed].sort(byName).map((n) => n.uname));
  out.CRM_meta_notify_all_uname = words([...cluster.nodes].sort(byName).map((n) => n.uname));
  return out;
}

/** A notify operation on an instance: after the notification's start, before its confirmation. */
function notifyOp(model: Model, rsc: Resource, node: SchedNode, op: Act | undefined, done: Act | undefined, values: Record<string, string>): Act | undefined {
  if (!op || !done || !node.online) return undefined;
  const type = op.meta.CRM_meta_notify_type;
  const task = op.meta.CRM_meta_notify_operation;
  const key = notifyKey(keyId(rsc), type, task);
  let act = (model.byRsc.get(rsc) ?? []).find((a) => a.key === key && a.node === node);
  if (!act) act = model.add({ key, task: "notify", kind: "rsc_op", rsc, node, required: op.required, meta: {}, ...(type === "post" ? { priority: INFINITY } : {}) });
  else if (op.required) act.required = true;
  for (const [k, v] of Object.entries({ ...op.meta, ...values })) if (!(k in act.meta)) act.meta[k] = v;
  model.order(op, act);
  model.order(act, done);
  return act;
}

function postNotify(model: Model, rsc: Resource, node: SchedNode, n: Notification, values: Record<string, string>): void {
  notifyOp(model, rsc, node, n.post, n.postDone, values);
  for (const mon of model.byRsc.get(rsc) ?? []) if (mon.intervalMs > 0 && mon.task !== "cancel") model.order(n.postDone, mon);
}

/** Pacemaker's create_notify_actions for one instance primitive. */
function instanceNotifications(model: Model, rsc: Resource, n: Notification, lists: Record<string, string>, values: Record<string, string>): void {
  const acts = model.byRsc.get(rsc) ?? [];
  const first = (task: string) => acts.find((a) => a.task === task && a.intervalMs === 0);
  const any = (task: string) => lists[`CRM_meta_notify_${task}_resource`] !== " ";
  if ((n.task === "start" || n.task === "promote" || n.task === "demote") && !any(n.task)) return;
  if (rsc.role !== "Stopped" && (n.task === "stop" || n.task === "demote")) {
    const stop = first("stop");
    for (const node of rsc.running) {
      if (stop && stop.kind === "pseudo_event" && (node.unclean || node.requiresReset)) continue;
      notifyOp(model, rsc, node, n.pre, n.preDone, values);
      if (n.task === "demote" || !stop || !stop.required) postNotify(model, rsc, node, n, values);
    }
  }
  if (rsc.nextRole !== "Stopped" && (n.task === "start" || n.task === "promote")) {
    const start = first("start");
    const node = rsc.assignedTo;
    if (!node) return;
    // behind a connection that cannot start, nothing starts or is promoted: nothing to notify
    const conn = node.remote ? node.connection : undefined;
    if (start && conn && model.find(conn, "start").some((a) => a.unrunnable)) return;
    if (n.task !== "start" || !start || !start.required) notifyOp(model, rsc, node, n.pre, n.preDone, values);
    postNotify(model, rsc, node, n, values);
  }
}

/** The lists go on the instances' own start, stop, promote and demote too (without overriding). */
function annotate(model: Model, clone: Resource, values: Record<string, string>): void {
  for (const rsc of leaves(clone)) {
    for (const a of model.byRsc.get(rsc) ?? []) {
      if (!a.required || !a.node || a.intervalMs !== 0 || !NOTIFIED.has(a.task)) continue;
      for (const k in values) if (!(k in a.meta)) a.meta[k] = values[k];
    }
  }
}

/** Stops implied by fencing get notifications of their own, after the fencing. */
function fencingNotifications(model: Model, clone: Resource, lists: Record<string, string>): void {
  for (const rsc of leaves(clone)) {
    for (const stop of model.byRsc.get(rsc) ?? []) {
      if (stop.task !== "stop" || stop.kind !== "pseudo_event" || !stop.node) continue;
      const fence = model.acts.find((a) => a.task === "stonith" && a.node === stop.node && a.meta.CRM_meta_stonith_action !== "on");
      if (!fence) continue;
      const n = pseudoOps(model, clone, "stop", undefined, fence, true);
      n.values = { CRM_meta_notify_stop_resource: rsc.id, CRM_meta_notify_stop_uname: stop.node.uname };
      annotate(model, clone, n.values);
      for (const inst of leaves(clone)) instanceNotifications(model, inst, n, lists, n.values);
    }
  }
}

/** Adds every notification of the model's clones; returns the confirmed-post events that orderings
 * after a clone's action wait for, by clone and completed task (running, stopped, promoted, demoted). */
export function addNotifications(model: Model, cluster: Cluster): Map<Resource, Map<string, Act>> {
  const confirmed = new Map<Resource, Map<string, Act>>();
  for (const clone of cluster.resources) {
    if (!notifies(clone)) continue;
    const lists = notifyValues(model, clone, cluster);
    fencingNotifications(model, clone, lists);
    const collective = (task: string) => model.find(clone, task)[0] as Act | undefined;
    const pairs: [string, string][] = [["start", "running"], ["stop", "stopped"]];
    if (clone.clone?.promotable) pairs.push(["promote", "promoted"], ["demote", "demoted"]);
    const byTask = new Map<string, Notification>();
    for (const [task, done] of pairs) {
      const action = collective(task);
      const complete = collective(done);
      if (!action || !complete) continue;
      const required = action.required || complete.required || lists[`CRM_meta_notify_${task}_resource`] !== " ";
      byTask.set(task, pseudoOps(model, clone, task, action, complete, required));
    }
    const between = (a: string, b: string) => {
      const first = byTask.get(a)?.postDone;
      const then = byTask.get(b)?.pre;
      if (first && then) model.order(first, then);
    };
    between("stop", "start");
    if (byTask.has("promote")) {
      for (const [a, b] of [["stop", "promote"], ["start", "promote"], ["demote", "promote"], ["demote", "start"], ["demote", "stop"]]) between(a, b);
    }
    annotate(model, clone, lists);
    for (const n of byTask.values()) for (const rsc of leaves(clone)) instanceNotifications(model, rsc, n, lists, lists);
    const ends = new Map<string, Act>();
    for (const n of byTask.values()) ends.set(n.post.meta.CRM_meta_notify_key_operation, n.postDone);
    confirmed.set(clone, ends);
  }
  return confirmed;
}
