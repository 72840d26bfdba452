// pcs resource update / pcs stonith update <id> [attrs] [op <action> <options>...] [meta <options>]:
// pcs's legacy command, failing at the first problem except for the agent's attribute checks.
import { loadAgent, voidAgent } from "../../agents/load.js";
import { agentProblemReport } from "../../agents/resolve.js";
import { agentSources } from "../../agents/sources.js";
import { AgentError } from "../../agents/types.js";
import { validateUpdateAttrs } from "../../agents/validate.js";
import { section } from "../../cib/document.js";
import { IdIndex, refuseIdsOutsideSchema } from "../../cib/ids.js";
import { legacyUpdateNvset } from "../../cib/legacy-nvset.js";
import { argsToPairs } from "../../cib/operations-legacy.js";
import { nvsetToRecord, nvValue } from "../../cib/nvset.js";
import { descendants, firstChild, type XmlElement } from "../../cib/xml.js";
import { refuseWaitWithFile } from "./wait.js";
import type { CommandContext } from "../context.js";
import { deprecation, fail, info, ReportedError, warning, type Reports } from "../../report/index.js";
import { canSelfValidate, runSelfValidation, selfValidationReports } from "../../agents/self-validate.js";
import type { Env } from "../../env/index.js";
import { usageError } from "./cli-usage.js";
import { updateOperations } from "./update-ops.js";
import { updateClone } from "./update-clone.js";
import { masterToClone } from "../../cib/clone.js";
import { refuseGuestChange } from "./guest-change.js";
import { refuseFenceInputBreaks } from "../stonith/agent-input.js";
import { newRoleNamesSupported, upgradeForOnFailDemote } from "./create-primitive.js";

/** pcs's split of update arguments: attributes, `op` groups (one per action), `meta` options. */
export function parseUpdateArgs(args: readonly string[]): { attrs: string[]; ops: string[][]; meta: string[] } {
  const attrs: string[] = [];
  const ops: string[][] = [];
  const meta: string[] = [];
  let mode: "attrs" | "op" | "meta" = "attrs";
  for (const arg of args) {
    if (arg === "op") {
      mode = "op";
      ops.push([]);
    } else if (arg === "meta") mode = "meta";
    else if (mode === "op") {
      if (!arg.includes("=") && ops[ops.length - 1].length) ops.push([arg]);
      else ops[ops.length - 1].push(arg);
    } else if (mode === "meta") {
      if (arg.includes("=")) meta.push(arg);
    } else attrs.push(arg);
  }
  return { attrs, ops, meta };
}

/** Stop now, showing the reports collected so far (pcs's legacy commands print no summary line). */
function stopIfErrors(reports: Reports): void {
  if (reports.hasErrors) throw new ReportedError([], false);
}

async function validateAttributes(
  env: Env,
  primitive: XmlElement,
  attrs: Record<string, string>,
  resources: XmlElement,
  reports: Reports,
  agentValidation: boolean,
): Promise<void> {
  const name = { standard: primitive.attrs.class ?? "", provider: primitive.attrs.provider || undefined, type: primitive.attrs.type ?? "" };
  const sources = agentSources(env.runner);
  let agent;
  try {
    agent = await loadAgent(sources, name);
  } catch (e) {
    if (!(e instanceof AgentError)) throw e;
    reports.add(agentProblemReport(e.problem, { forceable: true }));
    agent = await voidAgent(sources, name);
  }
  for (const problem of agent.problems) reports.add(agentProblemReport(problem.problem, { asWarning: true }));
  const current = nvsetToRecord(firstChild(primitive, "instance_attributes"));
  const attrReports = validateUpdateAttrs(agent.metadata, attrs, current, resources, primitive.attrs.id ?? "");
  reports.add(...attrReports);
  if (agentValidation && canSelfValidate(agent.metadata) && !attrReports.some((r) => r.severity === "error")) {
    const before = await runSelfValidation(sources, name, current);
    if (before.valid) {
      const final: Record<string, string> = { ...current };
      for (const [n, v] of Object.entries(attrs)) {
        if (v === "") delete final[n];
        else final[n] = v;
      }
      reports.add(...selfValidationReports(await runSelfValidation(sources, name, final)));
    } else if (before.valid === undefined) reports.add(warning("AGENT_SELF_VALIDATION_INVALID_DATA", { reason: before.output }));
    else reports.add(warning("AGENT_SELF_VALIDATION_SKIPPED_UPDATED_RESOURCE_MISCONFIGURED", { result: before.output }));
  }
  stopIfErrors(reports);
}


