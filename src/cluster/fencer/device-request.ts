// One device action of a fencing operation, planned as fenced schedules it: a reboot becomes
// "off" for agents without reboot, then pcmk_<action>_action, pcmk_<action>_timeout (else
// stonith-timeout), pcmk_<action>_retries (default 2) and, before reboot and off only, a delay of
// pcmk_delay_base plus a random part up to pcmk_delay_max.
import type { AgentCapabilities } from "./agent-metadata.js";
import { durationMs, integerOption } from "./durations.js";
import type { FenceDevice } from "./devices.js";
import { agentArguments } from "./targets.js";
import type { DeviceActionRequest, FenceAction } from "./types.js";

/** How many times fenced tries an agent action by default (within its timeout). */
export const DEFAULT_RETRIES = 2;

export interface PlannedDeviceAction {
  /** The action after the reboot-to-off remap (before pcmk_<action>_action). */
  action: FenceAction;
  request: DeviceActionRequest;
  /** Tries within request.timeoutMs (at least 1). */
  tries: number;
  delayMs: number;
}

export interface PlanOptions {
  defaultTimeoutMs: number;
  /** 0 <= random() < 1 */
  random(): number;
  targetNodeId?: string;
}

/** pcmk_delay_base: one duration, or per target `node1:5s;node2:10s` (a name matches case-insensitively as a prefix, as fenced compares). */
function delayBaseMs(value: string | undefined, target: string): number {
  if (!value) return 0;
  let chosen = value;
  for (const item of value.split(/[;\s]+/).filter(Boolean)) {
    const colon = item.indexOf(":");
    if (colon <= 0 || colon === item.length - 1) continue;
    const name = item.slice(0, colon);
    if (target.toLowerCase().startsWith(name.toLowerCase())) {
      chosen = item.slice(colon + 1);
      break;
    }
  }
  return chosen.includes(":") ? 0 : (durationMs(chosen) ?? 0);
}

/** The random delay before a reboot or off, in ms. */
export function fencingDelayMs(device: FenceDevice, action: string, target: string, random: () => number): number {
  if (action !== "reboot" && action !== "off") return 0;
  let max = durationMs(device.pcmk.pcmk_delay_max) ?? 0;
  let base = delayBaseMs(device.pcmk.pcmk_delay_base, target);
  if (max === 0) max = base;
  if (max < base) base = max;
  if (max <= 0) return 0;
  return Math.floor(base + (max > base ? random() * (max - base) : 0));
}

export function planDeviceAction(device: FenceDevice, caps: AgentCapabilities | undefined, requested: FenceAction, target: string, o: PlanOptions): PlannedDeviceAction {
  const action: FenceAction = requested === "reboot" && caps && !caps.actions.has("reboot") ? "off" : requested;
  const args = agentArguments(device, caps, action, target, o.targetNodeId);
  const timeoutMs = durationMs(device.pcmk[`pcmk_${action}_timeout`]) || o.defaultTimeoutMs;
  return {
    action,
    request: { device: device.id, agent: device.agent, action: args.action, target, args, timeoutMs },
    tries: Math.max(1, integerOption(device.pcmk[`pcmk_${action}_retries`], DEFAULT_RETRIES)),
    delayMs: fencingDelayMs(device, requested, target, o.random),
  };
}
