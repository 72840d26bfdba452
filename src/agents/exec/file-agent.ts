// OCF agents and LSB init scripts: an executable file run with the action as its only argument.
import { accessSync, constants, statSync } from "node:fs";
import { join } from "node:path";
import { baseEnvironment, initDirOf, ocfEnvironment, ocfRootOf } from "./environment.js";
import { runProcess } from "./process.js";
import { notInstalled, ocfRc, resultOf } from "./result.js";
import { OCF, type ExecRequest, type ExecResult } from "./types.js";

const DEFAULT_OUTPUT_LIMIT = 64 * 1024;
const METADATA_OUTPUT_LIMIT = 1024 * 1024;

/** A name that stays inside its directory. */
const plainName = (name: string | undefined): name is string => !!name && !name.includes("/") && name !== "." && name !== "..";

/** Why a file cannot be run as an agent, as an errno name, or undefined when it can. */
function fileProblem(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return "EISDIR";
    accessSync(path, constants.X_OK);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? "ENOENT";
  }
}

function outputLimit(req: ExecRequest): number {
  return req.outputLimit ?? (req.action === "meta-data" ? METADATA_OUTPUT_LIMIT : DEFAULT_OUTPUT_LIMIT);
}

export async function runOcf(req: ExecRequest, signal?: AbortSignal): Promise<ExecResult> {
  const { provider, type } = req.agent;
  if (!plainName(provider) || !plainName(type)) return notInstalled(type || req.rscId, "ENOENT");
  const file = join(ocfRootOf(req), "resource.d", provider, type);
  const problem = fileProblem(file);
  // Pacemaker names the agent when it is missing, the file when it cannot run it
  if (problem) return notInstalled(problem === "ENOENT" ? type : file, problem);
  const outcome = await runProcess({ file, args: [req.action], env: ocfEnvironment(req), timeoutMs: req.timeoutMs, outputLimit: outputLimit(req), signal });
  return resultOf(outcome, { rcOf: ocfRc, readsExitReason: true, timeoutMs: req.timeoutMs, name: file });
}

/** services__lsb2ocf: LSB status has codes of its own; other actions share OCF's up to 7. */
export function lsbRc(action: string, code: number): number {
  if (action !== "status" && action !== "monitor") return code < 0 || code > OCF.NOT_RUNNING ? OCF.UNKNOWN_ERROR : code;
  switch (code) {
    case 0:
      return OCF.OK;
    case 1: // dead, pid file remains
    case 2: // dead, lock file remains
    case 3:
      return OCF.NOT_RUNNING;
    case 150:
      return OCF.NOT_INSTALLED;
    case 151:
      return OCF.INSUFFICIENT_PRIV;
    default:
      return OCF.UNKNOWN_ERROR;
  }
}

export function lsbScriptPath(req: ExecRequest): string | undefined {
  return plainName(req.agent.type) ? join(initDirOf(req), req.agent.type) : undefined;
}

export function lsbScriptExists(req: ExecRequest): boolean {
  const path = lsbScriptPath(req);
  return !!path && fileProblem(path) !== "ENOENT";
}

export async function runLsb(req: ExecRequest, signal?: AbortSignal): Promise<ExecResult> {
  const file = lsbScriptPath(req);
  if (!file) return notInstalled(req.agent.type || req.rscId, "ENOENT");
  const action = req.action === "monitor" ? "status" : req.action;
  const problem = fileProblem(file);
  if (problem) return notInstalled(file, problem);
  // LSB scripts get no parameters: Pacemaker passes them only to OCF agents
  const outcome = await runProcess({ file, args: [action], env: baseEnvironment(req), timeoutMs: req.timeoutMs, outputLimit: outputLimit(req), signal });
  return resultOf(outcome, { rcOf: (code) => lsbRc(action, code), readsExitReason: false, timeoutMs: req.timeoutMs, name: file });
}
