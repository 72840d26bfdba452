// pcs resource debug-start|stop|promote|demote|monitor <rsc> [--full]: pcs runs crm_resource
// --force-<action>, which runs the agent here, outside the cluster, with the resource's parameters,
// prints "Operation force-<action> for <rsc> (<agent>) returned <rc> (<text>)" and the agent's output,
// and exits with the agent's OCF code.
import { findSection } from "../../cib/document.js";
import { timeoutToSeconds } from "../../cib/operations.js";
import { findResource, isStonith } from "../../cib/resources.js";
import { childElements, closest, type XmlElement } from "../../cib/xml.js";
import type { CommandContext } from "../context.js";
import { deprecation, fail, ReportedError } from "../../report/index.js";
import { refuseCibFile } from "./no-file.js";
import { UsageError } from "./usage-error.js";

export const DEBUG_ACTIONS = ["start", "stop", "promote", "demote", "monitor"] as const;
export type DebugAction = (typeof DEBUG_ACTIONS)[number];

/** Pacemaker 2.1.5's CRM_FEATURE_SET, which crm_resource hands the agent. */
const CRM_FEATURE_SET = "3.16.2";
/** crm_resource's default operation timeout (CRM_DEFAULT_OP_TIMEOUT_S). */
const DEFAULT_TIMEOUT_MS = 20_000;

const EXEC_STATUS_TEXT = { timeout: "Timed Out", error: "Error", "not-installed": "Not installed", cancelled: "Cancelled" } as const;

const pairsOf = (e: XmlElement | undefined, tag: string): Record<string, string> => {
  const set = e && childElements(e, tag)[0];
  const out: Record<string, string> = {};
  for (const pair of set ? childElements(set, "nvpair") : []) if (pair.attrs.name) out[pair.attrs.name] = pair.attrs.value ?? "";
  return out;
};

/** The meta attributes the resource sees: rsc_defaults, its parents', its own. */
function metaOf(cib: XmlElement, primitive: XmlElement): Record<string, string> {
  const chain: XmlElement[] = [];
  for (let e: XmlElement | null = primitive; e && e.name !== "resources"; e = e.parent) chain.unshift(e);
  return Object.assign({}, pairsOf(findSection(cib, "rsc_defaults"), "meta_attributes"), ...chain.map((e) => pairsOf(e, "meta_attributes")));
}

/** pe_get_configured_timeout: the action's op timeout, else op_defaults, else 20 s. */
function timeoutMsOf(cib: XmlElement, primitive: XmlElement, action: string): number {
  const ops = primitive.children.find((c) => c.name === "operations")?.children.filter((o) => o.name === "op") ?? [];
  const op = ops.find((o) => o.attrs.name === action);
  const text = op?.attrs.timeout ?? pairsOf(findSection(cib, "op_defaults"), "meta_attributes").timeout;
  const seconds = text === undefined ? undefined : timeoutToSeconds(text);
  return seconds === undefined ? DEFAULT_TIMEOUT_MS : seconds * 1000;
}

/** pcs's refusals before it calls crm_resource. */
function checkTarget(cib: XmlElement, id: string, verb: string): XmlElement {
  const element = findResource(cib, id);
  if (!element) fail("GENERIC", { text: `unable to find a resource/clone/group/bundle: ${id}` });
  if (element.name === "bundle") {
    const inner = element.children.find((c) => c.name === "primitive");
    fail("GENERIC", { text: inner ? `unable to ${verb} a bundle, try the bundle's resource: ${inner.attrs.id}` : `unable to ${verb} a bundle` });
  }
  if (element.name === "group") {
    const members = childElements(element, "primitive").map((p) => p.attrs.id);
    fail("GENERIC", { text: `unable to ${verb} a group, try one of the group's resource(s) (${members.join(",")})` });
  }
  if (element.name === "clone" || element.name === "master") {
    const inner = element.children.find((c) => c.name === "primitive" || c.name === "group");
    fail("GENERIC", { text: `unable to ${verb} a clone, try the clone's resource: ${inner?.attrs.id}` });
  }
  if (closest(element, "bundle")) fail("GENERIC", { text: `Sorry, the --force-${verb.slice(6)} option doesn't support bundled resources` });
  return element;
}

export async function debugCommand(ctx: CommandContext, action: DebugAction): Promise<void> {
  refuseCibFile(ctx);
  const verb = `debug-${action}`;
  if (!ctx.args.length) fail("GENERIC", { text: `You must specify a resource to ${verb}` });
  if (ctx.args.length !== 1) throw new UsageError();
  const id = ctx.args[0];
  const cib = await (await ctx.env()).readCib();
  const found = findResource(cib, id);
  if (found && isStonith(found)) ctx.reports.add(deprecation("RESOURCE_STONITH_COMMANDS_MISMATCH", { notAcceptedType: "stonith resources" }));
  const primitive = checkTarget(cib, id, verb);
  const crmAction = action === "monitor" ? "force-check" : `force-${action}`;
  const agent = { class: primitive.attrs.class ?? "", provider: primitive.attrs.provider, type: primitive.attrs.type ?? "" };
  const agentName = `${agent.class}${agent.provider ? `:${agent.provider}` : ""}:${agent.type}`;
  const head = `Operation ${crmAction} for ${id} (${agentName})`;
  const timeoutMs = timeoutMsOf(cib, primitive, action);
  const exec = await import("../../agents/exec/index.js");
  const request = { rscId: id, agent, action, intervalMs: 0, timeoutMs, params: {}, env: {} };
  const standard = agent.class === "service" ? await exec.serviceClass(request) : agent.class;
  // crm_resource runs OCF and LSB agents only
  if (standard !== "ocf" && standard !== "lsb") {
    finish(ctx, [`${head} could not be executed (Error: Manual execution of the ${standard || "unspecified"} standard is unsupported)`], 3);
  }
  const full = ctx.has("--full");
  const env: Record<string, string> = { HA_debug: full ? "1" : "0", OCF_TRACE_FILE: process.env.OCF_TRACE_FILE ?? "/dev/stderr" };
  if (full) env.OCF_TRACE_RA = "1";
  const result = await exec.runAgent({
    ...request,
    params: { ...pairsOf(primitive, "instance_attributes"), crm_feature_set: CRM_FEATURE_SET },
    meta: { ...metaOf(cib, primitive), timeout: String(timeoutMs) },
    env,
  });
  const reason = result.exitReason ? `: ${result.exitReason}` : "";
  const lines =
    result.status === "done"
      ? [`${head} returned ${result.rc} (${exec.ocfResultText(result.rc)}${reason})`]
      : [`${head} could not be executed (${EXEC_STATUS_TEXT[result.status]}${reason})`];
  if (result.stdout) lines.push(result.stdout.replace(/\n$/, ""));
  if (result.stderr) lines.push(result.stderr.replace(/\n$/, ""));
  finish(ctx, lines, result.rc);
}

/** pcs prints crm_resource's output (stdout and stderr together) on stdout and exits with its code. */
function finish(ctx: CommandContext, lines: string[], code: number): never {
  for (const item of ctx.reports.items) process.stderr.write(`Deprecation Warning: ${item.message}\n`);
  ctx.reports.items.length = 0;
  process.stdout.write(`${lines.join("\n").trimEnd()}\n`);
  throw new ReportedError([], false, code);
}
