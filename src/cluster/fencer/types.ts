// The fencer's vocabulary, shared by the DC's controller, the fencer on every node and the pcs
// commands that ask for fencing or read its history (Pacemaker's stonith_history_t, in our terms).

export type { FenceAction, FenceState, FenceHistoryEntry } from "../../transport/fencing-types.js";
import type { FenceAction } from "../../transport/fencing-types.js";

export interface FenceRequest {
  target: string;
  action: FenceAction;
  origin: string;
  client: string;
}

/** One device action to run on the node the fencer chose (RPC `fence.exec`). */
export interface DeviceActionRequest {
  /** The device's id in the CIB. */
  device: string;
  /** fence_* program name (the primitive's type). */
  agent: string;
  /** The agent action after pcmk_<action>_action mapping: reboot, off, on, status, list, monitor. */
  action: string;
  /** Node being fenced (absent for list and monitor). */
  target?: string;
  /** Everything the agent reads on stdin, action/nodename/port included. */
  args: Record<string, string>;
  timeoutMs: number;
}

export interface DeviceActionResult {
  rc: number;
  /** "done" when the agent exited; "timeout" when it was killed at its deadline; "error" when it could not run. */
  status: "done" | "timeout" | "error" | "not-installed";
  stdout: string;
  stderr: string;
  /** A one-line reason for a failure (the agent's last stderr line, or what went wrong). */
  reason: string;
  execTimeMs: number;
}
