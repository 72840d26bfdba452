// pcs's agent listing and description commands read the host, not a CIB: they refuse -f.
import { GLOBAL_OPTIONS } from "../context.js";
import type { CommandContext } from "../context.js";
import { fail } from "../../report/index.js";

export function refuseCibFile(ctx: CommandContext): void {
  if (!ctx.has("-f")) return;
  const allowed = new Set([...GLOBAL_OPTIONS.filter((o) => o !== "-f"), ...(ctx.route.options ?? [])]);
  const unsupported = [...ctx.options.keys()].filter((o) => !allowed.has(o)).sort();
  fail("OPTION_NOT_SUPPORTED", { options: unsupported });
}
