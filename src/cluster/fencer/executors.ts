// Which members may run a device against a target, best first. Like fenced's choice of a peer:
// never the target itself, never a node the device is banned from; a node where the device is
// running (its "verified" peers) before others, the local node first, then by name.
import { childElements, firstChild, type XmlElement } from "../../cib/xml.js";
import type { FenceDevice } from "./devices.js";

const RUNNING_AFTER = new Set(["start", "monitor", "promote", "demote", "migrate_from"]);

function lastOperation(resource: XmlElement): XmlElement | undefined {
  let last: XmlElement | undefined;
  let lastCall = -Infinity;
  for (const op of childElements(resource, "lrm_rsc_op")) {
    const call = Number(op.attrs["call-id"]);
    if (!Number.isFinite(call) || call < 0) continue;
    if (call >= lastCall) {
      last = op;
      lastCall = call;
    }
  }
  return last;
}

/** Nodes whose status section says the device is started there. */
export function nodesRunning(cib: XmlElement, deviceId: string): Set<string> {
  const running = new Set<string>();
  const status = firstChild(cib, "status");
  for (const state of status ? childElements(status, "node_state") : []) {
    const resources = firstChild(firstChild(state, "lrm") ?? state, "lrm_resources");
    for (const rsc of resources ? childElements(resources, "lrm_resource") : []) {
      const id = rsc.attrs.id ?? "";
      if (id !== deviceId && !id.startsWith(`${deviceId}:`)) continue;
      const op = lastOperation(rsc);
      if (op && RUNNING_AFTER.has(op.attrs.operation ?? "") && op.attrs["rc-code"] === "0" && state.attrs.uname) running.add(state.attrs.uname);
    }
  }
  return running;
}

export interface ExecutorChoice {
  cib: XmlElement;
  device: FenceDevice;
  target: string;
  members: ReadonlySet<string>;
  local: string;
  /** Unfencing ("on") is best run by the target itself (fence_scsi registers its own key), which is up by then. */
  unfencing?: boolean;
}

/** The members that may run the device against the target, in the order to try them. */
export function executorCandidates(c: ExecutorChoice): string[] {
  const running = nodesRunning(c.cib, c.device.id);
  const rank = (node: string): number => (c.unfencing && node === c.target ? -4 : 0) + (running.has(node) ? 0 : 2) + (node === c.local ? 0 : 1);
  return [...c.members]
    .filter((node) => (c.unfencing || node !== c.target) && !c.device.bannedOn(node))
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
