// pcs stonith fence / confirm: what pcs 0.11.5 does around `stonith_admin -B|-F|-C <node>`, with the
// cluster's fencer asked through the agents (fence.request, fence.confirm).
import { createInterface } from "node:readline";
import { knownNodeNames } from "../../cib/fencing-topology.js";
import type { CommandContext } from "../context.js";
import type { FenceHistoryEntry } from "../../transport/fencing-types.js";
import type { Env } from "../../env/index.js";
import { fail, ReportedError } from "../../report/index.js";
import { fenceFailureText, noDeviceText } from "../../status/fence-history.js";
import { refuseCibFile } from "../resource/no-file.js";

/** The fencer's client name, as stonith_admin's connection is named. */
export const adminClient = (): string => `stonith_admin.${process.pid}`;

export type AgentCall = <T>(method: string, params: Record<string, unknown>) => Promise<T>;

/** The live env's agent call (-f was refused before). */
export async function fencerCall(ctx: CommandContext): Promise<{ env: Env; call: AgentCall }> {
  const env = await ctx.env();
  if (env.kind !== "live" || !env.call) fail("GENERIC", { text: "fencing needs a running pcs-lite cluster" });
  const call: AgentCall = (method, params) => env.call!(method, params);
  return { env, call };
}

/** pcs passes stonith_admin's output after its own line; it ends in a newline of its own. */
const adminFailure = (head: string, output: string): never => fail("GENERIC", { text: `${head}\n${output ? `${output}\n` : ""}\n` });

/** A call to the cluster that failed: the report's text as stonith_admin's output. */
async function orAdminFailure<T>(head: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!(e instanceof ReportedError) || !e.reports.length) throw e;
    return adminFailure(head, e.reports.map((r) => r.message).join("\n"));
  }
}

export async function fenceCommand(ctx: CommandContext): Promise<void> {
  refuseCibFile(ctx);
  if (ctx.args.length !== 1) fail("GENERIC", { text: "must specify one (and only one) node to fence" });
  const [node] = ctx.args;
  const head = `unable to fence '${node}'`;
  const { env, call } = await fencerCall(ctx);
  if (!knownNodeNames(await env.readCib()).has(node)) adminFailure(head, noDeviceText(node));
  const action = ctx.has("--off") ? "off" : "reboot";
  const { entry } = await orAdminFailure(head, () => call<{ entry: FenceHistoryEntry }>("fence.request", { target: node, action, client: adminClient() }));
  if (entry.state !== "done") adminFailure(head, fenceFailureText(node, entry));
  process.stderr.write(`Node: ${node} fenced\n`);
}

/** One line from the terminal ("" at its end); Ctrl-C ends pcs as "Interrupted", exit 1. */
function ask(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // the terminal's own line editing and echo, as Python's input() has them
    const rl = createInterface({ input: process.stdin, terminal: false });
    let answer = "";
    const interrupted = () => {
      process.stdout.write("Interrupted\n");
      rl.removeAllListeners("close");
      rl.close();
      reject(new ReportedError([], false, 1));
    };
    process.once("SIGINT", interrupted);
    rl.once("line", (line) => {
      answer = line;
      rl.close();
    });
    rl.on("close", () => {
      process.removeListener("SIGINT", interrupted);
      resolve(answer);
    });
    process.stdout.write(question);
  });
}

/**
 * pcs's confirmation of a dangerous step: with --force a warning; on a terminal a yes/no question
 * (false: canceled); otherwise an error asking for --force.
 */
export async function confirmedOrForced(ctx: CommandContext, warningText: string): Promise<boolean> {
  if (ctx.force) {
    process.stderr.write(`Warning: ${warningText}\n`);
    return true;
  }
  if (!(process.stdin.isTTY && process.stdout.isTTY)) fail("GENERIC", { text: `${warningText}, use --force to override` });
  process.stdout.write(`WARNING: ${warningText}\n`);
  const answer = await ask("Type 'yes' or 'y' to proceed, anything else to cancel: ");
  if (answer === "yes" || answer === "y") return true;
  process.stdout.write("Canceled\n");
  return false;
}

export async function confirmCommand(ctx: CommandContext): Promise<void> {
  refuseCibFile(ctx);
  if (ctx.args.length !== 1) fail("GENERIC", { text: "must specify one (and only one) node to confirm fenced" });
  const [node] = ctx.args;
  const warningText = `If node '${node}' is not powered off or it does have access to shared resources, data corruption and/or cluster failure may occur`;
  if (!(await confirmedOrForced(ctx, warningText))) return;
  const head = `unable to confirm fencing of node '${node}'`;
  const { env, call } = await fencerCall(ctx);
  if (!knownNodeNames(await env.readCib()).has(node)) adminFailure(head, noDeviceText(node, "confirm"));
  const { entry } = await orAdminFailure(head, () => call<{ entry: FenceHistoryEntry }>("fence.confirm", { target: node, client: adminClient() }));
  if (entry.state !== "done") adminFailure(head, "");
  ctx.print(`Node: ${node} confirmed fenced`);
}
