// One fencing operation carried out: the target's topology levels in order (a level succeeds when
// each of its devices does; a reboot over several devices turns them all off, then all on, as
// fenced does for redundant power supplies), or without topology every device that can fence the
// target, highest priority first, until one succeeds.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { XmlElement } from "../../cib/xml.js";
import type { Logger } from "../log.js";
import { agentCapabilities, type AgentCapabilities } from "./agent-metadata.js";
import { configuredNodes, nodeIdOf, stonithTimeoutMs } from "./cluster-config.js";
import { planDeviceAction, type PlannedDeviceAction } from "./device-request.js";
import { fenceDevices, type FenceDevice } from "./devices.js";
import type { EligibilityChecker } from "./eligibility.js";
import { executorCandidates } from "./executors.js";
import { mappedAction } from "./targets.js";
import { fencingLevels, type FencingLevel } from "./topology.js";
import type { DeviceActionRequest, DeviceActionResult, FenceAction } from "./types.js";

export interface OperationContext {
  cib: XmlElement;
  local: string;
  members: ReadonlySet<string>;
  runOn(node: string, req: DeviceActionRequest): Promise<DeviceActionResult>;
  random(): number;
  /** Between two tries of one device action (fenced sleeps 1 s). */
  retryPauseMs: number;
  signal: AbortSignal;
  log: Logger;
  eligibility: EligibilityChecker;
}

export interface OperationOutcome {
  ok: boolean;
  /** The node that ran the device that succeeded, or the last one tried. */
  delegate?: string;
  device?: string;
  reason?: string;
}

/** A retry is not started once this share of the action's timeout is spent (fenced's rule). */
const RETRY_WINDOW = 0.7;

const succeeded = (r: DeviceActionResult): boolean => r.status === "done" && r.rc === 0;
const failureReason = (device: string, r: DeviceActionResult): string => r.reason || `${device} returned ${r.rc}`;

