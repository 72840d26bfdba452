// resource delete/op/meta/clone/promotable/master/group/enable/disable/manage/utilization/config
import { renderReport } from "../render.js";
import { lazy } from "../lazy.js";
import type { CommandContext, Handler, Route } from "../route-types.js";
import { ReportedError } from "../../report/index.js";
import { UsageError } from "../../commands/resource/usage-error.js";

const del = () => import("../../commands/resource/delete.js");
const op = () => import("../../commands/resource/op.js");
const clone = () => import("../../commands/resource/clone.js");
const group = () => import("../../commands/resource/group.js");
const enable = () => import("../../commands/resource/enable.js");
const enableWait = () => import("../../commands/resource/enable-wait.js");
const util = () => import("../../commands/resource/utilization.js");
const config = () => import("../../commands/resource/config.js");

/**
 * Run a handler; a UsageError prints "Error: <message>" (or, without one, the command's usage,
 * as pcs does for a malformed command line) and exits 1.
 */
export function withUsage(routeOf: () => Route, handler: Handler): Handler {
  return async (ctx: CommandContext) => {
    try {
      await handler(ctx);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      for (const item of ctx.reports.items) {
        const { text } = renderReport(item);
        process.stderr.write(`${text}\n`);
      }
      ctx.reports.items.length = 0;
      const route = routeOf();
      if (e.text !== undefined) process.stderr.write(`Error: ${e.text}\n`);
      else {
        const synopsis = route.synopsis.split("\n").map((l, i) => (i ? "           " : "    ") + l.trim()).join("\n");
        process.stderr.write(`\nUsage: pcs ${route.path.join(" ")}...\n${synopsis}\n        ${route.help}\n`);
      }
      throw new ReportedError([], false, 1);
    }
  };
}

export function route(r: Route): Route {
  const built: Route = { ...r, run: r.run };
  built.run = withUsage(() => built, r.run);
  return built;
}

const WAIT = "--wait";

/** enable/disable --wait on a live cluster: wait, then say where the resources run (loaded only with --wait). */
export const withState =
  (handler: Handler, enable: boolean): Handler =>
  async (ctx: CommandContext) => {
    if (!ctx.has(WAIT)) return handler(ctx);
    const { withWaitForState } = await enableWait();
    return withWaitForState(handler, enable)(ctx);
  };

