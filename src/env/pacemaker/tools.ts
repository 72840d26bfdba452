// Pacemaker's command-line tools, run directly (argument lists, never a shell), each within a
// deadline. Where they live: /usr/sbin as pcs has it, PCS_LITE_PACEMAKER_SBIN to point elsewhere.
import { join } from "node:path";
import type { Runner, RunResult } from "../../host/runner.js";
import { fail } from "../../report/index.js";

export type PacemakerTool =
  | "cibadmin"
  | "crm_mon"
  | "crm_resource"
  | "crm_node"
  | "crm_attribute"
  | "crm_failcount"
  | "crm_standby"
  | "stonith_admin";

export const sbinDir = (): string => process.env.PCS_LITE_PACEMAKER_SBIN || "/usr/sbin";

/** Pacemaker's exit codes (crm_exit_t) the environment tells apart. */
export const CRM_EX = {
  OK: 0,
  ERROR: 1,
  INSUFFICIENT_PRIV: 4,
  NOT_CONNECTED: 102,
  OLD: 103,
  TIMEOUT: 124,
  /** the tool did not start (ENOENT from spawn, as processRunner reports it) */
  NOT_INSTALLED: 127,
} as const;

export interface ToolRun {
  stdin?: string;
  timeoutMs: number;
}

export interface Tools {
  run(tool: PacemakerTool, args: string[], options: ToolRun): Promise<RunResult>;
}

/** The tools through `runner`, every call given its deadline; `trace` hears each call (for --debug). */
export function pacemakerTools(runner: Runner, trace: (text: string) => void = () => undefined): Tools {
  return {
    async run(tool, args, options) {
      const started = performance.now();
      const result = await runner(join(sbinDir(), tool), args, { stdin: options.stdin, timeoutMs: options.timeoutMs });
      trace(`${tool} ${args.join(" ")} -> ${result.timedOut ? "timed out" : result.code} (${(performance.now() - started).toFixed(1)} ms)`);
      return result;
    },
  };
}

/** stderr and stdout joined, as pcs joins them for its messages. */
export const joinedOutput = (result: RunResult): string =>
  [result.stderr, result.stdout]
    .map((s) => s.trim())
    .filter(Boolean)
    .join("\n");

/** A tool that could not run or did not finish: the same for every call. */
export function failIfNotRun(tool: PacemakerTool, result: RunResult, timeoutMs: number): void {
  if (result.timedOut) fail("GENERIC", { text: `${tool} did not finish within ${Math.ceil(timeoutMs / 1000)} s` });
  if (result.code === CRM_EX.NOT_INSTALLED && !result.stdout) fail("GENERIC", { text: `unable to run ${join(sbinDir(), tool)}: ${result.stderr.trim()}` });
}
