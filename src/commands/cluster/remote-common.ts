// What adding and removing remote and guest nodes share: the nodes already in use, the default
// address of a new node, and the reports for the work on the node itself (pacemaker authkey,
// pacemaker_remote service), which pcs-lite does not do: pcs skips it with -f, pcs-lite always.
import { existsSync } from "node:fs";
import { section } from "../../cib/document.js";
import { pacemakerNodes } from "../../cib/remote-node.js";
import { childElements, type XmlElement } from "../../cib/xml.js";
import type { Env } from "../../env/index.js";
import { info, ReportedError, warning, type Reports } from "../../report/index.js";
import type { SkipReason } from "../../report/messages/remote-node.js";
import { knownHostsFile, readKnownHosts } from "../../transport/config-dir.js";
import type { CommandContext } from "../context.js";
import { refuseWaitWithFile, waitForIdle, waitSeconds } from "../resource/wait.js";

const AUTHKEY = "pacemaker authkey";

export const skipReason = (env: Env): SkipReason => (env.kind === "file" ? "not-live" : "not-managed");

/**
 * Node names and addresses a new node must not take: remote and guest nodes of the CIB and, on a
 * live cluster, its cluster nodes (pcs reads those from corosync.conf; with -f it says it cannot).
 */
export function nodesInUse(cib: XmlElement, env: Env, reports: Reports): { names: string[]; addrs: string[] } {
  const { names, addrs } = pacemakerNodes(section(cib, "resources"));
  if (env.kind === "file") {
    reports.add(info("COROSYNC_NODE_CONFLICT_CHECK_SKIPPED", { reason: "not-live" }));
    return { names, addrs };
  }
  const clusterNodes = childElements(section(cib, "nodes"), "node").map((n) => n.attrs.uname ?? "");
  return { names: [...clusterNodes, ...names], addrs: [...clusterNodes, ...addrs] };
}

/** A new node's address when none is given: the one it was authenticated with, else its name. */
export function defaultAddress(node: string, reports: Reports): string {
  const file = knownHostsFile();
  if (!existsSync(file)) reports.add(warning("KNOWN_HOSTS_READ_ERROR", { file, reason: "No such file or directory" }));
  const address = readKnownHosts()[node]?.host ?? node;
  reports.add(info("USING_DEFAULT_ADDRESS_FOR_HOST", { host: node, address }));
  return address;
}

export function reportAddSkipped(reports: Reports, reason: SkipReason, node: string): void {
  reports.add(
    info("FILES_DISTRIBUTION_SKIPPED", { reason, files: [AUTHKEY], nodes: [node] }),
    info("SERVICE_COMMANDS_ON_NODES_SKIPPED", { reason, actions: ["pacemaker_remote start", "pacemaker_remote enable"], nodes: [node] }),
  );
}

export function reportRemoveSkipped(reports: Reports, reason: SkipReason, nodes: string[]): void {
  reports.add(
    info("SERVICE_COMMANDS_ON_NODES_SKIPPED", { reason, actions: ["pacemaker_remote stop", "pacemaker_remote disable"], nodes }),
    info("FILES_REMOVE_FROM_NODES_SKIPPED", { reason, files: [AUTHKEY], nodes }),
  );
}

/** --wait: refused with -f (first of all, as pcs); returns the seconds to wait after the change on a live cluster. */
export function checkWait(ctx: CommandContext): number | undefined {
  refuseWaitWithFile(ctx);
  return waitSeconds(ctx);
}

export async function waitAfterChange(env: Env, seconds: number | undefined, what: string): Promise<void> {
  if (seconds !== undefined) await waitForIdle(env, seconds, what);
}

/** pcs's bare CmdLineInputError: the command's usage and a blank line on stderr, exit 1. */
export function usageError(ctx: CommandContext): never {
  process.stderr.write(`\nUsage: pcs ${ctx.route.path.join(" ")}...\n${ctx.usage.route()}\n`);
  throw new ReportedError([], false);
}
