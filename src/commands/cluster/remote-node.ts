// pcs cluster node add-remote <node name> [<node address>] [options] [op ...] [meta ...] and
// pcs cluster node delete-remote|remove-remote <node identifier>: the ocf:pacemaker:remote
// connection resource, validated as pcs's library does.
import { loadAgent, type LoadedAgent } from "../../agents/load.js";
import { agentProblemReport } from "../../agents/resolve.js";
import { agentSources } from "../../agents/sources.js";
import { AgentError } from "../../agents/types.js";
import { validateCreateAttrs } from "../../agents/validate.js";
import { section } from "../../cib/document.js";
import { IdIndex, validateId } from "../../cib/ids.js";
import { appendPrimitive } from "../../cib/primitive.js";
import { findRemoteResources, REMOTE_AGENT } from "../../cib/remote-node.js";
import type { XmlElement } from "../../cib/xml.js";
import { error, errorOrForceable, fail, forceableError, info, type ReportItem, type Reports } from "../../report/index.js";
import type { CommandContext } from "../context.js";
import { buildOperations, groupByKeywords, prepareOptions, type Options } from "../resource/create-args.js";
import { newRoleNamesSupported, prepareOperations, upgradeForOnFailDemote, type NewPrimitive } from "../resource/create-primitive.js";
import { deleteResource } from "../resource/delete.js";
import { checkWait, defaultAddress, nodesInUse, reportAddSkipped, reportRemoveSkipped, skipReason, usageError, waitAfterChange } from "./remote-common.js";

interface AddRemoteArgs {
  name: string;
  /** undefined: the address it was authenticated with, else its name */
  addr?: string;
  options: Options;
  meta: Options;
  op: Options[];
}

/** The first word is the node name; the second its address unless it is an option or a keyword. */
export function parseAddRemoteArgs(args: readonly string[]): AddRemoteArgs {
  const [name, second] = args;
  const hasAddr = second !== undefined && !second.includes("=") && second !== "op" && second !== "meta";
  const rest = args.slice(hasAddr ? 2 : 1);
  const groups = groupByKeywords(rest, ["op", "meta"], ["op"], "options");
  return {
    name,
    addr: hasAddr ? second : undefined,
    options: prepareOptions(groups.single.get("options") ?? []),
    meta: prepareOptions(groups.single.get("meta") ?? []),
    op: buildOperations(groups.repeated.get("op") ?? []).map(prepareOptions),
  };
}

/** pcs's checks of the new node against the nodes in use; `server` belongs to the address argument. */
function validateNewRemote(agent: LoadedAgent, inUse: { names: string[]; addrs: string[] }, args: AddRemoteArgs & { addr: string }): ReportItem[] {
  const reports: ReportItem[] = [];
  if ("server" in args.options) {
    const allowed = agent.metadata.parameters.map((p) => p.name).filter((n) => n !== "server");
    reports.push(error("INVALID_OPTIONS", { names: ["server"], allowed: allowed.sort(), optionType: "resource" }));
  }
  const addrUsed = inUse.addrs.includes(args.addr);
  if (addrUsed) reports.push(error("ID_ALREADY_EXISTS", { id: args.addr }));
  if ((!addrUsed || args.addr !== args.name) && inUse.names.includes(args.name)) reports.push(error("ID_ALREADY_EXISTS", { id: args.name }));
  return reports;
}

/** The agent's checks of instance attributes, `server` not offered as an allowed option (pcs sets it itself). */
function validateAttrs(agent: LoadedAgent, attrs: Options, resources: XmlElement): ReportItem[] {
  return validateCreateAttrs(agent.metadata, attrs, resources).map((item) => {
    if (item.code !== "INVALID_OPTIONS") return item;
    const payload = item.payload as { names: string[]; allowed: string[]; optionType?: string };
    return errorOrForceable(!!item.forceable, "INVALID_OPTIONS", { ...payload, allowed: payload.allowed.filter((n) => n !== "server") });
  });
}

