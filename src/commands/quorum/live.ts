// The quorum commands that only act on a running cluster: pcs refuses --corosync_conf and -f for them.
import type { CommandContext, Handler } from "../context.js";
import { processRunner } from "../../host/runner.js";
import { fail } from "../../report/index.js";
import { ensureOnlySupported, InputError, withInputErrors } from "./args.js";
import { QUORUM_USAGE_HEADER } from "./config.js";

const QDEVICE_TOOL = "/usr/sbin/corosync-qdevice-tool";
const TOOL_TIMEOUT_MS = 30000;

/** The live handler, behind pcs's checks of its options and (no) arguments. */
export const liveQuorumCommand =
  (handler: Handler, supported: readonly string[] = []): Handler =>
  (ctx) =>
    withInputErrors(ctx, QUORUM_USAGE_HEADER, async () => {
      ensureOnlySupported(ctx, supported);
      if (ctx.args.length) throw new InputError();
      await handler(ctx);
    });

export async function expectedVotesCommand(ctx: CommandContext): Promise<void> {
  await withInputErrors(ctx, QUORUM_USAGE_HEADER, () => {
    ensureOnlySupported(ctx, []);
    if (ctx.args.length !== 1) throw new InputError();
    const votes = ctx.args[0];
    if (!/^[+-]?[0-9]+$/.test(votes) || Number(votes) < 1) {
      fail("GENERIC", { text: `'${votes}' is not a valid expected votes value, use positive integer` });
    }
    fail("GENERIC", {
      text: "'pcs quorum expected-votes' is not supported by pcs-lite yet: its clusters take expected votes from the node list",
    });
  });
}

/** pcs-lite clusters never wait for all nodes (no wait_for_all), which is what pcs checks first. */
export const unblockCommand = liveQuorumCommand(() => {
  fail("GENERIC", { text: "cluster is not waiting for nodes to establish quorum" });
}, ["--force"]);

export const deviceStatusCommand = liveQuorumCommand(async (ctx) => {
  const args = ctx.has("--full") ? ["-s", "-v"] : ["-s"];
  const result = await processRunner(QDEVICE_TOOL, args, { timeoutMs: TOOL_TIMEOUT_MS });
  if (result.code === 127 && !result.stdout) {
    fail("GENERIC", { text: `unable to run command ${QDEVICE_TOOL} ${args.join(" ")}: No such file or directory` });
  }
  if (result.timedOut) fail("GENERIC", { text: `unable to run command ${QDEVICE_TOOL} ${args.join(" ")}: timed out` });
  if (result.code !== 0) fail("GENERIC", { text: `Unable to get quorum status: ${[result.stderr, result.stdout].map((t) => t.trim()).filter(Boolean).join("\n")}` });
  process.stdout.write(`${result.stdout}\n`); // pcs prints the tool's output with a newline of its own
}, ["--full"]);
