// Commands that act on a running cluster (crm_resource, stonith_admin, ...) which pcs-lite does not
// implement yet: pcs refuses them on a CIB file; live, the message says what pcs-lite lacks (the
// cluster itself may well be running).
import type { CommandContext } from "../context.js";
import { fail } from "../../report/index.js";
import { refuseCibFile } from "./no-file.js";

/** What pcs-lite lacks for a command, by the route's first words. */
const MISSING: [prefix: string, missing: string][] = [
  ["resource relocate", "computing the resources' preferred nodes (placement without stickiness) is not implemented"],
  ["resource safe-disable", "simulating which other resources a disable would stop is not implemented ('pcs resource disable' works)"],
  ["stonith update-scsi-devices", "updating fence_scsi devices in place is not implemented"],
  ["stonith sbd", "its nodes run no SBD daemon (they fence through fence agents)"],
];

export function liveOnlyCommand(ctx: CommandContext): void {
  refuseCibFile(ctx);
  const command = ctx.route.path.join(" ");
  const missing = MISSING.find(([prefix]) => command === prefix || command.startsWith(prefix + " "))?.[1];
  fail("GENERIC", { text: `'pcs ${command}' is not supported by pcs-lite yet${missing ? `: ${missing}` : ""}` });
}
