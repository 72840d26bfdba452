// Fencing as the agent protocol speaks of it: what the fencer does and remembers, and what pcs reads
// back (stonith history, pcs status), whichever engine (pcs-agent's fencer, Pacemaker's) did it.

export type FenceAction = "reboot" | "off" | "on";

export type FenceState = "pending" | "done" | "failed";

/** One fencing operation as every node's fencer remembers it (`stonith_admin --history`). */
export interface FenceHistoryEntry {
  /** Unique per operation (a UUID). */
  id: string;
  target: string;
  action: FenceAction;
  /** The node whose fencer took the request. */
  origin: string;
  /** Who asked: "pacemaker-controld.<pid>", "stonith_admin.<pid>" (pcs), "stonith-api" (confirm). */
  client: string;
  /** The node that ran the device that succeeded (or the last one tried). */
  delegate?: string;
  /** The device that succeeded (or the last one tried). */
  device?: string;
  state: FenceState;
  /** epoch ms */
  requestedAt: number;
  /** epoch ms; set once the operation is done or failed */
  completedAt?: number;
  /** Why it failed: the agent's own message where it gave one. */
  exitReason?: string;
}
