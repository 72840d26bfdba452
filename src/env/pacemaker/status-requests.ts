// The status section belongs to Pacemaker's daemons: the controller writes resource histories, the
// attribute manager the transient node attributes. A command that edits it (cleanup, refresh,
// failcount reset: history and fail counts removed) is, against a real Pacemaker, a request to them:
// `crm_resource --cleanup|--refresh` per resource and node, which also makes the controller probe
// again. Edits of the status section that are not such removals are left to the patch.
import { isShownFailure } from "../../cib/failure-record.js";
import { childElements, cloneElement, detach, firstChild, serializeXml, type XmlElement } from "../../cib/xml.js";

export interface StatusRequest {
  action: "cleanup" | "refresh";
  node: string;
  /** absent: every resource on the node */
  resource?: string;
  operation?: string;
  /** milliseconds */
  interval?: string;
}

export interface StatusChanges {
  requests: StatusRequest[];
  /** the status section changed in other ways too: the patch carries the status section as edited */
  other: boolean;
}

const FAIL_ATTRIBUTE = /^(fail-count|last-failure)-(.+)#(.+)_(\d+)$/;

const nodeStates = (cib: XmlElement): XmlElement[] => {
  const status = firstChild(cib, "status");
  return status ? childElements(status, "node_state") : [];
};

const histories = (state: XmlElement): XmlElement[] => {
  const list = firstChild(state, "lrm") && firstChild(firstChild(state, "lrm")!, "lrm_resources");
  return list ? childElements(list, "lrm_resource") : [];
};

const failAttributes = (state: XmlElement): XmlElement[] =>
  childElements(state, "transient_attributes")
    .flatMap((t) => childElements(t, "instance_attributes"))
    .flatMap((set) => childElements(set, "nvpair"))
    .filter((pair) => FAIL_ATTRIBUTE.test(pair.attrs.name ?? ""));

/** Pacemaker keeps the last failure of a resource on a node as `<rsc>_last_failure_0` (a probe's finding is none). */
const hasFailure = (history: XmlElement): boolean =>
  childElements(history, "lrm_rsc_op").some((op) => (op.attrs.id ?? "").endsWith("_last_failure_0") && isShownFailure(op));

interface NodeRemovals {
  node: string;
  /** resource -> whether its history held a failure */
  removedHistories: Map<string, boolean>;
  everyHistoryRemoved: boolean;
  /** resource -> "op_interval" keys of removed fail counts */
  removedCounts: Map<string, Set<string>>;
  /** resource -> "op_interval" keys of fail counts left */
  keptCounts: Map<string, Set<string>>;
}

function removalsOn(before: XmlElement, after: XmlElement | undefined): { removals: NodeRemovals; removed: XmlElement[] } {
  const node = before.attrs.uname ?? "";
  const keptHistory = new Set((after ? histories(after) : []).map((h) => h.attrs.id));
  const keptPairs = new Set((after ? failAttributes(after) : []).map((p) => p.attrs.name));
  const removed: XmlElement[] = [];
  const removals: NodeRemovals = { node, removedHistories: new Map(), everyHistoryRemoved: false, removedCounts: new Map(), keptCounts: new Map() };
  const all = histories(before);
  for (const history of all) {
    if (keptHistory.has(history.attrs.id)) continue;
    removals.removedHistories.set(history.attrs.id ?? "", hasFailure(history));
    removed.push(history);
  }
  removals.everyHistoryRemoved = all.length > 0 && removals.removedHistories.size === all.length;
  for (const pair of failAttributes(before)) {
    const [, , resource, operation, interval] = FAIL_ATTRIBUTE.exec(pair.attrs.name ?? "")!;
    const into = keptPairs.has(pair.attrs.name) ? removals.keptCounts : removals.removedCounts;
    into.set(resource, (into.get(resource) ?? new Set()).add(`${operation}_${interval}`));
    if (!keptPairs.has(pair.attrs.name)) removed.push(pair);
  }
  return { removals, removed };
}

function requestsFor(r: NodeRemovals): StatusRequest[] {
  const histories = [...r.removedHistories];
  if (r.everyHistoryRemoved && histories.every(([, failed]) => !failed)) {
    return [{ action: "refresh", node: r.node }];
  }
  const requests: StatusRequest[] = [];
  const done = new Set<string>();
  for (const [resource, failed] of histories) {
    requests.push({ action: failed ? "cleanup" : "refresh", node: r.node, resource });
    done.add(resource);
  }
  for (const [resource, keys] of r.removedCounts) {
    const resourceBase = resource.replace(/:\d+$/, "");
    if (done.has(resource) || done.has(resourceBase)) continue;
    if (!r.keptCounts.get(resource)?.size) {
      requests.push({ action: "cleanup", node: r.node, resource });
      continue;
    }
    for (const key of keys) {
      const cut = key.lastIndexOf("_");
      requests.push({ action: "cleanup", node: r.node, resource, operation: key.slice(0, cut), interval: key.slice(cut + 1) });
    }
  }
  return requests;
}

/** The status section of `cib`, serialized, for comparing. */
const statusText = (cib: XmlElement): string => {
  const status = firstChild(cib, "status");
  return status ? serializeXml(status) : "";
};

/** What the edit from `original` to `edited` asks of the daemons owning the status section. */
export function statusChanges(original: XmlElement, edited: XmlElement): StatusChanges {
  if (statusText(original) === statusText(edited)) return { requests: [], other: false };
  const expected = cloneElement(original);
  const editedStates = new Map(nodeStates(edited).map((s) => [s.attrs.id, s]));
  const expectedStates = new Map(nodeStates(expected).map((s) => [s.attrs.id, s]));
  const requests: StatusRequest[] = [];
  for (const before of nodeStates(original)) {
    const { removals, removed } = removalsOn(before, editedStates.get(before.attrs.id));
    requests.push(...requestsFor(removals));
    // the same removals on the copy: what is left over is another kind of change
    const copy = expectedStates.get(before.attrs.id)!;
    const removedIds = new Set(removed.map((e) => `${e.name}|${e.attrs.id ?? e.attrs.name}`));
    for (const e of [...histories(copy), ...failAttributes(copy)]) if (removedIds.has(`${e.name}|${e.attrs.id ?? e.attrs.name}`)) detach(e);
  }
  if (statusText(expected) !== statusText(edited)) return { requests: [], other: true };
  return { requests, other: false };
}

/** crm_resource's arguments for one request; --force: the named resource alone, not its clone or group. */
export function crmResourceArgs(request: StatusRequest): string[] {
  const args = [request.action === "refresh" ? "--refresh" : "--cleanup", "--node", request.node];
  if (request.resource !== undefined) args.push("--resource", request.resource, "--force");
  if (request.operation !== undefined) args.push("--operation", request.operation, "--interval", `${request.interval ?? "0"}ms`);
  return args;
}
