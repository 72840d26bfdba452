// pcs status cluster, and the status views that need a running cluster (corosync, quorum, pcsd, booth,
// qdevice): pcs refuses those on a CIB file.
import type { CommandContext } from "../context.js";
import { crmMonLines } from "./full-status.js";
import { usageError } from "../defaults/args.js";
import { refuseCibFile } from "../resource/no-file.js";
import { loadCib } from "./status.js";

/** `status cluster`: crm_mon's summary and node list (up to its second empty line), indented by one. */
export async function statusClusterCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) usageError();
  const { cib, cluster } = await loadCib(ctx);
  const monitor = crmMonLines(cib, cluster, { full: false, hideInactive: false, now: Date.now() });
  const lines = ["Cluster Status:"];
  let sawEmpty = false;
  for (const line of monitor) {
    if (line === "") {
      if (sawEmpty) break;
      sawEmpty = true;
      continue;
    }
    lines.push(` ${line}`);
  }
  ctx.print(lines.join("\n"));
}

/** `status quorum` is `quorum status`. */
export async function statusQuorumCommand(ctx: CommandContext): Promise<void> {
  refuseCibFile(ctx);
  const { quorumStatusCommand } = await import("../cluster/lifecycle.js");
  await quorumStatusCommand(ctx);
}

/** `status corosync|pcsd|booth|qdevice`: runtime views of a running cluster. */
export async function statusLiveViewCommand(ctx: CommandContext): Promise<void> {
  const { liveOnlyCommand } = await import("../resource/live-only.js");
  liveOnlyCommand(ctx);
}

/** `status xml`: crm_mon's XML result for the cluster (summary, nodes, resources). */
export async function statusXmlCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length) usageError();
  const { cib, cluster } = await loadCib(ctx);
  const { crmMonXml } = await import("../../status/xml-status.js");
  ctx.print(crmMonXml(cib, cluster, Date.now()));
}
