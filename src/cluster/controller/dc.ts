// The Designated Controller's loop (Pacemaker's controld on the DC: the transition engine): after
// every change it runs the scheduler on the whole CIB and executes the graph through the nodes'
// executors, recording each result in the status section. A configuration change, a node event, an
// attribute change or an unexpected result aborts the transition in flight; once the running actions
// drain, the scheduler runs again with a new transition id.
import { randomUUID } from "node:crypto";
import { ensureChild, type XmlElement } from "../../cib/xml.js";
import { parseXml } from "../../cib/xml-parse.js";
import type { GraphAction, TransitionGraph } from "../../scheduler/graph-types.js";
import type { Logger } from "../log.js";
import { OP_STATUS, recordOperation, transitionKey } from "./history-record.js";
import type { OperationEvent } from "./local.js";
import { clusterProperty } from "../../cib/properties.js";
import { timeoutToSeconds } from "../../cib/operations.js";
import { countFailure, markFenced, nodeState, replaceLrmResource, setTransientAttribute, transientAttributeNames } from "../store/status-section.js";
import type { FenceAction, FenceHistoryEntry } from "../fencer/types.js";
import { runTransition, type ActionOutcome, type TransitionRun } from "./transition.js";

export interface DcOptions {
  log: Logger;
  cib(): XmlElement | undefined;
  /** Change the status section alone (serialized with every other CIB change, then replicated). */
  updateStatus(mutate: (cib: XmlElement) => boolean): Promise<void>;
  /** Run an action on a node's executor. */
  send(node: string, action: GraphAction, key: string): Promise<OperationEvent>;
  /** Make a node forget a resource's history (lrm_delete). */
  forget(node: string, rscId: string): Promise<void>;
  nodeId(name: string): number | undefined;
  graph(cib: XmlElement, now: number): TransitionGraph;
  /** Fence a node through the fencer; resolves with the finished operation (done or failed). */
  fence(target: string, action: FenceAction): Promise<FenceHistoryEntry>;
  /** This node's name: fencing ourselves (no-quorum-policy=suicide) is leaving, no device can do it. */
  localName: string;
  fenceSelf(reason: string): void;
}

/** After a failed fencing of a node, wait this long (doubling to the cap) before trying it again. */
const FENCE_RETRY_MS = 1000;
const FENCE_RETRY_CAP_MS = 10000;

export interface DcState {
  idle: boolean;
  transitionId: number;
  inFlight: number;
}

const DEBOUNCE_MS = 25;
/** The longest the DC waits for the members' histories before planning anyway. */
const HOLD_CAP_MS = 10000;
/** Transitions in a row that no outside event asked for: past this, wait for one (a graph that never
 * settles must not spin the DC). */
const SELF_TRIGGERED_LIMIT = 50;

const isFalse = (v: string | undefined) => v !== undefined && /^(false|no|off|n|0)$/i.test(v);

