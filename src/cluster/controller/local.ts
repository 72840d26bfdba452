// The controller's part on every node (Pacemaker's controld "lrm" side): runs the actions the DC
// sends through this node's executor, keeps the node's operation history, and reports recurring
// results that change (a monitor finding its resource failed) to whichever node is DC.
import type { ExecRequest, ExecResult } from "../../agents/exec/index.js";
import { createElement, serializeXml, type XmlElement } from "../../cib/xml.js";
import type { GraphAction } from "../../scheduler/graph-types.js";
import { forgetRecurring, isFailure, OP_STATUS, recordOperation, type OperationRecord } from "./history-record.js";

export interface Executor {
  run(req: ExecRequest): Promise<ExecResult>;
  startRecurring(req: ExecRequest): void;
  cancel(rscId: string, action: string, intervalMs: number): boolean;
  stop(): Promise<void>;
}

/** What a node tells the DC about one operation. */
export interface OperationEvent {
  node: string;
  rscId: string;
  task: string;
  intervalMs: number;
  rc: number;
  opStatus: number;
  exitReason: string;
  transitionKey: string;
  /** The target rc the operation was expected to return. */
  targetRc: number;
  /** The resource's whole history on the node after the operation (lrm_resource XML). */
  lrmResource: string;
  failed: boolean;
}

export interface LocalControllerOptions {
  nodeName: string;
  executor: Executor;
  /** A recurring operation's result changed (or an operation finished that no one waits for). */
  report(event: OperationEvent): void;
  now?: () => number;
}

const statusOf: Record<ExecResult["status"], number> = {
  done: OP_STATUS.done,
  timeout: OP_STATUS.timeout,
  error: OP_STATUS.error,
  "not-installed": OP_STATUS.notInstalled,
  cancelled: OP_STATUS.cancelled,
};

/** The executor request for a graph action: CRM_meta_* attributes are metadata, the rest parameters. */
export function requestFor(action: GraphAction): ExecRequest {
  if (!action.rsc) throw new Error(`${action.operationKey} has no resource`);
  const params: Record<string, string> = {};
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.attributes)) {
    if (k.startsWith("CRM_meta_")) meta[k.slice(9)] = v;
    else params[k] = v;
  }
  const timeoutMs = Number(meta.timeout ?? "20000") || 20000;
  return {
    rscId: action.rsc.id,
    agent: { class: action.rsc.class, provider: action.rsc.provider, type: action.rsc.type },
    action: action.task,
    intervalMs: action.intervalMs,
    timeoutMs,
    params,
    meta,
  };
}

/** Operations after which a resource is active, when they succeed. */
const ACTIVATING = new Set(["start", "promote", "demote", "migrate_from", "monitor", "notify", "reload", "reload-agent"]);

function activeResources(lrm: XmlElement): string[] {
  const out: string[] = [];
  for (const lr of lrm.children[0]?.children ?? []) {
    const last = lr.children.find((op) => op.attrs.id === `${lr.attrs.id}_last_0`);
    if (!last || last.attrs["op-status"] !== "0") continue;
    const rc = Number(last.attrs["rc-code"]);
    if (ACTIVATING.has(last.attrs.operation ?? "") && (rc === 0 || rc === 8)) out.push(lr.attrs.id);
  }
  return out;
}

const recurringKey = (rscId: string, task: string, intervalMs: number) => `${rscId}\0${task}\0${intervalMs}`;

