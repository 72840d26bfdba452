// The node's executor (Pacemaker's pacemaker-execd): runs the agent actions the controller asks
// for, one at a time per resource and in parallel across resources, repeats recurring monitors,
// and serves the agents' crm_attribute / crm_node / attrd_updater shims.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { runAgent, type ExecRequest, type ExecResult } from "../../agents/exec/index.js";
import { SOCKET_VARIABLE } from "./attribute-protocol.js";
import { startAttributeServer } from "./attribute-server.js";
import { createResourceQueues } from "./resource-queue.js";
import { createStonithClass } from "./stonith-class.js";
import { defaultShimCommand, writeShims } from "./shims.js";
import type { Executor, ExecutorOptions, RecurringKey } from "./types.js";

export type { AttributeService, Executor, ExecutorOptions, RecurringKey } from "./types.js";

interface Recurring extends RecurringKey {
  req: ExecRequest;
  timer?: NodeJS.Timeout;
  abort?: AbortController;
  last?: { rc: number; status: ExecResult["status"] };
  cancelled: boolean;
}

const keyOf = (rscId: string, action: string, intervalMs: number) => `${rscId}\0${action}\0${intervalMs}`;

/** The per-node directories agents keep their state in (three sandbox nodes share one host). */
export function executorPaths(stateDir: string) {
  const varRun = join(stateDir, "run");
  return { varRun, rscTmp: join(varRun, "resource-agents"), socket: join(stateDir, "attrd.sock") };
}

export function createExecutor(o: ExecutorOptions): Executor {
  mkdirSync(o.stateDir, { recursive: true, mode: 0o700 });
  const paths = executorPaths(o.stateDir);
  mkdirSync(paths.rscTmp, { recursive: true, mode: 0o755 });
  let shimCommand: string[];
  try {
    shimCommand = o.shimCommand ?? defaultShimCommand();
  } catch (e) {
    o.log("executor.shims-unavailable", { message: (e as Error).message });
    shimCommand = ["/bin/false"];
  }
  writeShims(o.sbinDir, shimCommand);
  const server = startAttributeServer(paths.socket, o.attributes, o.log);

  const agentEnv: Record<string, string> = {
    HA_RSCTMP: paths.rscTmp,
    HA_VARRUN: paths.varRun,
    HA_SBIN_DIR: o.sbinDir,
    [SOCKET_VARIABLE]: paths.socket,
    ...(o.ocfRoot ? { OCF_ROOT: o.ocfRoot } : {}),
  };
  const prepared = (req: ExecRequest): ExecRequest => ({
    ...req,
    env: { ...agentEnv, ...req.env, PATH: [o.sbinDir, req.env?.PATH].filter(Boolean).join(":") },
  });

  const queues = createResourceQueues();
  const recurring = new Map<string, Recurring>();
  let stopped = false;

  const stonith = createStonithClass();
  const execute = async (req: ExecRequest, signal?: AbortSignal): Promise<ExecResult> => {
    await server.ready;
    if (req.agent.class === "stonith") return stonith(req, signal);
    return runAgent(prepared(req), signal);
  };

  const logResult = (req: ExecRequest, result: ExecResult) => {
    const failed = result.status !== "done" || ![0, 7, 8].includes(result.rc);
    o.log("executor.op", {
      rsc: req.rscId,
      action: req.action,
      intervalMs: req.intervalMs ?? 0,
      rc: result.rc,
      status: result.status,
      execMs: Math.round(result.execTimeMs),
      ...(result.exitReason ? { exitReason: result.exitReason } : {}),
      ...(failed && result.stderr ? { stderr: result.stderr.slice(-2000) } : {}),
    });
  };

  const cancelEntry = (entry: Recurring) => {
    entry.cancelled = true;
    if (entry.timer) clearTimeout(entry.timer);
    entry.abort?.abort();
    recurring.delete(keyOf(entry.rscId, entry.action, entry.intervalMs));
  };

  const iterate = (entry: Recurring) => {
    void queues.enqueue(entry.rscId, async () => {
      if (entry.cancelled) return;
      entry.abort = new AbortController();
      const result = await execute(entry.req, entry.abort.signal);
      entry.abort = undefined;
      // a cancelled operation's last run is nobody's news
      if (entry.cancelled) return;
      const changed = !entry.last || entry.last.rc !== result.rc || entry.last.status !== result.status;
      entry.last = { rc: result.rc, status: result.status };
      if (changed) {
        logResult(entry.req, result);
        try {
          o.onRecurringResult(entry.req, result);
        } catch (e) {
          o.log("executor.report-failed", { rsc: entry.rscId, message: (e as Error).message });
        }
      }
      if (!entry.cancelled && !stopped) entry.timer = setTimeout(() => iterate(entry), entry.intervalMs);
    });
  };

  const cancelAll = (rscId: string) => {
    for (const entry of [...recurring.values()]) if (entry.rscId === rscId) cancelEntry(entry);
  };

  const run = (req: ExecRequest): Promise<ExecResult> => {
    if (stopped) return Promise.resolve({ rc: 1, status: "error", exitReason: "executor is shutting down", stdout: "", stderr: "", execTimeMs: 0, startedAt: Date.now() });
    // Pacemaker's executor cancels a resource's recurring operations when a stop is queued
    if (req.action === "stop") cancelAll(req.rscId);
    const queuedAt = performance.now();
    return queues.enqueue(req.rscId, async () => {
      const queueTimeMs = Math.round(performance.now() - queuedAt);
      const result = { ...(await execute(req)), queueTimeMs };
      logResult(req, result);
      return result;
    });
  };

  return {
    run,
    startRecurring(req) {
      if (stopped) return;
      const intervalMs = req.intervalMs ?? 0;
      const key = keyOf(req.rscId, req.action, intervalMs);
      const previous = recurring.get(key);
      if (previous) cancelEntry(previous);
      if (intervalMs <= 0) {
        // not recurring after all: one run, reported like a recurring op's first result
        void run(req).then((result) => o.onRecurringResult(req, result));
        return;
      }
      const entry: Recurring = { rscId: req.rscId, action: req.action, intervalMs, req, cancelled: false };
      recurring.set(key, entry);
      iterate(entry);
    },
    cancel(rscId, action, intervalMs) {
      const entry = recurring.get(keyOf(rscId, action, intervalMs));
      if (!entry) return false;
      cancelEntry(entry);
      return true;
    },
    cancelAll,
    active() {
      return [...recurring.values()].map(({ rscId, action, intervalMs }) => ({ rscId, action, intervalMs }));
    },
    async stop() {
      stopped = true;
      for (const entry of [...recurring.values()]) cancelEntry(entry);
      await queues.idle();
      await server.close();
    },
  };
}
