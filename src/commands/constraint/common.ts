// Shared plumbing of the constraint CLI handlers.
import type { CommandContext } from "../context.js";
import type { XmlElement } from "../../cib/xml.js";
import type { Reports } from "../../report/index.js";

export { UsageError } from "../../cib/constraints/errors.js";

/** Run a pure constraint edit on the CIB; `steps` > 1 means pcs writes that many times (epoch steps). */
export async function edit(ctx: CommandContext, fn: (cib: XmlElement, reports: Reports) => number | void): Promise<void> {
  const env = await ctx.env();
  await env.editCib((cib, reports) => {
    const steps = fn(cib, reports);
    if (typeof steps === "number" && steps > 1) cib.attrs.epoch = String(Number(cib.attrs.epoch ?? 0) + steps - 1);
  }, ctx.reports);
}
