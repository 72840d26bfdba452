// Whether a device can fence a target, as fenced's can_fence_host_with_device decides: by
// pcmk_host_check, running the agent's list action (its answer kept 60 s per device) or its status
// action against the target (rc 0 "on" or 2 "off" mean the device controls it).
import type { AgentCapabilities } from "./agent-metadata.js";
import { durationMs } from "./durations.js";
import type { FenceDevice } from "./devices.js";
import { agentArguments, hostCheck, mappedAction, parseTargetList, portFor, staticListHas } from "./targets.js";
import type { DeviceActionRequest, DeviceActionResult, FenceAction } from "./types.js";

export const TARGET_LIST_MAX_AGE_MS = 60_000;

export interface Eligibility {
  can: boolean;
  /** How it was decided (for the log): the host check, or why the device is out. */
  why: string;
}

export interface EligibilityChecker {
  /** `run` executes a list or status action on a node that may run the device. */
  canFence(device: FenceDevice, caps: AgentCapabilities | undefined, target: string, action: FenceAction, run: RunCheck): Promise<Eligibility>;
}

export type RunCheck = (req: DeviceActionRequest) => Promise<DeviceActionResult>;

export interface EligibilityOptions {
  /** The deadline of a list or status run when the device sets no pcmk_<action>_timeout. */
  defaultTimeoutMs(): number;
  now?(): number;
}

interface TargetList {
  signature: string;
  targets: string[];
  at: number;
}

const signatureOf = (device: FenceDevice): string => JSON.stringify([device.agent, device.params, device.pcmk]);

export function checkRequest(device: FenceDevice, caps: AgentCapabilities | undefined, action: "list" | "status", target: string | undefined, defaultTimeoutMs: number): DeviceActionRequest {
  return {
    device: device.id,
    agent: device.agent,
    action: mappedAction(device, action),
    target,
    args: agentArguments(device, caps, action, target),
    timeoutMs: durationMs(device.pcmk[`pcmk_${action}_timeout`]) || defaultTimeoutMs,
  };
}

const ok = (r: DeviceActionResult): boolean => r.status === "done" && r.rc === 0;

export function createEligibilityChecker(o: EligibilityOptions): EligibilityChecker {
  const now = o.now ?? Date.now;
  const lists = new Map<string, TargetList>();
  /** Devices whose list never worked and whose host check was not configured: fenced switches them to status. */
  const switchedToStatus = new Map<string, string>();

  async function dynamicList(device: FenceDevice, caps: AgentCapabilities | undefined, target: string, run: RunCheck): Promise<Eligibility> {
    const signature = signatureOf(device);
    let known = lists.get(device.id);
    if (known && known.signature !== signature) known = undefined;
    if (!known || now() - known.at > TARGET_LIST_MAX_AGE_MS) {
      const result = await run(checkRequest(device, caps, "list", undefined, o.defaultTimeoutMs())).catch(() => undefined);
      if (result && ok(result)) {
        known = { signature, targets: parseTargetList(result.stdout), at: now() };
        lists.set(device.id, known);
      } else if (!known) {
        if (device.pcmk.pcmk_host_check === undefined) switchedToStatus.set(device.id, signature);
        return { can: false, why: `list failed: ${result?.reason || "could not run"}` };
      }
    }
    const port = portFor(device, target).toLowerCase();
    return { can: known.targets.some((t) => t.toLowerCase() === port), why: "dynamic-list" };
  }

  async function status(device: FenceDevice, caps: AgentCapabilities | undefined, target: string, run: RunCheck): Promise<Eligibility> {
    const result = await run(checkRequest(device, caps, "status", target, o.defaultTimeoutMs())).catch(() => undefined);
    if (!result || result.status !== "done") return { can: false, why: `status could not run: ${result?.reason || "no result"}` };
    return { can: result.rc === 0 || result.rc === 2, why: `status returned ${result.rc}` };
  }

  return {
    async canFence(device, caps, target, action, run) {
      if (action === "on" && !caps?.actions.has("on")) return { can: false, why: "Agent does not support 'on'" };
      let check = hostCheck(device, caps);
      if (check === "dynamic-list" && switchedToStatus.get(device.id) === signatureOf(device)) check = "status";
      switch (check) {
        case "none":
          return { can: true, why: "none" };
        case "static-list":
          return { can: staticListHas(device, target), why: "static-list" };
        case "dynamic-list":
          return dynamicList(device, caps, target, run);
        case "status":
          return status(device, caps, target, run);
        default:
          return { can: false, why: `Invalid pcmk_host_check: ${check}` };
      }
    },
  };
}
