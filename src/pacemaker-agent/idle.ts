// controller.state for a Pacemaker node: idle when `crm_resource --wait` finds nothing left to do on
// the current CIB, as pcs waits. crm_resource sleeps 2 s before it looks, so its answer is remembered
// with the CIB version it was given for: asked again while the CIB has not changed, the node answers
// at once. The "transition" is that version, numbered: the CLI takes two idle answers for the same one.
import type { XmlElement } from "../cib/xml.js";
import type { ControllerState } from "../env/types.js";
import { CRM_EX, type Tools } from "../env/pacemaker/tools.js";
import { dcOf } from "./facts.js";

/** crm_resource --timeout: it looks once after its first sleep, and again only within this. */
const WAIT_SECONDS = 2;
const SLACK_MS = 5000;

export function idleProbe(tools: Tools, readCib: () => Promise<XmlElement>): () => Promise<ControllerState> {
  let version = "";
  let transitionId = 0;
  let idleAt = "";
  return async () => {
    const cib = await readCib();
    const now = `${cib.attrs.admin_epoch ?? 0}.${cib.attrs.epoch ?? 0}.${cib.attrs.num_updates ?? 0}`;
    if (now !== version) {
      version = now;
      transitionId++;
    }
    const dc = dcOf(cib);
    if (idleAt === now) return { dc, idle: true, transitionId, inFlight: 0 };
    const result = await tools.run("crm_resource", ["--wait", `--timeout=${WAIT_SECONDS}`], { timeoutMs: WAIT_SECONDS * 1000 + SLACK_MS });
    const idle = result.code === CRM_EX.OK && !result.timedOut;
    if (idle) idleAt = now;
    return { dc, idle, transitionId, inFlight: idle ? 0 : 1 };
  };
}