/** Validate everything, then append the connection resource (pure). */
export function addRemoteResource(cib: XmlElement, reports: Reports, agent: LoadedAgent, args: AddRemoteArgs & { addr: string }, useDefaultOperations: boolean): void {
  const resources = section(cib, "resources");
  const ids = new IdIndex(cib);
  if (ids.has(args.name)) {
    reports.add(error("ID_ALREADY_EXISTS", { id: args.name }));
    reports.throwIfErrors();
  }
  const idProblems = validateId(args.name, "resource name");
  if (idProblems.length) {
    reports.add(idProblems[0]);
    reports.throwIfErrors();
  }
  const attrs = { ...args.options, server: args.addr };
  const spec: NewPrimitive = { id: args.name, agent, operations: args.op, meta: args.meta, attrs, useDefaultOperations, disabled: false };
  const operations = prepareOperations(spec, newRoleNamesSupported(cib), reports);
  reports.add(...validateAttrs(agent, attrs, resources));
  reports.throwIfErrors();
  appendPrimitive(resources, ids, {
    id: args.name,
    standard: REMOTE_AGENT.standard,
    provider: REMOTE_AGENT.provider,
    type: REMOTE_AGENT.type,
    instanceAttributes: attrs,
    metaAttributes: args.meta,
    operations,
  });
}

async function remoteAgent(ctx: CommandContext, reports: Reports): Promise<LoadedAgent> {
  const env = await ctx.env();
  try {
    return await loadAgent(agentSources(env.runner), REMOTE_AGENT);
  } catch (e) {
    if (!(e instanceof AgentError)) throw e;
    reports.add(agentProblemReport(e.problem));
    reports.throwIfErrors();
    throw e;
  }
}

export async function nodeAddRemoteCommand(ctx: CommandContext): Promise<void> {
  if (!ctx.args.length) usageError(ctx);
  const args = parseAddRemoteArgs(ctx.args);
  const wait = checkWait(ctx);
  const env = await ctx.env();
  const reason = skipReason(env);
  await env.editCib(async (cib, reports) => {
    if (upgradeForOnFailDemote(cib, args.op)) reports.add(info("CIB_UPGRADE_SUCCESSFUL", undefined as never));
    const inUse = nodesInUse(cib, env, reports);
    const agent = await remoteAgent(ctx, reports);
    const addr = args.addr ?? defaultAddress(args.name, reports);
    reports.add(...validateNewRemote(agent, inUse, { ...args, addr }));
    reports.throwIfErrors();
    addRemoteResource(cib, reports, agent, { ...args, addr }, !ctx.has("--no-default-ops"));
    reportAddSkipped(reports, reason, args.name);
  }, ctx.reports);
  await waitAfterChange(env, wait, `${args.name} to start`);
}

/** The connection resources of the remote node `identifier`: more than one needs --force. */
export function resourcesToRemove(identifier: string, found: XmlElement[], nodeType: "remote" | "guest", reports: Reports): XmlElement[] {
  if (!found.length) fail("REMOTE_NODE_NOT_FOUND", { node: identifier, nodeType });
  if (found.length > 1) {
    reports.add(forceableError("MULTIPLE_RESULTS_FOUND", { resultType: "resource", found: found.map((r) => r.attrs.id ?? ""), searched: identifier }));
    reports.throwIfErrors();
  }
  return found;
}

export async function nodeRemoveRemoteCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 1) usageError(ctx);
  const [identifier] = ctx.args;
  const env = await ctx.env();
  await env.editCib((cib, reports) => {
    const resources = section(cib, "resources");
    const found = resourcesToRemove(identifier, findRemoteResources(resources, identifier), "remote", reports);
    const ids = found.map((r) => r.attrs.id ?? "");
    reportRemoveSkipped(reports, skipReason(env), [...new Set(ids)].sort());
    // pcs removes them one by one, each removal its own CIB write (an epoch each)
    ids.forEach((id, i) => {
      reports.add(...deleteResource(cib, id));
      if (i < ids.length - 1) cib.attrs.epoch = String(Number(cib.attrs.epoch ?? 0) + 1);
    });
  }, ctx.reports);
}
