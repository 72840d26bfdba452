// The executor's side of a stonith primitive, as Pacemaker 2.1's executor does it through the
// fencer: start registers the device (here: its agent must be installed) and then monitors it,
// stop unregisters it (nothing to run), monitor runs the agent's monitor action. A failed monitor
// is OCF "unknown error" (1), whatever the agent returned.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { splitAttributes } from "./devices.js";
import { durationMs, integerOption } from "./durations.js";
import { DEFAULT_RETRIES } from "./device-request.js";
import { findFenceAgent, runFenceAgent } from "./run-agent.js";
import type { DeviceActionResult } from "./types.js";

export interface StonithOperation {
  rscId: string;
  agent: string;
  action: "start" | "stop" | "monitor";
  /** The primitive's instance attributes, pcmk_* options included (they are not passed to the agent). */
  params: Record<string, string>;
  timeoutMs: number;
  /** Between two tries of the monitor (fenced waits 1 s). */
  retryPauseMs?: number;
}

export interface StonithOperationResult {
  rc: number;
  status: "done" | "timeout" | "error" | "not-installed";
  exitReason: string;
  execTimeMs: number;
}

const OCF_OK = 0;
const OCF_UNKNOWN_ERROR = 1;
const OCF_NOT_INSTALLED = 5;
const RETRY_WINDOW = 0.7;

async function monitor(op: StonithOperation, signal: AbortSignal | undefined): Promise<DeviceActionResult> {
  const { params, pcmk } = splitAttributes(Object.entries(op.params));
  const action = pcmk.pcmk_monitor_action || "monitor";
  const timeoutMs = durationMs(pcmk.pcmk_monitor_timeout) || op.timeoutMs;
  const tries = Math.max(1, integerOption(pcmk.pcmk_monitor_retries, DEFAULT_RETRIES));
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    const remaining = Math.max(1, Math.round(timeoutMs - (performance.now() - started)));
    const result = await runFenceAgent({ device: op.rscId, agent: op.agent, action, args: { action, ...params }, timeoutMs: remaining }, signal);
    const spent = performance.now() - started;
    const done = result.status === "done" && result.rc === 0;
    if (done || attempt >= tries || result.status !== "done" || spent >= RETRY_WINDOW * timeoutMs || signal?.aborted) return result;
    await sleep(op.retryPauseMs ?? 1000, undefined, { signal }).catch(() => undefined);
  }
}

export async function runStonithOperation(op: StonithOperation, signal?: AbortSignal): Promise<StonithOperationResult> {
  const t0 = performance.now();
  const finish = (rc: number, status: StonithOperationResult["status"], exitReason: string): StonithOperationResult => ({ rc, status, exitReason, execTimeMs: performance.now() - t0 });
  if (op.action === "stop") return finish(OCF_OK, "done", "");
  if (!findFenceAgent(op.agent)) return finish(OCF_NOT_INSTALLED, "not-installed", "fence agent not found");
  const result = await monitor(op, signal);
  if (result.status === "not-installed") return finish(OCF_NOT_INSTALLED, "not-installed", result.reason || "fence agent not found");
  if (result.status === "done" && result.rc === 0) return finish(OCF_OK, "done", "");
  return finish(OCF_UNKNOWN_ERROR, result.status, result.reason);
}
