// Commands that act on a running cluster (crm_resource, stonith_admin, ...): pcs refuses them on a CIB file,
// and pcs-lite has no live implementation for them yet.
import type { CommandContext } from "../../cli/route-types.js";
import { fail } from "../../report/index.js";
import { refuseCibFile } from "./no-file.js";

export function liveOnlyCommand(ctx: CommandContext): void {
  refuseCibFile(ctx);
  fail("GENERIC", { text: `'pcs ${ctx.route.path.join(" ")}' needs a running cluster, which pcs-lite does not drive for this command` });
}
