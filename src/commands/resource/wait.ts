// --wait[=n]: on a CIB file pcs refuses it (in one of two wordings); on a live cluster the command
// waits, after its change, until the DC's controller is idle, as `crm_resource --wait` does.
import { timeoutToSeconds } from "../../cib/operations.js";
import type { XmlElement } from "../../cib/xml.js";
import type { CommandContext } from "../context.js";
import type { Env } from "../../env/index.js";
import { error, fail, info, ReportedError, type Reports } from "../../report/index.js";
import { startProgress } from "./terminal.js";

type WithOptions = { has(option: string): boolean };

/** pcs's legacy commands: "Cannot use '-f' together with '--wait'", at once. */
export function refuseWaitWithFile(ctx: WithOptions): void {
  if (ctx.has("--wait") && ctx.has("-f")) fail("WAIT_FOR_IDLE_NOT_LIVE_CLUSTER", undefined as never);
}

/** pcs's library commands: reported through the command's reports, then fail. */
export function refuseWaitWithMockedCib(ctx: WithOptions & { reports: Reports }): void {
  if (ctx.has("--wait") && ctx.has("-f")) {
    ctx.reports.add(error("WAIT_NOT_POSSIBLE_WITH_MOCKED_CIB", undefined as never));
    ctx.reports.throwIfErrors();
  }
}

/** crm_resource --wait without --timeout gives up after an hour. */
export const DEFAULT_WAIT_SECONDS = 60 * 60;

/**
 * pcs's library reading of --wait: undefined when not given, 0 for "the default", else seconds.
 * A bad value is pcs's INVALID_TIMEOUT_VALUE.
 */
export function waitSeconds(ctx: CommandContext): number | undefined {
  if (!ctx.has("--wait")) return undefined;
  const value = ctx.value("--wait");
  if (value === undefined) return 0;
  const seconds = timeoutToSeconds(value);
  if (seconds === undefined) fail("GENERIC", { text: `'${value}' is not a valid number of seconds to wait` });
  return seconds;
}

/** What `crm_resource --wait` lists when it gives up: the actions the scheduler still wants. */
export async function pendingActions(cib: XmlElement, now = Date.now()): Promise<string[]> {
  // the scheduler is loaded only here: most commands import this module just for the refusals above
  const { schedule } = await import("../../scheduler/index.js");
  const lines = ["Pending actions:"];
  let id = 0;
  const add = (key: string, node?: string) => lines.push(`\tAction ${++id}: ${key}${node ? `\ton ${node}` : ""}`);
  const result = schedule(cib, now);
  for (const f of result.fencing) add(`stonith-${f.node}-${f.action}`, f.node);
  for (const plan of result.plans.values()) {
    const rsc = plan.rsc.id;
    if (plan.stop && plan.from) add(`${rsc}_stop_0`, plan.from.uname);
    if (plan.start && !plan.startBlocked && plan.to) add(`${rsc}_start_0`, plan.to.uname);
    if (plan.to && plan.rsc.nextRole === "Promoted" && plan.rsc.role !== "Promoted" && !plan.startBlocked) add(`${rsc}_promote_0`, plan.to.uname);
  }
  return lines;
}

/**
 * Waits as pcs's env.wait_for_idle does: "Waiting for the cluster to apply configuration changes..." on
 * stderr, then the cluster idle, or pcs's "waiting timeout" error (exit 1). `seconds` 0 is the default.
 */
export async function waitForIdle(env: Env, seconds: number, what = "the cluster to settle"): Promise<void> {
  const shown = seconds > 0 ? ` (timeout: ${seconds} second${seconds === 1 ? "" : "s"})` : "";
  process.stderr.write(`${info("GENERIC", { text: `Waiting for the cluster to apply configuration changes${shown}...` }).message}\n`);
  await waitQuietly(env, seconds, what);
}

/** The wait itself, with no line of pcs's: for commands that print their own (restart, move). */
export async function waitQuietly(env: Env, seconds: number, what: string): Promise<void> {
  if (!env.waitForIdle) fail("WAIT_FOR_IDLE_NOT_LIVE_CLUSTER", undefined as never);
  const timeoutMs = (seconds > 0 ? seconds : DEFAULT_WAIT_SECONDS) * 1000;
  const progress = await startProgress(`Waiting for ${what}`);
  let idle: boolean;
  try {
    idle = await env.waitForIdle!(timeoutMs, (state) => progress.update(`Waiting for ${what}: ${state}`));
  } finally {
    progress.stop();
  }
  if (idle) return;
  let pending: string[] = [];
  try {
    pending = await pendingActions(await env.readCib());
  } catch {
    // the listing is a courtesy; the timeout is the error
  }
  const reason = ["crm_resource: Error performing operation: Timeout occurred", ...pending].join("\n");
  throw new ReportedError([error("GENERIC", { text: `waiting timeout\n\n${reason}` })], false);
}
