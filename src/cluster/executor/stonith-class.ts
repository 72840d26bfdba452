// Fence devices as the executor sees them (Pacemaker's execd hands class=stonith to the fencer):
// start registers the device on this node, stop unregisters it, a monitor of a registered device
// runs the agent's monitor action, and a probe of an unregistered one finds it not running.
import type { ExecRequest, ExecResult } from "../../agents/exec/index.js";
import { OCF } from "../../agents/exec/index.js";
import { runStonithOperation } from "../fencer/device-ops.js";

export function createStonithClass() {
  const registered = new Set<string>();

  return async (req: ExecRequest, signal?: AbortSignal): Promise<ExecResult> => {
    const startedAt = Date.now();
    const done = (rc: number, exitReason = ""): ExecResult => ({ rc, status: "done", exitReason, stdout: "", stderr: "", execTimeMs: 0, startedAt });
    if (req.action === "stop") {
      registered.delete(req.rscId);
      return done(OCF.OK);
    }
    if (req.action === "monitor" && !registered.has(req.rscId)) return done(OCF.NOT_RUNNING);
    if (req.action !== "start" && req.action !== "monitor") return done(OCF.UNIMPLEMENT_FEATURE, `${req.action}: not an action of fence devices`);
    const r = await runStonithOperation({ rscId: req.rscId, agent: req.agent.type, action: req.action, params: req.params, timeoutMs: req.timeoutMs }, signal);
    if (req.action === "start" && r.status === "done" && r.rc === OCF.OK) registered.add(req.rscId);
    return { rc: r.rc, status: r.status, exitReason: r.exitReason, stdout: "", stderr: "", execTimeMs: r.execTimeMs, startedAt };
  };
}
