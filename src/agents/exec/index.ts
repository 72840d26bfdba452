// Run one resource agent action as Pacemaker's executor does, and report its result. Knows
// nothing of clusters: the node's executor and `pcs resource debug-*` both use it.
import { lsbScriptExists, runLsb, runOcf } from "./file-agent.js";
import { immediateResult } from "./result.js";
import { runSystemd, systemctlOf } from "./systemd.js";
import { OCF, type ExecRequest, type ExecResult } from "./types.js";

export type { AgentRef, ExecRequest, ExecResult, ExecStatus } from "./types.js";
export { EXIT_REASON_PREFIX, OCF } from "./types.js";
export { metaVariable, ocfEnvironment } from "./environment.js";
export { lsbRc } from "./file-agent.js";
export { execStatusText, exitReasonFrom, ocfResultText, readableInterval } from "./texts.js";
export { KILL_GRACE_MS, runProcess, type ProcessEnd } from "./process.js";
export { unitName } from "./systemd.js";

const DEFAULT_TIMEOUT_MS = 20000;

/** What the "service" class means on this host: an init script if there is one, else a systemd
 * unit systemd knows, else (as Pacemaker assumes) an init script. */
export async function serviceClass(req: ExecRequest): Promise<"lsb" | "systemd"> {
  if (lsbScriptExists(req)) return "lsb";
  if (!systemctlOf(req)) return "lsb";
  const probe = await runSystemd({ ...req, agent: { class: "systemd", type: req.agent.type }, action: "monitor", timeoutMs: Math.min(req.timeoutMs, 5000) });
  return probe.status === "not-installed" ? "lsb" : "systemd";
}

export async function runAgent(req: ExecRequest, signal?: AbortSignal): Promise<ExecResult> {
  const timeoutMs = Number.isFinite(req.timeoutMs) && req.timeoutMs > 0 ? req.timeoutMs : DEFAULT_TIMEOUT_MS;
  const r = { ...req, timeoutMs };
  try {
    let standard = r.agent.class.toLowerCase();
    if (standard === "service") standard = await serviceClass(r);
    switch (standard) {
      case "ocf":
        return await runOcf(r, signal);
      case "lsb":
        return await runLsb(r, signal);
      case "systemd":
        return await runSystemd(r, signal);
      default:
        return immediateResult(OCF.NOT_INSTALLED, "not-installed", `${r.agent.class}: resource class not supported by this executor`);
    }
  } catch (e) {
    return immediateResult(OCF.UNKNOWN_ERROR, "error", `Cannot run ${r.agent.type || r.rscId}: ${(e as Error).message}`);
  }
}

