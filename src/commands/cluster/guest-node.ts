// pcs cluster node add-guest <node name> <resource id> [options] and
// pcs cluster node delete-guest|remove-guest <node identifier>: a primitive becomes (or stops
// being) a guest node through its remote-* meta attributes, validated as pcs's library does.
import { section } from "../../cib/document.js";
import { IdIndex } from "../../cib/ids.js";
import { timeoutToSeconds } from "../../cib/operations.js";
import { findGuestResources, GUEST_OPTIONS, guestConflicts, guestNodeName, isGuestNode, setAsGuest, unsetGuest } from "../../cib/remote-node.js";
import { searchElement } from "../../cib/resource-lookup.js";
import type { XmlElement } from "../../cib/xml.js";
import { error, type ReportItem } from "../../report/index.js";
import type { CommandContext } from "../context.js";
import { prepareOptions, type Options } from "../resource/create-args.js";
import { checkWait, defaultAddress, nodesInUse, reportAddSkipped, reportRemoveSkipped, skipReason, usageError, waitAfterChange } from "./remote-common.js";
import { resourcesToRemove } from "./remote-node.js";

const isPort = (value: string): boolean => /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535;

/** pcs's validators of guest options: names, then values, then the node name. */
export function validateGuestOptions(node: string, options: Options): ReportItem[] {
  const reports: ReportItem[] = [];
  const allowed: readonly string[] = GUEST_OPTIONS;
  const invalid = Object.keys(options).filter((n) => !allowed.includes(n));
  if (invalid.length) reports.push(error("INVALID_OPTIONS", { names: invalid.sort(), allowed: [...allowed].sort(), optionType: "guest" }));
  const timeout = options["remote-connect-timeout"];
  if (timeout !== undefined && timeoutToSeconds(timeout) === undefined) {
    reports.push(error("INVALID_OPTION_VALUE", { name: "remote-connect-timeout", value: timeout, allowed: "time interval (e.g. 1, 2s, 3m, 4h, ...)" }));
  }
  const port = options["remote-port"];
  if (port !== undefined && !isPort(port)) reports.push(error("INVALID_OPTION_VALUE", { name: "remote-port", value: port, allowed: "a port number (1..65535)" }));
  if (!node.trim()) reports.push(error("NODE_NAME_EMPTY", undefined as never));
  return reports;
}

/** The primitive to become a guest node, or the reason it cannot. */
function guestCandidate(cib: XmlElement, resourceId: string): { primitive?: XmlElement; reports: ReportItem[] } {
  const { element, report } = searchElement(section(cib, "resources"), ["primitive"], resourceId);
  if (!element) return { reports: [report!] };
  if (isGuestNode(element)) return { reports: [error("RESOURCE_IS_GUEST_NODE_ALREADY", { resourceId })] };
  return { primitive: element, reports: [] };
}

export async function nodeAddGuestCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length < 2) usageError(ctx);
  const [node, resourceId] = ctx.args;
  const options = prepareOptions(ctx.args.slice(2));
  const wait = checkWait(ctx);
  const env = await ctx.env();
  await env.editCib((cib, reports) => {
    const inUse = nodesInUse(cib, env, reports);
    if (!("remote-addr" in options)) options["remote-addr"] = defaultAddress(node, reports);
    reports.add(...validateGuestOptions(node, options), ...guestConflicts(new IdIndex(cib), inUse, node, options));
    const { primitive, reports: candidateReports } = guestCandidate(cib, resourceId);
    reports.add(...candidateReports);
    reports.throwIfErrors();
    setAsGuest(primitive!, new IdIndex(cib), {
      node,
      addr: options["remote-addr"],
      port: options["remote-port"],
      connectTimeout: options["remote-connect-timeout"],
    });
    reportAddSkipped(reports, skipReason(env), node);
  }, ctx.reports);
  await waitAfterChange(env, wait, `${resourceId} to start`);
}

export async function nodeRemoveGuestCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 1) usageError(ctx);
  const [identifier] = ctx.args;
  const wait = checkWait(ctx);
  const env = await ctx.env();
  await env.editCib((cib, reports) => {
    const resources = section(cib, "resources");
    const found = resourcesToRemove(identifier, findGuestResources(resources, identifier), "guest", reports);
    const names = [...new Set(found.map((r) => guestNodeName(r) ?? ""))].sort();
    reportRemoveSkipped(reports, skipReason(env), names);
    for (const primitive of found) unsetGuest(primitive);
  }, ctx.reports);
  await waitAfterChange(env, wait, "the cluster to settle");
}