export const resourceManageRoutes: Route[] = [
  route({
    path: ["resource", "delete"],
    synopsis: "delete <resource id|group id|bundle id|clone id>",
    help:
      "Remove the resource, group, bundle or clone (and the resources inside it) from the configuration. " +
      "Constraints, constraint set entries, fencing levels and ACL permissions naming what is removed go too. " +
      "A resource listed in a tag cannot be removed until the tag no longer lists it. In a live cluster the " +
      "resource is stopped first unless --force is given.",
    options: ["--force"],
    complete: ["resource"],
    run: lazy(del, (m) => m.resourceDelete),
  }),
  route({
    path: ["resource", "remove"],
    synopsis: "remove <resource id|group id|bundle id|clone id>",
    help: "The same as 'pcs resource delete'.",
    options: ["--force"],
    complete: ["resource"],
    run: lazy(del, (m) => m.resourceDelete),
  }),
  route({
    path: ["resource", "op", "add"],
    synopsis: "op add <resource id> <operation action> [operation properties]",
    help:
      "Add an operation to a resource. Its id is <resource id>-<action>-interval-<interval> unless id= is " +
      "given; a monitor defaults to interval=60s, other actions to interval=0s. Unknown properties and a " +
      "second operation of the same action are refused unless --force is given.",
    options: ["--force"],
    complete: ["primitive", ["monitor", "start", "stop", "promote", "demote", "migrate_to", "migrate_from", "reload", "notify"]],
    run: lazy(op, (m) => (ctx: CommandContext) => m.opAdd(ctx)),
  }),
  ...(["delete", "remove"] as const).map((verb) =>
    route({
      path: ["resource", "op", verb],
      synopsis: `op ${verb} <resource id> <operation action> [<operation properties>...]\nop ${verb} <operation id>`,
      help:
        "Remove the operations of a resource with this action (all of them when no properties are given, " +
        "else the one with exactly these properties), or remove the operation with the given id.",
      complete: ["primitive"],
      run: lazy(op, (m) => (ctx: CommandContext) => m.opDelete(ctx)),
    }),
  ),
  route({
    path: ["resource", "meta"],
    synopsis: "meta <resource id | group id | clone id> <meta options> [--wait[=n]]",
    help:
      "Set meta attributes of a resource, group or clone; an empty value removes the attribute. A Master/Slave " +
      "(<master>) resource is turned into a promotable clone first.",
    options: ["--force", WAIT],
    complete: ["resource"],
    run: lazy(util, (m) => (ctx: CommandContext) => m.resourceMeta(ctx)),
  }),
  route({
    path: ["resource", "utilization"],
    synopsis: "utilization [<resource id> [<name>=<value> ...]]",
    help:
      "Without arguments, show the utilization of all resources; with a resource id, show its utilization; " +
      "with name=value pairs, set it (values must be integers; an empty value removes the attribute).",
    complete: ["primitive"],
    run: lazy(util, (m) => m.resourceUtilization),
  }),
  route({
    path: ["resource", "clone"],
    synopsis: "clone <resource id | group id> [<clone id>] [meta <clone meta options>] [--wait[=n]]",
    help:
      "Make a clone of the resource or group, named <resource id>-clone unless a clone id is given. Constraints " +
      "naming the resource are moved to the clone. Cloning a stonith resource needs --force.",
    options: ["--force", WAIT],
    complete: ["resource"],
    run: lazy(clone, (m) => m.resourceClone),
  }),
  route({
    path: ["resource", "promotable"],
    synopsis: "promotable <resource id | group id> [<clone id>] [meta <clone meta options>] [--wait[=n]]",
    help: "Make a promotable clone of the resource or group: the same as 'pcs resource clone <id> promotable=true'.",
    options: ["--force", WAIT],
    complete: ["resource"],
    run: lazy(clone, (m) => m.resourcePromotable),
  }),
  route({
    path: ["resource", "master"],
    synopsis: "master [<master id>] <resource id | group id> [options] [--wait[=n]]",
    help:
      "Deprecated form of 'pcs resource promotable' kept for old scripts: makes a promotable clone named " +
      "<resource id>-master unless a master id is given.",
    options: ["--force", WAIT],
    complete: ["resource"],
    hidden: true,
    run: lazy(clone, (m) => m.resourceMaster),
  }),
  route({
    path: ["resource", "unclone"],
    synopsis: "unclone <clone id | resource id | group id> [--wait[=n]]",
    help:
      "Remove the clone around a resource or group (the clone's constraints are removed). For a resource in a " +
      "cloned group with other members, take the resource out of the group instead.",
    options: [WAIT],
    complete: ["clone"],
    run: lazy(clone, (m) => m.resourceUnclone),
  }),
  route({
    path: ["resource", "group", "add"],
    synopsis: "group add <group id> <resource id> [resource id] ... [resource id]\n[--before <resource id> | --after <resource id>] [--wait[=n]]",
    help:
      "Add resources to a group, creating the group when it does not exist. They go in the order given, at " +
      "the end of the group or before/after the given member. A group left empty by the move is removed.",
    options: ["--before", "--after", WAIT],
    complete: ["group", "primitive"],
    run: lazy(group, (m) => m.groupAddCommand),
  }),
  ...(["remove", "delete"] as const).map((verb) =>
    route({
      path: ["resource", "group", verb],
      synopsis: `group ${verb} <group id> <resource id> [resource id] ... [resource id] [--wait[=n]]`,
      help: "Take resources out of a group (all of them when none is given); a group left empty is removed.",
      options: [WAIT],
      complete: ["group", "primitive"],
      run: lazy(group, (m) => m.groupRemoveCommand),
    }),
  ),
  route({
    path: ["resource", "group", "list"],
    synopsis: "group list",
    help: "List the groups and their resources.",
    run: lazy(group, (m) => m.groupListCommand),
  }),
  route({
    path: ["resource", "ungroup"],
    synopsis: "ungroup <group id> [resource id] ... [resource id] [--wait[=n]]",
    help:
      "Take the given resources (all when none is given) out of the group; the group is removed when empty, " +
      "with the constraints naming it.",
    options: [WAIT],
    complete: ["group", "primitive"],
    run: lazy(group, (m) => m.groupRemoveCommand),
  }),
  route({
    path: ["resource", "enable"],
    synopsis: "enable <resource id | tag id>... [--wait[=n]]",
    help: "Allow the cluster to start the resources (removes their target-role meta attribute).",
    options: [WAIT],
    complete: ["resource"],
    run: withState(lazy(enable, (m) => m.resourceEnable), true),
  }),
  route({
    path: ["resource", "disable"],
    synopsis: "disable <resource id | tag id>... [--safe [--brief] [--no-strict]] [--simulate [--brief]] [--wait[=n]]",
    help: "Stop the resources and keep them stopped (sets target-role=Stopped).",
    options: [WAIT, "--safe", "--brief", "--no-strict", "--simulate"],
    complete: ["resource"],
    run: withState(lazy(enable, (m) => m.resourceDisable), false),
  }),
  route({
    path: ["resource", "manage"],
    synopsis: "manage <resource id | tag id>... [--monitor]",
    help:
      "Let the cluster manage the resources again (removes is-managed=false from them and their parents and " +
      "children). With --monitor, enable their monitor operations too.",
    options: ["--monitor"],
    complete: ["resource"],
    run: lazy(enable, (m) => m.resourceManage),
  }),
  route({
    path: ["resource", "unmanage"],
    synopsis: "unmanage <resource id | tag id>... [--monitor]",
    help:
      "Stop the cluster managing the resources (is-managed=false on their primitives). With --monitor, disable " +
      "their monitor operations too.",
    options: ["--monitor"],
    complete: ["resource"],
    run: lazy(enable, (m) => m.resourceUnmanage),
  }),
  route({
    path: ["resource", "config"],
    synopsis: "config [--output-format text|cmd|json] [<resource id>]...",
    help:
      "Show the configuration of all resources, or of the given ones. --output-format=cmd prints pcs commands " +
      "that recreate them; json prints a machine-readable form.",
    options: ["--output-format"],
    complete: ["resource"],
    run: lazy(config, (m) => m.resourceConfig),
  }),
];
