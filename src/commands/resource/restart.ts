// pcs resource restart <rsc> [node] [--wait=n]: pcs runs crm_resource --restart, which stops the
// resource (target-role=Stopped, or a ban from the node for a clone instance), waits until it stopped,
// restores what it changed, and waits until it runs again. pcs shows crm_resource's output only on failure.
import { legacyUpdateMeta } from "../../cib/meta.js";
import { timeoutToSeconds } from "../../cib/operations.js";
import { findResource, isClone, isStonith } from "../../cib/resources.js";
import { closest, type XmlElement } from "../../cib/xml.js";
import type { CommandContext } from "../context.js";
import type { Env } from "../../env/index.js";
import { deprecation, error, fail, ReportedError, Reports, warning } from "../../report/index.js";
import { refuseCibFile } from "./no-file.js";
import { resourceState, runningOnNodes } from "./cluster-state.js";
import { waitSeconds, waitQuietly } from "./wait.js";
import { unpackStatus } from "../../scheduler/status-view.js";

const metaValue = (e: XmlElement, name: string): string | undefined =>
  e.children.find((c) => c.name === "meta_attributes")?.children.find((p) => p.name === "nvpair" && p.attrs.name === name)?.attrs.value;

const runsOn = (cib: XmlElement, id: string, host: string | undefined): boolean => {
  const nodes = Object.values(resourceState(cib, id)).flat();
  return host ? nodes.includes(host) : nodes.length > 0;
};

/** crm_resource's own step timeout when none is given: the longest stop timeout, plus 5 s. */
function stepSeconds(element: XmlElement): number {
  let longest = 20;
  for (const op of collectOps(element)) {
    const t = timeoutToSeconds(op.attrs.timeout ?? "");
    if (op.attrs.name === "stop" && t !== undefined) longest = Math.max(longest, t);
  }
  return 5 + longest;
}

const collectOps = (e: XmlElement): XmlElement[] => [
  ...e.children.filter((c) => c.name === "operations").flatMap((o) => o.children.filter((op) => op.name === "op")),
  ...e.children.filter((c) => ["primitive", "group", "clone", "master"].includes(c.name)).flatMap(collectOps),
];

function crmFailure(lines: string[], exit: string): never {
  throw new ReportedError([error("GENERIC", { text: [...lines, `crm_resource: Error performing operation: ${exit}`].join("\n") })], false);
}

async function setTargetRole(env: Env, ctx: CommandContext, id: string, value: string): Promise<void> {
  await env.editCib((cib) => {
    const element = findResource(cib, id);
    if (element) legacyUpdateMeta(element, [["target-role", value]]);
  }, ctx.reports);
}

async function banEdit(env: Env, ctx: CommandContext, id: string, node: string, ban: boolean): Promise<void> {
  const { moveOrBan, clearPlacement } = await import("../../cib/constraints/placement.js");
  await env.editCib((cib) => {
    // crm_resource --restart bans quietly: its warnings are not the user's business
    const quiet = new Reports(false);
    if (ban) moveOrBan(cib, { action: "ban", resource: id, node, promoted: false, reports: quiet });
    else clearPlacement(cib, { resource: id, node, promoted: false, reports: quiet });
  }, ctx.reports);
}

export async function restartCommand(ctx: CommandContext): Promise<void> {
  refuseCibFile(ctx);
  const args = [...ctx.args];
  if (!args.length) fail("GENERIC", { text: "You must specify a resource to restart" });
  const env = await ctx.env();
  const cib = await env.readCib();
  let id = args.shift()!;
  const named = findResource(cib, id);
  if (named && isStonith(named)) {
    ctx.reports.add(deprecation("RESOURCE_STONITH_COMMANDS_MISMATCH", { notAcceptedType: "stonith resources" }));
  }
  const parent = named && (named.name === "primitive" || named.name === "group") ? closest(named.parent!, ["clone", "master", "bundle"]) : undefined;
  if (parent) {
    ctx.reports.add(
      warning("GENERIC", { text: `using ${parent.attrs.id}... (if a resource is a clone or bundle you must use the clone or bundle name)` }),
    );
    id = parent.attrs.id ?? id;
  }
  let node: string | undefined;
  const element = findResource(cib, id);
  if (args.length) {
    node = args.shift();
    if (!element || !(isClone(element) || element.name === "bundle")) fail("GENERIC", { text: "can only restart on a specific node for a clone or bundle resource" });
  }
  let seconds: number | undefined;
  if (ctx.has("--wait")) {
    if (ctx.value("--wait") === undefined) fail("GENERIC", { text: "You must specify the number of seconds to wait" });
    seconds = waitSeconds(ctx);
  }
  if (!element) crmFailure([`crm_resource: Resource '${id}' not found`], "No such object");
  const cluster = unpackStatus(cib, Date.now());
  if (node !== undefined && !cluster.nodes.some((n) => n.uname === node)) crmFailure([`crm_resource: Node '${node}' not found`], "No such object");
  if (!runsOn(cib, id, node)) {
    crmFailure([node ? `${id} is not running on ${node} and so cannot be restarted` : `${id} is not running anywhere and so cannot be restarted`], "No such object");
  }
  const step = seconds || stepSeconds(element!);
  const before = [...runningOnNodes(resourceState(cib, id))];
  const output = ["Waiting for 1 resources to stop:", ` * ${id}`];
  const viaBan = node !== undefined;
  const original = metaValue(element!, "target-role");
  const restore = () => (viaBan ? banEdit(env, ctx, id, node!, false) : setTargetRole(env, ctx, id, original ?? ""));
  if (viaBan) await banEdit(env, ctx, id, node!, true);
  else await setTargetRole(env, ctx, id, "Stopped");
  try {
    await waitQuietly(env, step, `${id} to stop`);
  } catch {
    // the check below says what did not stop
  }
  if (runsOn(await env.readCib(), id, node)) {
    await restore();
    crmFailure([...output, `Could not complete shutdown of ${id}, 1 resources remaining`, ` * ${id}`], "Timeout occurred");
  }
  await restore();
  output.push("Waiting for 1 resources to start again:", ` * ${id}`);
  try {
    await waitQuietly(env, step, `${id} to start again`);
  } catch {
    // as above
  }
  if (!runsOn(await env.readCib(), id, node) && before.length) {
    crmFailure([...output, `Could not complete restart of ${id}, 1 resources remaining`, ` * ${id}`], "Timeout occurred");
  }
  process.stderr.write(`${id} successfully restarted\n`);
}