export function createLocalController(o: LocalControllerOptions) {
  const lrm = createElement("lrm", {});
  createElement("lrm_resources", {}, lrm);
  const now = o.now ?? Date.now;
  let callId = 0;
  /** The parameters each resource was last started with (a stop without a DC needs them). */
  const lastParams = new Map<string, Record<string, string>>();
  /** Recurring operations by key: how they were asked for, and who waits for their first result. */
  const recurring = new Map<string, { action: GraphAction; key: string; callId: number; waiter?: (e: OperationEvent) => void }>();

  const record = (action: GraphAction, key: string, id: number, result: Pick<ExecResult, "rc" | "status" | "exitReason" | "execTimeMs">, params: Record<string, string>): OperationEvent => {
    const rsc = action.rsc!;
    const r: OperationRecord = {
      rsc: { id: rsc.id, class: rsc.class, provider: rsc.provider, type: rsc.type },
      task: action.task,
      intervalMs: action.intervalMs,
      node: o.nodeName,
      callId: id,
      rc: result.rc,
      opStatus: statusOf[result.status],
      exitReason: result.exitReason,
      transitionKey: key,
      lastRcChange: Math.floor(now() / 1000),
      execTimeMs: Math.round(result.execTimeMs),
      queueTimeMs: 0,
      params,
    };
    const lr = recordOperation(lrm, r, action.targetRc);
    return {
      node: o.nodeName,
      rscId: rsc.id,
      task: action.task,
      intervalMs: action.intervalMs,
      rc: r.rc,
      opStatus: r.opStatus,
      exitReason: r.exitReason,
      transitionKey: key,
      targetRc: action.targetRc,
      lrmResource: serializeXml(lr),
      failed: isFailure(r, action.targetRc),
    };
  };

  /** The executor's report of a recurring operation's (first or changed) result. */
  const onRecurringResult = (req: ExecRequest, result: ExecResult) => {
    const entry = recurring.get(recurringKey(req.rscId, req.action, req.intervalMs ?? 0));
    if (!entry || result.status === "cancelled") return;
    const event = record(entry.action, entry.key, entry.callId, result, req.params);
    const waiter = entry.waiter;
    entry.waiter = undefined;
    if (waiter) waiter(event);
    else o.report(event);
  };

  const cancelRecurring = (rscId: string, task: string, intervalMs: number) => {
    recurring.delete(recurringKey(rscId, task, intervalMs));
    o.executor.cancel(rscId, task, intervalMs);
    forgetRecurring(lrm, rscId, task, intervalMs);
  };

  return {
    onRecurringResult,
    /** Run one action of the DC's transition; resolves with its result once known. */
    async run(action: GraphAction, key: string): Promise<OperationEvent> {
      const req = requestFor(action);
      const id = ++callId;
      if (action.task === "cancel") {
        const task = req.meta?.operation ?? "monitor";
        const interval = Number(req.meta?.interval ?? action.intervalMs) || 0;
        cancelRecurring(req.rscId, task, interval);
        return record({ ...action, task: "cancel" }, key, id, { rc: 0, status: "done", exitReason: "", execTimeMs: 0 }, req.params);
      }
      if (action.intervalMs > 0) {
        const k = recurringKey(req.rscId, req.action, action.intervalMs);
        const previous = recurring.get(k);
        if (previous) o.executor.cancel(req.rscId, req.action, action.intervalMs);
        return new Promise<OperationEvent>((resolve) => {
          recurring.set(k, { action, key, callId: id, waiter: resolve });
          o.executor.startRecurring(req);
        });
      }
      if (action.task === "stop") {
        for (const [k, entry] of recurring) if (entry.action.rsc?.id === req.rscId) recurring.delete(k);
      }
      if (action.task === "start") lastParams.set(req.rscId, req.params);
      const result = await o.executor.run(req);
      return record(action, key, id, result, req.params);
    },
    /** Resources whose last operation here left them active. */
    active(): string[] {
      return activeResources(lrm);
    },
    /** Stop whatever is still active here, without a DC (the node is leaving and no one else will). */
    async stopAll(timeoutMs: number): Promise<void> {
      const resources = lrm.children[0]?.children ?? [];
      await Promise.all(
        activeResources(lrm).map(async (id) => {
          const lr = resources.find((r) => r.attrs.id === id)!;
          const rsc = { id, class: lr.attrs.class, provider: lr.attrs.provider, type: lr.attrs.type };
          const action: GraphAction = {
            id: 0,
            kind: "rsc_op",
            task: "stop",
            operationKey: `${id}_stop_0`,
            node: { uname: o.nodeName, id: "" },
            rsc,
            intervalMs: 0,
            targetRc: 0,
            attributes: { ...(lastParams.get(id) ?? {}), CRM_meta_timeout: String(timeoutMs) },
            inputs: [],
          };
          for (const [k, entry] of recurring) if (entry.action.rsc?.id === id) recurring.delete(k);
          const result = await o.executor.run(requestFor(action));
          record(action, "0:0:0:local-shutdown", ++callId, result, lastParams.get(id) ?? {});
        }),
      );
    },
    /** This node's <lrm> as the DC should record it. */
    history(): string {
      return serializeXml(lrm);
    },
    /** Forget a resource's history here (cleanup / refresh). */
    forget(rscId: string): void {
      for (const entry of [...recurring.values()]) if (entry.action.rsc?.id === rscId) cancelRecurring(rscId, entry.action.task, entry.action.intervalMs);
      const resources = lrm.children[0];
      resources.children = resources.children.filter((r) => r.attrs.id !== rscId);
    },
    stop: () => o.executor.stop(),
  };
}

export type LocalController = ReturnType<typeof createLocalController>;