function findClone(resources: XmlElement, id: string): XmlElement | undefined {
  return [...descendants(resources, "clone"), ...descendants(resources, "master")].find((c) => c.attrs.id === id);
}

export async function updatePrimitiveCommand(ctx: CommandContext, args: string[]): Promise<void> {
  const [resId, ...rest] = args;
  const parsed = parseUpdateArgs(rest);
  refuseWaitWithFile(ctx);
  const env = await ctx.env();
  await env.editCib(async (cib, reports) => {
    const resources = section(cib, "resources");
    const primitive = descendants(resources, "primitive").find((p) => p.attrs.id === resId);
    if (!primitive) {
      const clone = findClone(resources, resId);
      const inner = clone?.children.find((c) => c.name === "primitive" || c.name === "group");
      // as pcs: a <master> is made a promotable <clone> first
      if (clone && inner) return updateClone(cib, clone.name === "master" ? masterToClone(clone) : clone, rest, reports, env.runner);
      fail("GENERIC", { text: `Unable to find resource: ${resId}` });
    }
    const opOptions = parsed.ops.filter((op) => op.length >= 2).map((op) => Object.fromEntries(argsToPairs(op.slice(1))));
    if (upgradeForOnFailDemote(cib, opOptions)) reports.add(info("CIB_UPGRADED_LEGACY", undefined as never));
    const attrs = argsToPairs(parsed.attrs);
    if (primitive.attrs.class === "stonith") refuseFenceInputBreaks(Object.fromEntries(attrs), reports);
    await validateAttributes(env, primitive, Object.fromEntries(attrs), resources, reports, ctx.has("--agent-validation"));
    const ids = new IdIndex(cib);
    legacyUpdateNvset(primitive, "instance_attributes", attrs, ids);
    const meta = argsToPairs(parsed.meta);
    const wanted = Object.fromEntries(meta);
    // (a remote-node value the resource already has is no change)
    if (wanted["remote-node"] !== nvValue(primitive, "meta_attributes", "remote-node")) refuseGuestChange(cib, wanted, reports);
    legacyUpdateNvset(primitive, "meta_attributes", meta, ids);
    updateOperations(primitive, parsed.ops, { force: ctx.force, newRoleNames: newRoleNamesSupported(cib) });
    // nvpair ids are made of the names as given
    refuseIdsOutsideSchema(primitive);
  }, ctx.reports);
}

async function isStonithId(ctx: CommandContext, id: string): Promise<boolean> {
  const cib = await (await ctx.env()).readCib();
  const resources = cib.children.find((c) => c.name === "configuration")?.children.find((c) => c.name === "resources");
  return !!resources && descendants(resources, "primitive").some((p) => p.attrs.id === id && p.attrs.class === "stonith");
}

export async function resourceUpdate(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError(ctx);
  if (await isStonithId(ctx, ctx.args[0])) {
    ctx.reports.add(deprecation("RESOURCE_STONITH_COMMANDS_MISMATCH", { notAcceptedType: "stonith resources", suffix: " Please use 'pcs stonith update' instead." }));
  }
  if (ctx.args.length < 2) usageError(ctx);
  await updatePrimitiveCommand(ctx, ctx.args);
}

export async function stonithUpdate(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError(ctx);
  if (!(await isStonithId(ctx, ctx.args[0]))) {
    const cib = await (await ctx.env()).readCib();
    const kinds = ["primitive", "group", "clone", "master", "bundle"];
    const exists = cib.children.some(
      (part) => part.name !== "status" && kinds.some((k) => descendants(part, k).some((e) => e.attrs.id === ctx.args[0])),
    );
    if (exists) {
      ctx.reports.add(deprecation("RESOURCE_STONITH_COMMANDS_MISMATCH", { notAcceptedType: "resources", suffix: " Please use 'pcs resource update' instead." }));
    }
  }
  if (ctx.args.length < 2) usageError(ctx);
  await updatePrimitiveCommand(ctx, ctx.args);
}
