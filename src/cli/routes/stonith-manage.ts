// stonith status/delete/remove/enable/disable/config
import { lazy } from "../lazy.js";
import type { CommandContext, Route } from "../route-types.js";
import { route, withState } from "./resource-manage.js";

const del = () => import("../../commands/resource/delete.js");
const enable = () => import("../../commands/resource/enable.js");
const config = () => import("../../commands/resource/config.js");
const op = () => import("../../commands/resource/op.js");
const util = () => import("../../commands/resource/utilization.js");
const status = () => import("../../commands/stonith/status.js");
const legacy = () => import("../../commands/legacy.js");

export const stonithManageRoutes: Route[] = [
  route({
    path: ["stonith", "status"],
    synopsis: "[status [<resource id | tag id>] [node=<node>] [--hide-inactive]]",
    help:
      "Show the status of the stonith devices, then the fencing levels. With a resource id, only that device; " +
      "with node, only devices running on that node; --hide-inactive shows only running devices.",
    options: ["--hide-inactive"],
    complete: ["stonith"],
    run: lazy(status, (m) => m.stonithStatusCommand),
  }),
  {
    // removed in pcs 0.11: says what replaced it
    path: ["stonith", "show"],
    synopsis: "show",
    help: "Removed in pcs 0.11: use 'pcs stonith status' or 'pcs stonith config'.",
    options: ["--full", "--groups", "--hide-inactive"],
    hidden: true,
    run: lazy(legacy, (m) => (ctx: CommandContext) => m.showReplaced(ctx, "stonith")),
  },
  ...(["delete", "remove"] as const).map((verb) =>
    route({
      path: ["stonith", verb],
      synopsis: `${verb} <stonith id>`,
      help: "Remove the stonith device from the configuration, with the fencing levels and constraints naming it.",
      options: ["--force"],
      complete: ["stonith"],
      run: lazy(del, (m) => m.stonithDelete),
    }),
  ),
  route({
    path: ["stonith", "enable"],
    synopsis: "enable <stonith id>... [--wait[=n]]",
    help: "Allow the cluster to use the stonith devices (removes their target-role meta attribute).",
    options: ["--wait"],
    complete: ["stonith"],
    run: withState(lazy(enable, (m) => m.stonithEnable), true),
  }),
  route({
    path: ["stonith", "disable"],
    synopsis: "disable <stonith id>... [--wait[=n]]",
    help: "Stop the stonith devices and keep them stopped (sets target-role=Stopped).",
    options: ["--wait", "--safe", "--brief", "--no-strict", "--simulate"],
    complete: ["stonith"],
    run: withState(lazy(enable, (m) => m.stonithDisable), false),
  }),
  route({
    path: ["stonith", "meta"],
    synopsis: "meta <stonith id> <meta options> [--wait[=n]]",
    help: "Set meta attributes of the stonith device; an empty value removes the attribute.",
    options: ["--force", "--wait"],
    complete: ["stonith"],
    run: lazy(util, (m) => (ctx: CommandContext) => m.resourceMeta(ctx, true)),
  }),
  route({
    path: ["stonith", "op", "add"],
    synopsis: "op add <stonith id> <operation action> [operation properties]",
    help: "Add an operation to the stonith device (see 'pcs resource op add').",
    options: ["--force"],
    complete: ["stonith", ["monitor"]],
    run: lazy(op, (m) => (ctx: CommandContext) => m.opAdd(ctx, true)),
  }),
  ...(["delete", "remove"] as const).map((verb) =>
    route({
      path: ["stonith", "op", verb],
      synopsis: `op ${verb} <stonith id> <operation action> [<operation properties>...]\nop ${verb} <operation id>`,
      help: "Remove operations of the stonith device (see 'pcs resource op delete').",
      complete: ["stonith"],
      run: lazy(op, (m) => (ctx: CommandContext) => m.opDelete(ctx, true)),
    }),
  ),
  route({
    path: ["stonith", "config"],
    synopsis: "config [--output-format text|cmd|json] [<stonith id>]...",
    help:
      "Show the configuration of all stonith devices, or of the given ones, followed by the fencing levels. " +
      "--output-format=cmd prints pcs commands that recreate the devices; json prints a machine-readable form.",
    options: ["--output-format"],
    complete: ["stonith"],
    run: lazy(config, (m) => m.stonithConfig),
  }),
];
