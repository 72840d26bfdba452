// pcs constraint delete|remove <id>... and pcs constraint ref <resource>...
import type { CommandContext } from "../context.js";
import { constraintsSection, elementsNamed } from "../../cib/constraints/common.js";
import { findResource, PRIMITIVE } from "../../cib/resources.js";
import { detach, type XmlElement } from "../../cib/xml.js";
import { error, ReportedError } from "../../report/index.js";
import { edit, UsageError } from "./common.js";

/** Remove a constraint (or a location rule) by id; false when there is none. */
export function removeConstraintById(cib: XmlElement, id: string): boolean {
  const section = constraintsSection(cib);
  const direct = section.children.filter((c) => c.attrs.id === id);
  for (const c of direct) detach(c);
  if (direct.length) return true;
  let found = false;
  for (const rule of elementsNamed(section, "rule").filter((r) => r.attrs.id === id)) {
    found = true;
    const parent = rule.parent!;
    detach(rule);
    if (!elementsNamed(parent, "rule").length) detach(parent);
  }
  return found;
}

export async function deleteCommand(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) throw new UsageError();
  const missing: string[] = [];
  await edit(ctx, (cib) => {
    let removed = 0;
    for (const id of ctx.args) {
      if (removeConstraintById(cib, id)) removed++;
      else missing.push(id);
    }
    return removed;
  });
  if (missing.length) throw new ReportedError(missing.map((id) => error("CONSTRAINT_ERROR", { text: `Unable to find constraint - '${id}'` })), false);
}

/** The ids of constraints naming the resource (its clone's first), and of set constraints holding it. */
export function constraintsContaining(cib: XmlElement, id: string): { plain: string[]; sets: string[] } {
  let plain: string[] = [];
  let sets: string[] = [];
  const primitive = findResource(cib, id, [PRIMITIVE]);
  if (primitive && (primitive.parent?.name === "clone" || primitive.parent?.name === "master")) {
    ({ plain, sets } = constraintsContaining(cib, primitive.parent.attrs.id));
  }
  const section = constraintsSection(cib);
  for (const tag of ["rsc_colocation", "rsc_location", "rsc_order", "rsc_ticket"]) {
    for (const c of elementsNamed(section, tag)) {
      if (["rsc", "first", "then", "with-rsc"].some((a) => c.attrs[a] === id)) plain.push(c.attrs.id ?? "");
    }
  }
  for (const ref of elementsNamed(section, "resource_ref")) {
    if (ref.attrs.id === id) sets.push(ref.parent?.parent?.attrs.id ?? "");
  }
  sets = [...new Set(sets)];
  return { plain, sets };
}

export async function refCommand(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) throw new UsageError();
  const cib = await (await ctx.env()).readCib();
  const lines: string[] = [];
  for (const id of ctx.args) {
    lines.push(`Resource: ${id}`);
    const { plain, sets } = constraintsContaining(cib, id);
    if (!plain.length && !sets.length) lines.push("  No Matches.");
    else lines.push(...plain.map((c) => "  " + c), ...[...sets].sort().map((c) => "  " + c));
  }
  ctx.print(lines.join("\n"));
}