export async function runFenceOperation(ctx: OperationContext, target: string, action: FenceAction): Promise<OperationOutcome> {
  const { cib } = ctx;
  if (!configuredNodes(cib).includes(target)) return { ok: false, reason: `${target} is not a node of this cluster` };
  const devices = new Map(fenceDevices(cib).map((d) => [d.id, d]));
  const defaultTimeoutMs = stonithTimeoutMs(cib);
  const targetNodeId = nodeIdOf(cib, target);
  const candidatesFor = (device: FenceDevice) => executorCandidates({ cib, device, target, members: ctx.members, local: ctx.local, unfencing: action === "on" });

  const eligible = async (device: FenceDevice, caps: AgentCapabilities | undefined, act: FenceAction): Promise<boolean> => {
    const nodes = candidatesFor(device);
    if (!nodes.length) {
      ctx.log("fencer.no-executor", { device: device.id, target });
      return false;
    }
    const verdict = await ctx.eligibility.canFence(device, caps, target, act, (req) => ctx.runOn(nodes[0], req));
    ctx.log("fencer.eligible", { device: device.id, target, action: act, can: verdict.can, why: verdict.why });
    return verdict.can;
  };

  /** The tries of one planned action on one node; `unreachable` when the node could not be asked. */
  const tryOn = async (node: string, device: FenceDevice, plan: PlannedDeviceAction): Promise<OperationOutcome & { unreachable?: boolean }> => {
    const started = performance.now();
    for (let attempt = 1; ; attempt++) {
      ctx.signal.throwIfAborted();
      const timeoutMs = Math.max(1, Math.round(plan.request.timeoutMs - (performance.now() - started)));
      ctx.log("fencer.attempt", { device: device.id, target, action: plan.request.action, node, attempt, timeoutMs });
      let result: DeviceActionResult;
      try {
        result = await ctx.runOn(node, { ...plan.request, timeoutMs });
      } catch (e) {
        return { ok: false, unreachable: true, delegate: node, device: device.id, reason: `${node} could not run ${device.id}: ${(e as Error).message}` };
      }
      if (succeeded(result)) {
        // as fenced logs it: what the agent said, for the record of who was shot and how
        ctx.log("fencer.attempt-done", { device: device.id, target, node, attempt, execMs: result.execTimeMs, output: lastLines(result.stdout + result.stderr) });
        return { ok: true, delegate: node, device: device.id };
      }
      const reason = failureReason(device.id, result);
      ctx.log("fencer.attempt-failed", { device: device.id, target, node, attempt, rc: result.rc, status: result.status, reason });
      const spent = performance.now() - started;
      if (attempt >= plan.tries || result.status === "timeout" || spent >= RETRY_WINDOW * plan.request.timeoutMs) {
        return { ok: false, delegate: node, device: device.id, reason };
      }
      await sleep(ctx.retryPauseMs, undefined, { signal: ctx.signal });
    }
  };

  const runDevice = async (device: FenceDevice, act: FenceAction, caps: AgentCapabilities | undefined): Promise<OperationOutcome> => {
    const nodes = candidatesFor(device);
    if (!nodes.length) return { ok: false, device: device.id, reason: `No node may run ${device.id} against ${target}` };
    const plan = planDeviceAction(device, caps, act, target, { defaultTimeoutMs, random: ctx.random, targetNodeId });
    if (plan.delayMs > 0) {
      ctx.log("fencer.delay", { device: device.id, target, action: act, delayMs: plan.delayMs });
      await sleep(plan.delayMs, undefined, { signal: ctx.signal });
    }
    let last: OperationOutcome = { ok: false, device: device.id };
    for (const node of nodes) {
      const outcome = await tryOn(node, device, plan);
      if (!outcome.unreachable) return outcome;
      last = outcome;
    }
    return last;
  };

  const attempt = async (device: FenceDevice, act: FenceAction): Promise<OperationOutcome> => {
    const caps = await agentCapabilities(device.agent);
    if (!(await eligible(device, caps, act))) return { ok: false, device: device.id, reason: `${device.id} cannot fence ${target}` };
    return runDevice(device, act, caps);
  };

  const runLevel = async (level: FencingLevel): Promise<OperationOutcome> => {
    const members: FenceDevice[] = [];
    for (const id of level.devices) {
      const device = devices.get(id);
      if (!device || device.disabled) return { ok: false, device: id, reason: `No such device: ${id} (level ${level.index})` };
      members.push(device);
    }
    if (action !== "reboot" || members.length < 2) {
      let last: OperationOutcome = { ok: false };
      for (const device of members) {
        last = await attempt(device, action);
        if (!last.ok) return last;
      }
      return last;
    }
    let off: OperationOutcome = { ok: false };
    for (const device of members) {
      off = await attempt(device, "off");
      if (!off.ok) return off;
    }
    for (const device of members) {
      const caps = await agentCapabilities(device.agent);
      if (mappedAction(device, "reboot") === "off" || !caps?.actions.has("on")) continue;
      const on = await attempt(device, "on");
      // the target is off already: fenced ignores a failed "on"
      if (!on.ok) ctx.log("fencer.on-failed-ignored", { device: device.id, target, reason: on.reason ?? "" });
    }
    return off;
  };

  const levels = fencingLevels(cib, target);
  if (levels.length) {
    let last: OperationOutcome = { ok: false };
    for (const level of levels) {
      last = await runLevel(level);
      if (last.ok) return last;
      ctx.log("fencer.level-failed", { target, level: level.index, reason: last.reason ?? "" });
    }
    return last;
  }

  const usable = [...devices.values()].filter((d) => !d.disabled);
  const capable = await Promise.all(
    usable.map(async (device) => ((await eligible(device, await agentCapabilities(device.agent), action)) ? device : undefined)),
  );
  const ordered = capable.filter((d): d is FenceDevice => !!d).sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (!ordered.length) return { ok: false, reason: `No fence device can fence ${target}` };
  let last: OperationOutcome = { ok: false };
  for (const device of ordered) {
    last = await runDevice(device, action, await agentCapabilities(device.agent));
    if (last.ok) return last;
  }
  return last;
}

/** The agent's last few lines of output, for the log (agents can be chatty). */
function lastLines(text: string, count = 3): string {
  return text.trim().split("\n").slice(-count).join("\n");
}
