// The node's fencer (Pacemaker's pacemaker-fenced): takes fencing requests, carries them out over
// the members' fence devices, runs device actions the other fencers delegate to this node, and
// keeps the cluster-wide fencing history the members tell each other about.
import { randomUUID } from "node:crypto";
import type { XmlElement } from "../../cib/xml.js";
import type { Logger } from "../log.js";
import { DEFAULT_STONITH_TIMEOUT_MS, stonithTimeoutMs } from "./cluster-config.js";
import { createEligibilityChecker } from "./eligibility.js";
import { runFenceOperation, type OperationOutcome } from "./fence-operation.js";
import { createFenceHistory } from "./history.js";
import { runFenceAgent } from "./run-agent.js";
import type { DeviceActionRequest, DeviceActionResult, FenceHistoryEntry, FenceRequest } from "./types.js";

export interface FencerDeps {
  log: Logger;
  localName(): string;
  members(): ReadonlySet<string>;
  cib(): XmlElement | undefined;
  /** Runs a device action on a member (this node included): its fencer's execute(). */
  runOn(node: string, req: DeviceActionRequest): Promise<DeviceActionResult>;
  /** Tell the other members. */
  broadcast(entry: FenceHistoryEntry): void;
  /** 0 <= random() < 1, for pcmk_delay_max. */
  random?(): number;
  /** Between two tries of a device action; fenced waits 1 s. */
  retryPauseMs?: number;
}

export interface Fencer {
  /** Resolves with the finished entry, done or failed; a fencing failure never rejects. */
  fence(req: FenceRequest): Promise<FenceHistoryEntry>;
  /** This node's side of fence.exec. */
  execute(req: DeviceActionRequest): Promise<DeviceActionResult>;
  /** A manual confirmation that the target is down (stonith_admin --confirm). */
  confirm(target: string, origin: string, client: string): FenceHistoryEntry;
  history(target?: string): FenceHistoryEntry[];
  /** An entry another member told us about. */
  record(entry: FenceHistoryEntry): void;
  /** Several at once (a history sync). */
  merge(entries: readonly FenceHistoryEntry[]): void;
  cleanup(target?: string): number;
  /** Kills running agents; operations in progress end failed. */
  stop(): void;
}

const RETRY_PAUSE_MS = 1000;

export function createFencer(deps: FencerDeps): Fencer {
  const history = createFenceHistory();
  const abort = new AbortController();
  const eligibility = createEligibilityChecker({
    defaultTimeoutMs: () => {
      const cib = deps.cib();
      return cib ? stonithTimeoutMs(cib) : DEFAULT_STONITH_TIMEOUT_MS;
    },
  });
  /** Operations running here per target and action: a duplicate request waits for the first. */
  const running = new Map<string, Promise<OperationOutcome>>();

  const publish = (entry: FenceHistoryEntry): FenceHistoryEntry => {
    history.record(entry);
    try {
      deps.broadcast({ ...entry });
    } catch (e) {
      deps.log("fencer.broadcast-failed", { id: entry.id, message: (e as Error).message });
    }
    return entry;
  };

  const carryOut = async (req: FenceRequest): Promise<OperationOutcome> => {
    if (abort.signal.aborted) return { ok: false, reason: "Fencer is stopped" };
    const cib = deps.cib();
    if (!cib) return { ok: false, reason: "No cluster configuration available" };
    try {
      return await runFenceOperation(
        {
          cib,
          local: deps.localName(),
          members: deps.members(),
          runOn: deps.runOn,
          random: deps.random ?? Math.random,
          retryPauseMs: deps.retryPauseMs ?? RETRY_PAUSE_MS,
          signal: abort.signal,
          log: deps.log,
          eligibility,
        },
        req.target,
        req.action,
      );
    } catch (e) {
      if (abort.signal.aborted) return { ok: false, reason: "Fencer was stopped" };
      deps.log("fencer.error", { target: req.target, message: (e as Error).message });
      return { ok: false, reason: (e as Error).message };
    }
  };

  return {
    async fence(req) {
      const pending = publish({ id: randomUUID(), target: req.target, action: req.action, origin: req.origin, client: req.client, state: "pending", requestedAt: Date.now() });
      deps.log("fencer.request", { id: pending.id, target: req.target, action: req.action, client: req.client });
      const key = `${req.target}\0${req.action}`;
      let operation = running.get(key);
      if (operation) deps.log("fencer.duplicate", { id: pending.id, target: req.target, action: req.action });
      else {
        operation = carryOut(req).finally(() => running.delete(key));
        running.set(key, operation);
      }
      const outcome = await operation;
      const entry: FenceHistoryEntry = { ...pending, state: outcome.ok ? "done" : "failed", completedAt: Date.now() };
      if (outcome.delegate) entry.delegate = outcome.delegate;
      if (outcome.device) entry.device = outcome.device;
      if (!outcome.ok) entry.exitReason = outcome.reason || "Fencing failed";
      deps.log(outcome.ok ? "fencer.done" : "fencer.failed", { id: entry.id, target: entry.target, action: entry.action, delegate: entry.delegate ?? null, device: entry.device ?? null, reason: entry.exitReason ?? null });
      return publish(entry);
    },
    execute: (req) => runFenceAgent(req, abort.signal),
    confirm(target, origin, client) {
      const now = Date.now();
      deps.log("fencer.confirmed", { target, origin, client });
      return publish({ id: randomUUID(), target, action: "off", origin, client, delegate: origin, state: "done", requestedAt: now, completedAt: now });
    },
    history: (target) => history.list(target),
    record: (entry) => history.record(entry),
    merge: (entries) => history.merge(entries),
    cleanup: (target) => history.cleanup(target),
    stop: () => abort.abort(),
  };
}