export function createDcController(o: DcOptions) {
  const uuid = randomUUID();
  let transitionId = 0;
  let current: TransitionRun | undefined;
  let timer: NodeJS.Timeout | undefined;
  let recheck: NodeJS.Timeout | undefined;
  let wanted = true;
  let lastGraphEmpty = false;
  let selfTriggered = 0;
  let stopped = false;
  /** Failed fencing attempts per target since its last success: the next attempt waits. */
  const fenceFailures = new Map<string, { count: number; at: number }>();
  /** Waits before a retried fencing, cut short when the transition is aborted (the node may be back). */
  const backoffs = new Set<() => void>();
  let abortedTransition = -1;
  /** When each node's resource history was last written from a result here (a sequence number):
   * a node's account asked for before that is older than what we hold. */
  let recorded = 0;
  const recordedAt = new Map<string, number>();
  const noteRecorded = (node: string, rscId: string) => recordedAt.set(`${node}\u0000${rscId}`, ++recorded);
  /** Resyncs in progress (the nodes' own histories being fetched): no transition is computed meanwhile. */
  let holds = 0;
  const backoff = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        backoffs.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      backoffs.add(wake);
    });

  /** Fencing done (by our transition or anyone's request): the node is down and forgets what it ran. */
  const fenced = async (target: string, action: FenceAction) => {
    fenceFailures.delete(target);
    const id = o.nodeId(target);
    if (id === undefined) return;
    await o.updateStatus((cib) =>
      action === "on"
        ? setTransientAttribute(cib, { name: target, nodeid: id }, "#node-unfenced", String(Math.floor(Date.now() / 1000)))
        : markFenced(cib, { name: target, nodeid: id }),
    );
  };

  const runStonith = async (action: GraphAction, tid: number): Promise<ActionOutcome> => {
    const target = action.node?.uname;
    if (!target) return "failed";
    const wanted = action.attributes.CRM_meta_stonith_action ?? "reboot";
    const fenceAction: FenceAction = wanted === "on" ? "on" : wanted === "off" || wanted === "poweroff" ? "off" : "reboot";
    if (target === o.localName && fenceAction !== "on") {
      o.log("controller.fence-self", { target });
      o.fenceSelf(`the scheduler fences this node (${fenceAction})`);
      return "confirmed";
    }
    const failures = fenceFailures.get(target);
    if (failures) {
      const wait = failures.at + Math.min(FENCE_RETRY_CAP_MS, FENCE_RETRY_MS * 2 ** (failures.count - 1)) - Date.now();
      if (wait > 0) await backoff(wait);
      if (stopped || abortedTransition === tid) return "failed";
    }
    o.log("controller.fence", { target, action: fenceAction, attempt: (failures?.count ?? 0) + 1 });
    const entry = await o.fence(target, fenceAction);
    if (entry.state !== "done") {
      fenceFailures.set(target, { count: (failures?.count ?? 0) + 1, at: Date.now() });
      o.log("controller.fence-failed", { target, action: fenceAction, reason: entry.exitReason ?? "" });
      return "failed";
    }
    o.log("controller.fenced", { target, action: fenceAction, delegate: entry.delegate ?? null });
    await fenced(target, fenceAction);
    return "confirmed";
  };

  const recordEvent = async (event: OperationEvent, now: number) => {
    const id = o.nodeId(event.node);
    if (id === undefined) return;
    const node = { name: event.node, nodeid: id };
    const lr = parseXml(event.lrmResource);
    await o.updateStatus((cib) => {
      noteRecorded(event.node, event.rscId);
      replaceLrmResource(cib, node, lr);
      if (event.failed) {
        const fatal = event.task === "stop" || (event.task === "start" && !isFalse(clusterProperty(cib, "start-failure-is-fatal")));
        countFailure(cib, node, `${event.rscId}#${event.task}_${event.intervalMs}`, now, fatal);
      }
      return true;
    });
  };

  /** What is in flight shows as such (crm_mon's Starting, Stopping...), as with record-pending. */
  const recordPending = async (action: GraphAction, node: string, key: string) => {
    const id = o.nodeId(node);
    if (id === undefined || !action.rsc) return;
    const rsc = action.rsc;
    await o.updateStatus((cib) => {
      noteRecorded(node, rsc.id);
      const state = nodeState(cib, { name: node, nodeid: id });
      const lrm = ensureChild(state, "lrm");
      lrm.attrs.id ??= String(id);
      const params = Object.fromEntries(Object.entries(action.attributes).filter(([k]) => !k.startsWith("CRM_meta_")));
      recordOperation(
        lrm,
        { rsc: { id: rsc.id, class: rsc.class, provider: rsc.provider, type: rsc.type }, task: action.task, intervalMs: 0, node, callId: -1, rc: 193, opStatus: OP_STATUS.pending, exitReason: "", transitionKey: key, lastRcChange: Math.floor(Date.now() / 1000), execTimeMs: 0, queueTimeMs: 0, params },
        action.targetRc,
      );
      return true;
    });
  };

  const runControllerJob = async (action: GraphAction, tid: number): Promise<ActionOutcome> => {
    const node = action.node?.uname;
    const id = node ? o.nodeId(node) : undefined;
    if (action.task === "lrm_delete" && node && action.rsc) {
      await o.forget(node, action.rsc.id);
      return "confirmed";
    }
    if (action.task === "clear_failcount" && node && id !== undefined && action.rsc) {
      const rsc = action.rsc.id;
      await o.updateStatus((cib) => {
        let changed = false;
        for (const prefix of ["fail-count-", "last-failure-"]) {
          for (const name of transientAttributeNames(cib, { name: node, nodeid: id }, prefix + rsc + "#")) changed = setTransientAttribute(cib, { name: node, nodeid: id }, name, undefined) || changed;
        }
        return changed;
      });
      return "confirmed";
    }
    if (action.task === "do_shutdown") return "confirmed";
    if (action.task === "stonith") return runStonith(action, tid);
    o.log("controller.unsupported-action", { action: action.operationKey, node });
    return "failed";
  };

  const execute = async (action: GraphAction, tid: number): Promise<ActionOutcome> => {
    if (action.kind === "crm_event") return runControllerJob(action, tid);
    const node = action.node?.uname;
    if (!node) return "failed";
    const key = transitionKey(action.id, tid, action.targetRc, uuid);
    o.log("controller.initiate", { transition: tid, action: action.operationKey, node });
    if (action.intervalMs === 0 && action.rsc && !(action.task === "monitor")) await recordPending(action, node, key);
    const event = await o.send(node, action, key);
    await recordEvent(event, Date.now());
    const ok = event.opStatus === OP_STATUS.done && event.rc === action.targetRc;
    o.log("controller.result", { transition: tid, action: action.operationKey, node, rc: event.rc, status: event.opStatus, ok });
    return ok ? "confirmed" : "failed";
  };

  const compute = () => {
    timer = undefined;
    if (stopped || current || holds) return;
    const cib = o.cib();
    if (!cib) return;
    wanted = false;
    const now = Date.now();
    let graph: TransitionGraph;
    try {
      graph = o.graph(cib, now);
    } catch (e) {
      o.log("controller.scheduler-error", { message: (e as Error).message });
      lastGraphEmpty = true;
      return;
    }
    scheduleRecheck(cib);
    const executable = graph.actions.filter((a) => a.kind !== "pseudo_event");
    if (!executable.length) {
      lastGraphEmpty = true;
      selfTriggered = 0;
      return;
    }
    lastGraphEmpty = false;
    const tid = transitionId++;
    const batch = Number(graph.options["batch-limit"] ?? "0");
    o.log("controller.transition", { transition: tid, actions: executable.length });
    const run = runTransition({ id: tid, graph, batchLimit: batch > 0 ? batch : 30, execute });
    current = run;
    void run.done.then((summary) => {
      current = undefined;
      o.log("controller.transition-done", { ...summary });
      if (stopped) return;
      if (++selfTriggered > SELF_TRIGGERED_LIMIT && !wanted) {
        o.log("controller.transition-loop", { transitions: selfTriggered });
        return;
      }
      wanted = true;
      schedule();
    });
  };

  const schedule = () => {
    if (stopped || timer) return;
    timer = setTimeout(compute, DEBOUNCE_MS);
  };

  const scheduleRecheck = (cib: XmlElement) => {
    clearTimeout(recheck);
    const interval = (timeoutToSeconds(clusterProperty(cib, "cluster-recheck-interval") ?? "") ?? 15 * 60) * 1000;
    // failure-timeout expiry is noticed by running the scheduler again: often enough to honour it
    const every = Math.max(1000, hasMeta(cib, "failure-timeout") ? Math.min(interval, 5000) : interval);
    recheck = setTimeout(() => trigger("recheck"), every);
  };

  const trigger = (reason: string) => {
    if (stopped) return;
    wanted = true;
    selfTriggered = 0;
    if (current) {
      abortedTransition = current.id;
      current.abort(reason);
    }
    for (const wake of [...backoffs]) wake();
    schedule();
  };

  return {
    trigger,
    /** A mark to compare later results with (see recordedSince). */
    mark: (): number => recorded,
    /** The resources of a node whose history was written here after `mark`. */
    recordedSince(mark: number, node: string): Set<string> {
      const out = new Set<string>();
      for (const [key, at] of recordedAt) {
        const [n, rscId] = key.split("\u0000");
        if (at > mark && n === node) out.add(rscId);
      }
      return out;
    },
    /** Abort what runs and compute nothing until `work` settles (a status section being rebuilt). */
    hold(reason: string, work: Promise<unknown>): void {
      holds++;
      trigger(reason);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        clearTimeout(cap);
        holds--;
        trigger(reason);
      };
      // a node that hangs mid-answer must not keep the DC from acting: past the cap, plan without it
      const cap = setTimeout(() => {
        o.log("controller.hold-expired", { reason, afterMs: HOLD_CAP_MS });
        release();
      }, HOLD_CAP_MS);
      void work.finally(release);
    },
    /** A change arrived that a transition will follow shortly: no longer idle from now on. */
    expectChange(): void {
      wanted = true;
    },
    /** A node reports a result nobody waited for (a recurring monitor's change). */
    async onEvent(event: OperationEvent): Promise<void> {
      await recordEvent(event, Date.now());
      if (event.failed || event.rc !== event.targetRc) trigger(`${event.rscId}_${event.task}_${event.intervalMs} on ${event.node} returned ${event.rc}`);
    },
    /** Fencing that finished outside our transitions (pcs stonith fence, confirm): record it and replan. */
    async onFenced(entry: FenceHistoryEntry): Promise<void> {
      if (entry.state !== "done") return;
      await fenced(entry.target, entry.action);
      trigger(`${entry.target} was fenced (${entry.action})`);
    },
    state(): DcState {
      return { idle: !current && !timer && !wanted && lastGraphEmpty, transitionId, inFlight: current?.inFlight() ?? 0 };
    },
    stop(): void {
      stopped = true;
      for (const wake of [...backoffs]) wake();
      clearTimeout(timer);
      clearTimeout(recheck);
      current?.abort("the DC is stopping");
    },
  };
}

function hasMeta(cib: XmlElement, name: string): boolean {
  const stack = [...cib.children.filter((c) => c.name === "configuration")];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.name === "nvpair" && e.attrs.name === name) return true;
    stack.push(...e.children);
  }
  return false;
}

export type DcController = ReturnType<typeof createDcController>;
