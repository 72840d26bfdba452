// Operation history in Pacemaker's format: the lrm_resource / lrm_rsc_op records a node's
// controller keeps for what its executor ran, so the scheduler (ours or crm_simulate) reads them
// back. Pure: records in, XML elements out.
import { paramsDigest } from "../../scheduler/digest.js";
import { childElements, createElement, detach, ensureChild, type XmlElement } from "../../cib/xml.js";

/** Pacemaker's op-status values (enum pcmk_exec_status). */
export const OP_STATUS = { pending: -1, done: 0, cancelled: 1, timeout: 2, notSupported: 3, error: 4, errorHard: 5, errorFatal: 6, notInstalled: 7 } as const;

export const CRM_FEATURE_SET = "3.16.2";

export interface OperationRecord {
  rsc: { id: string; class: string; provider?: string; type: string };
  task: string;
  intervalMs: number;
  node: string;
  callId: number;
  rc: number;
  opStatus: number;
  exitReason: string;
  /** "<action id>:<transition id>:<target rc>:<controller uuid>" */
  transitionKey: string;
  /** epoch seconds */
  lastRcChange: number;
  execTimeMs: number;
  queueTimeMs: number;
  /** The instance parameters the operation ran with (for op-digest). */
  params: Record<string, string>;
}

export const operationKey = (rscId: string, task: string, intervalMs: number): string => `${rscId}_${task}_${intervalMs}`;

export const transitionKey = (actionId: number, transitionId: number, targetRc: number, uuid: string): string =>
  `${actionId}:${transitionId}:${targetRc}:${uuid}`;

/** The target rc a transition key carries (third field), or undefined. */
export function targetRcOf(key: string | undefined): number | undefined {
  const part = key?.split(":")[2];
  return part === undefined || !/^\d+$/.test(part) ? undefined : Number(part);
}

/** The digest of the parameters an operation ran with: the resource's own ones (the graph's
 * crm_feature_set travels to the agent but is no parameter of the resource). */
export function operationDigest(params: Record<string, string>): string {
  return paramsDigest(new Map(Object.entries(params).filter(([k]) => k !== "crm_feature_set")));
}

function opElement(id: string, r: OperationRecord): XmlElement {
  const attrs: Record<string, string> = {
    id,
    operation_key: operationKey(r.rsc.id, r.task, r.intervalMs),
    operation: r.task,
    "crm-debug-origin": "do_update_resource",
    crm_feature_set: CRM_FEATURE_SET,
    "transition-key": r.transitionKey,
    "transition-magic": `${r.opStatus}:${r.rc};${r.transitionKey}`,
    "exit-reason": r.exitReason,
    on_node: r.node,
    "call-id": String(r.callId),
    "rc-code": String(r.rc),
    "op-status": String(r.opStatus),
    interval: String(r.intervalMs),
    "last-rc-change": String(r.lastRcChange),
    "exec-time": String(r.execTimeMs),
    "queue-time": String(r.queueTimeMs),
  };
  if (r.task !== "stop" && r.task !== "cancel") attrs["op-digest"] = operationDigest(r.params);
  return createElement("lrm_rsc_op", attrs);
}

/** Whether the result is a failure Pacemaker records as last_failure (and counts). */
export function isFailure(r: Pick<OperationRecord, "rc" | "opStatus" | "task" | "intervalMs">, targetRc: number): boolean {
  if (r.opStatus === OP_STATUS.cancelled || r.opStatus === OP_STATUS.pending) return false;
  if (r.opStatus !== OP_STATUS.done) return true;
  if (r.task === "monitor" && r.intervalMs === 0) return r.rc !== 0 && r.rc !== 7 && r.rc !== 8 && r.rc !== targetRc;
  return r.rc !== targetRc;
}

function replaceOp(lr: XmlElement, id: string, op: XmlElement): void {
  const old = childElements(lr, "lrm_rsc_op").find((o) => o.attrs.id === id);
  if (old) {
    const at = lr.children.indexOf(old);
    old.parent = null;
    lr.children[at] = op;
    op.parent = lr;
  } else {
    lr.children.push(op);
    op.parent = lr;
  }
}

/** The node's <lrm><lrm_resources> (created when missing). */
export function lrmResources(lrm: XmlElement): XmlElement {
  return ensureChild(lrm, "lrm_resources");
}

export function findLrmResource(lrm: XmlElement, rscId: string): XmlElement | undefined {
  return childElements(lrmResources(lrm), "lrm_resource").find((r) => r.attrs.id === rscId);
}

/** Record one finished operation in a node's <lrm> element; returns the updated lrm_resource. */
export function recordOperation(lrm: XmlElement, r: OperationRecord, targetRc: number): XmlElement {
  const resources = lrmResources(lrm);
  let lr = findLrmResource(lrm, r.rsc.id);
  if (!lr) {
    const attrs: Record<string, string> = { id: r.rsc.id, type: r.rsc.type, class: r.rsc.class };
    if (r.rsc.provider) attrs.provider = r.rsc.provider;
    lr = createElement("lrm_resource", attrs, resources);
  }
  const recurring = r.intervalMs > 0;
  if (r.task === "cancel") return lr;
  if (!recurring) replaceOp(lr, `${r.rsc.id}_last_0`, opElement(`${r.rsc.id}_last_0`, r));
  else replaceOp(lr, operationKey(r.rsc.id, r.task, r.intervalMs), opElement(operationKey(r.rsc.id, r.task, r.intervalMs), r));
  if (isFailure(r, targetRc)) replaceOp(lr, `${r.rsc.id}_last_failure_0`, opElement(`${r.rsc.id}_last_failure_0`, r));
  // A stop ends every recurring operation of the resource: their records go (as Pacemaker deletes them).
  if (r.task === "stop" && r.rc === 0 && r.opStatus === OP_STATUS.done) {
    for (const op of childElements(lr, "lrm_rsc_op")) if (Number(op.attrs.interval ?? "0") > 0 && op.attrs.id === op.attrs.operation_key) detach(op);
  }
  return lr;
}

/** Forget a cancelled recurring operation's record. */
export function forgetRecurring(lrm: XmlElement, rscId: string, task: string, intervalMs: number): void {
  const lr = findLrmResource(lrm, rscId);
  const op = lr && childElements(lr, "lrm_rsc_op").find((o) => o.attrs.id === operationKey(rscId, task, intervalMs));
  if (op) detach(op);
}
