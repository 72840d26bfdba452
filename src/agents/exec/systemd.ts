// systemd units through systemctl (Pacemaker talks D-Bus; the results are the same): start and
// stop wait until the unit has settled, monitor reads ActiveState.
import { existsSync } from "node:fs";
import { baseEnvironment } from "./environment.js";
import { runProcess } from "./process.js";
import { immediateResult, resultOf } from "./result.js";
import { readableInterval } from "./texts.js";
import { OCF, type ExecRequest, type ExecResult } from "./types.js";

const UNIT_SUFFIXES = [".service", ".socket", ".mount", ".timer", ".path"];
const SETTLE_POLL_MS = 500;
const SYSTEMCTL_CANDIDATES = ["/usr/bin/systemctl", "/bin/systemctl"];

/** systemd_service_name: a bare name is a .service; a template without instance gets "pacemaker". */
export function unitName(type: string): string {
  const suffix = UNIT_SUFFIXES.find((s) => type.endsWith(s));
  if (suffix) return type.slice(0, -suffix.length).endsWith("@") ? `${type.slice(0, -suffix.length)}pacemaker${suffix}` : type;
  return `${type}.service`;
}

/** systemctl, when this host runs systemd (or a test names its own with PCS_LITE_SYSTEMCTL). */
export function systemctlOf(req: ExecRequest): string | undefined {
  const chosen = req.env?.PCS_LITE_SYSTEMCTL || process.env.PCS_LITE_SYSTEMCTL;
  if (chosen) return chosen;
  if (!existsSync("/run/systemd/system")) return undefined;
  return SYSTEMCTL_CANDIDATES.find((p) => existsSync(p));
}

interface UnitState {
  loadState: string;
  activeState: string;
}

export async function runSystemd(req: ExecRequest, signal?: AbortSignal): Promise<ExecResult> {
  const systemctl = systemctlOf(req);
  if (!systemctl) return immediateResult(OCF.NOT_INSTALLED, "not-installed", `systemd is not running on this host: cannot run systemd unit ${req.agent.type}`);
  if (!req.agent.type || req.agent.type.includes("/")) return immediateResult(OCF.NOT_INSTALLED, "not-installed", `systemd unit ${req.agent.type} not found`);
  const unit = unitName(req.agent.type);
  const deadline = Date.now() + req.timeoutMs;
  const env = baseEnvironment(req);
  const startedAt = Date.now();
  let execTimeMs = 0;
  let stdout = "";
  let stderr = "";

  /** Run systemctl; its output is kept for the result unless it is only a query. */
  const systemctlRun = async (args: string[], keepOutput = true): Promise<{ code: number; out: string } | ExecResult> => {
    const outcome = await runProcess({ file: systemctl, args, env, timeoutMs: Math.max(1, deadline - Date.now()), outputLimit: 64 * 1024, signal });
    execTimeMs += outcome.execTimeMs;
    if (keepOutput) stdout += outcome.stdout;
    stderr += outcome.stderr;
    if (outcome.end.kind === "exited") return { code: outcome.end.code, out: outcome.stdout };
    return { ...resultOf(outcome, { rcOf: () => OCF.UNKNOWN_ERROR, readsExitReason: false, timeoutMs: req.timeoutMs, name: systemctl }), startedAt };
  };
  const finish = (rc: number, status: ExecResult["status"], exitReason: string): ExecResult => ({ rc, status, exitReason, stdout, stderr, execTimeMs, startedAt });

  const state = async (): Promise<UnitState | ExecResult> => {
    const r = await systemctlRun(["show", "--property=LoadState", "--property=ActiveState", unit], false);
    if ("rc" in r) return r;
    const values = Object.fromEntries(r.out.split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
    return { loadState: values.LoadState ?? "", activeState: values.ActiveState ?? "" };
  };
  /** The unit's state once it is no longer activating or deactivating (or the deadline passed). */
  const settled = async (): Promise<UnitState | ExecResult> => {
    for (;;) {
      const s = await state();
      if ("rc" in s || (s.activeState !== "activating" && s.activeState !== "deactivating")) return s;
      if (Date.now() + SETTLE_POLL_MS >= deadline) return finish(OCF.UNKNOWN_ERROR, "timeout", `Resource agent did not complete within ${readableInterval(req.timeoutMs)}`);
      await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
    }
  };

  const action = req.action === "status" ? "monitor" : req.action;
  if (!["monitor", "start", "stop", "restart"].includes(action)) return immediateResult(OCF.UNIMPLEMENT_FEATURE, "error", `Action ${req.action} not implemented for systemd resources`);

  const before = await state();
  if ("rc" in before) return before;
  if (before.loadState === "not-found") {
    // an unknown unit is as good as stopped
    return action === "stop" ? finish(OCF.OK, "done", "") : finish(OCF.NOT_INSTALLED, "not-installed", `systemd unit ${req.agent.type} not found`);
  }
  if (action !== "monitor") {
    const r = await systemctlRun([action, unit]);
    if ("rc" in r) return r;
  }
  const after = await settled();
  if ("rc" in after) return after;
  const running = after.activeState === "active" || after.activeState === "reloading";
  if (action === "stop") return running ? finish(OCF.UNKNOWN_ERROR, "done", `systemd unit ${unit} is still ${after.activeState}`) : finish(OCF.OK, "done", "");
  if (running) return finish(OCF.OK, "done", "");
  // monitors report "not running"; a start that left the unit down failed
  return action === "monitor" ? finish(OCF.NOT_RUNNING, "done", after.activeState) : finish(OCF.UNKNOWN_ERROR, "done", `systemd unit ${unit} is ${after.activeState}`);
}
