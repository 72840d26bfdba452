import { UsageError } from "../../cib/constraints/errors.js";
import { deprecatedAlias } from "../../commands/legacy.js";
import { info, ReportedError } from "../../report/index.js";
import { lazy } from "../lazy.js";
import type { Area, CommandContext, Handler, Route } from "../route-types.js";

const location = () => import("../../commands/constraint/location.js");
const config = () => import("../../commands/constraint/config.js");
const kinds = () => import("../../commands/constraint/kinds.js");
const del = () => import("../../commands/constraint/delete.js");

/** Bad syntax: pcs prints the usage of the command (or a one-line error) and exits 1. */
export const withUsage =
  (usagePath: readonly string[], handler: Handler): Handler =>
  async (ctx: CommandContext) => {
    try {
      await handler(ctx);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      const lines: string[] = [];
      if (e.text !== undefined) lines.push(`Error: ${e.text}`);
      if (e.more.hint !== undefined) lines.push(`Hint: ${e.more.hint}`);
      if (e.text === undefined || e.more.showUsage) lines.push(usageOf(ctx, usagePath));
      throw new ReportedError([info("GENERIC", { text: lines.join("\n") })], false);
    }
  };

/**
 * pcs's sub_usage: the entries of the constraint usage whose synopsis starts with the command's words, under
 * "Usage: pcs constraint [constraints]...". A sub-command (hidden here, its parent lists it) shows its own entry.
 */
function usageOf(ctx: CommandContext, usagePath: readonly string[]): string {
  if (ctx.route.path.length > 2) return `\nUsage: pcs constraint [constraints]...\n${ctx.usage.route()}`;
  return ctx.usage.sub(usagePath.slice(1));
}

const RESOURCE_HINT =
  " Resource may be either a resource id <resource_id> or %<resource_id> or resource%<resource_id>, or a resource name " +
  "regular expression regexp%<resource_pattern>.";

const route = (r: Omit<Route, "run"> & { run: Handler; usage?: readonly string[] }): Route => ({
  ...r,
  run: withUsage(r.usage ?? r.path.slice(0, 2), r.run),
});

const locationRun = lazy(location, (m) => m.locationCommand);
const orderConfig = lazy(config, (m) => m.typeConfigCommand("rsc_order"));
const colocationConfig = lazy(config, (m) => m.typeConfigCommand("rsc_colocation"));
const ticketConfig = lazy(config, (m) => m.typeConfigCommand("rsc_ticket"));
const configRun = lazy(config, (m) => m.configCommand);
const orDefault =
  (whenEmpty: Handler, otherwise: Handler): Handler =>
  (ctx) =>
    ctx.args.length ? otherwise(ctx) : whenEmpty(ctx);
const usageOnly: Handler = () => {
  throw new UsageError();
};
const SET_HELP_OPTIONS = "Available set options are sequential=true/false, require-all=true/false, role and action.";

export const constraintArea: Area = {
  name: "constraint",
  usageHead: "[constraints]...",
  summary: "Manage resource constraints.",
  defaultPath: ["constraint", "config"],
  routes: [
    route({
      path: ["constraint", "config"],
      synopsis: "[config] [--full] [--all]",
      help: "List all current constraints that are not expired. With --all, expired constraints are listed too. With --full, constraint ids are shown.",
      options: ["--full", "--all"],
      run: configRun,
    }),
    route({ path: ["constraint", "list"], synopsis: "list", help: "Deprecated, use 'config'.", options: ["--full", "--all"], hidden: true, run: deprecatedAlias("pcs constraint config", configRun) }),
    route({ path: ["constraint", "show"], synopsis: "show", help: "Deprecated, use 'config'.", options: ["--full", "--all"], hidden: true, run: deprecatedAlias("pcs constraint config", configRun) }),
    route({
      path: ["constraint", "location"],
      synopsis:
        "location <resource> prefers|avoids <node>[=<score>] [<node>[=<score>]]...\n" +
        "location <resource> rule [id=<rule id>] [resource-discovery=<option>] [role=Promoted|Unpromoted] [constraint-id=<id>] [score=<score> | score-attribute=<attribute>] <expression>\n" +
        "location [config [resources [<resource>...]] | [nodes [<node>...]]] [--all] [--full]\n" +
        "location add <id> <resource> <node> <score> [resource-discovery=<option>]\n" +
        "location delete|remove <id>",
      help:
        "Make a resource prefer (score INFINITY unless given) or avoid nodes; or place it by a rule, where an expression is one of: " +
        "defined|not_defined <node attribute>; <node attribute> lt|gt|lte|gte|eq|ne [string|integer|number|version] <value>; " +
        "date gt|lt <date>; date in_range <date> to <date>; date in_range <date> to duration <duration options>...; " +
        "date-spec <date spec options>...; <expression> and|or <expression>; ( <expression> ). Duration and date spec " +
        "options are hours, monthdays, weekdays, yeardays, months, weeks, years, weekyears and moon. 'config' lists location " +
        "constraints per resource or per node; 'add' makes one with a given id; 'delete' removes one by id." +
        RESOURCE_HINT,
      options: ["--force", "--full", "--all"],
      complete: ["resource", ["prefers", "avoids", "rule"], "node"],
      run: locationRun,
    }),
    route({
      path: ["constraint", "order"],
      synopsis:
        "order [config] [--full]\n" +
        "order [action] <resource id> then [action] <resource id> [options]\n" +
        "order set <resource1> [resourceN]... [options] [set <resourceX> ... [options]] [setoptions [constraint_options]]\n" +
        "order delete|remove <resource1> [resourceN]...",
      help:
        "Start (or run another action on) one resource after another; actions are start, stop, promote, demote; options are " +
        "kind=Optional/Mandatory/Serialize, symmetrical=true/false, require-all=true/false and id=<constraint-id>. 'set' orders " +
        "sets of resources. " + SET_HELP_OPTIONS + " Constraint options of a set are id, kind and symmetrical. 'delete' removes " +
        "the resources from all order constraints. 'config' lists them (--full shows ids).",
      options: ["--force", "--full"],
      complete: [["start", "stop", "promote", "demote", "set", "config", "delete"], "resource"],
      run: orDefault(orderConfig, lazy(kinds, (m) => m.orderAddCommand)),
    }),
    route({ path: ["constraint", "order", "config"], synopsis: "order config [--full]", help: "List order constraints.", options: ["--full"], hidden: true, run: orderConfig }),
    route({ path: ["constraint", "order", "show"], synopsis: "order show", help: "Deprecated.", options: ["--full"], hidden: true, run: deprecatedAlias("pcs constraint order config", orderConfig) }),
    route({ path: ["constraint", "order", "set"], synopsis: "order set <resource1> [resourceN]... [options] [set <resourceX> ... [options]] [setoptions [constraint_options]]", help: "Order sets of resources. " + SET_HELP_OPTIONS + " Constraint options are id, kind and symmetrical.", options: ["--force"], hidden: true, run: lazy(kinds, (m) => m.orderSetCommand) }),
    route({ path: ["constraint", "order", "delete"], synopsis: "order delete <resource1> [resourceN]...", help: "Remove the resources from all order constraints.", hidden: true, run: lazy(kinds, (m) => m.orderRemoveCommand) }),
    route({ path: ["constraint", "order", "remove"], synopsis: "order remove <resource1> [resourceN]...", help: "Remove the resources from all order constraints.", hidden: true, run: lazy(kinds, (m) => m.orderRemoveCommand) }),
    route({
      path: ["constraint", "colocation"],
      synopsis:
        "colocation [config] [--full]\n" +
        "colocation add [<role>] <source resource id> with [<role>] <target resource id> [score] [options] [id=constraint-id]\n" +
        "colocation set <resource1> [resourceN]... [options] [set <resourceX> ... [options]] [setoptions [constraint_options]]\n" +
        "colocation delete|remove <source resource id> <target resource id>",
      help:
        "Keep a resource on the same node as another (positive score) or apart (negative score); score defaults to INFINITY; " +
        "roles are Started, Promoted, Unpromoted (or Stopped). 'set' colocates sets of resources. " + SET_HELP_OPTIONS +
        " Constraint options of a set are id and score. 'delete' removes the colocation between two resources. 'config' lists " +
        "colocation constraints (--full shows ids).",
      options: ["--full"],
      complete: [["add", "set", "config", "delete"], "resource"],
      run: orDefault(colocationConfig, usageOnly),
    }),
    route({ path: ["constraint", "colocation", "add"], synopsis: "colocation add [<role>] <source resource id> with [<role>] <target resource id> [score] [options] [id=constraint-id]", help: "Keep the source resource on the node of the target one (positive score) or away from it (negative score); score defaults to INFINITY; roles are Started (default), Promoted, Unpromoted or Stopped.", options: ["--force"], hidden: true, run: lazy(kinds, (m) => m.colocationAddCommand) }),
    route({ path: ["constraint", "colocation", "set"], synopsis: "colocation set <resource1> [resourceN]... [options] [set <resourceX> ... [options]] [setoptions [constraint_options]]", help: "Colocate sets of resources. " + SET_HELP_OPTIONS + " Constraint options are id and score.", options: ["--force"], hidden: true, run: lazy(kinds, (m) => m.colocationSetCommand) }),
    route({ path: ["constraint", "colocation", "delete"], synopsis: "colocation delete <source resource id> <target resource id>", help: "Remove the colocation of the two resources.", hidden: true, run: lazy(kinds, (m) => m.colocationRemoveCommand) }),
    route({ path: ["constraint", "colocation", "remove"], synopsis: "colocation remove <source resource id> <target resource id>", help: "Remove the colocation of the two resources.", hidden: true, run: lazy(kinds, (m) => m.colocationRemoveCommand) }),
    route({ path: ["constraint", "colocation", "config"], synopsis: "colocation config", help: "List colocations.", options: ["--full"], hidden: true, run: colocationConfig }),
    route({ path: ["constraint", "colocation", "show"], synopsis: "colocation show", help: "Deprecated.", options: ["--full"], hidden: true, run: deprecatedAlias("pcs constraint colocation config", colocationConfig) }),
    route({
      path: ["constraint", "ticket"],
      synopsis:
        "ticket [config] [--full]\n" +
        "ticket add <ticket> [<role>] <resource id> [<options>] [id=<constraint-id>]\n" +
        "ticket set <resource1> [<resourceN>]... [<options>] [set <resourceX> ... [<options>]] setoptions <constraint options>\n" +
        "ticket delete|remove <ticket> <resource id>",
      help:
        "Make a resource depend on a ticket; option loss-policy=fence/stop/freeze/demote says what happens when the ticket is " +
        "revoked. 'set' does it for sets of resources (setoptions need ticket=<ticket>). 'delete' removes the resource's " +
        "ticket constraints. 'config' lists ticket constraints (--full shows ids).",
      options: ["--full"],
      complete: [["add", "set", "config", "delete"]],
      run: orDefault(ticketConfig, usageOnly),
    }),
    route({ path: ["constraint", "ticket", "add"], synopsis: "ticket add <ticket> [<role>] <resource id> [<options>] [id=<constraint-id>]", help: "Make the resource depend on the ticket; loss-policy=fence/stop/freeze/demote says what happens when the ticket is revoked.", options: ["--force"], hidden: true, run: lazy(kinds, (m) => m.ticketAddCommand) }),
    route({ path: ["constraint", "ticket", "set"], synopsis: "ticket set <resource1> [<resourceN>]... [<options>] [set <resourceX> ... [<options>]] setoptions <constraint options>", help: "Make sets of resources depend on a ticket; the constraint options need ticket=<ticket>.", options: ["--force"], hidden: true, run: lazy(kinds, (m) => m.ticketSetCommand) }),
    route({ path: ["constraint", "ticket", "delete"], synopsis: "ticket delete <ticket> <resource id>", help: "Remove the ticket constraints of the resource on the ticket.", hidden: true, run: lazy(kinds, (m) => m.ticketRemoveCommand) }),
    route({ path: ["constraint", "ticket", "remove"], synopsis: "ticket remove <ticket> <resource id>", help: "Remove the ticket constraints of the resource on the ticket.", hidden: true, run: lazy(kinds, (m) => m.ticketRemoveCommand) }),
    route({ path: ["constraint", "ticket", "config"], synopsis: "ticket config", help: "List tickets.", options: ["--full"], hidden: true, run: ticketConfig }),
    route({ path: ["constraint", "ticket", "show"], synopsis: "ticket show", help: "Deprecated.", options: ["--full"], hidden: true, run: deprecatedAlias("pcs constraint ticket config", ticketConfig) }),
    route({
      path: ["constraint", "delete"],
      synopsis: "delete|remove <constraint id>...",
      help: "Remove constraints (or location rules) by id.",
      complete: ["constraint"],
      run: lazy(del, (m) => m.deleteCommand),
    }),
    route({ path: ["constraint", "remove"], synopsis: "remove <constraint id>...", help: "Same as delete.", hidden: true, complete: ["constraint"], run: lazy(del, (m) => m.deleteCommand) }),
    route({
      path: ["constraint", "ref"],
      synopsis: "ref <resource>...",
      help: "List the constraints that refer to the resources.",
      complete: ["resource"],
      run: lazy(del, (m) => m.refCommand),
    }),
    route({
      path: ["constraint", "rule"],
      synopsis:
        "rule add <constraint id> [id=<rule id>] [role=Promoted|Unpromoted] [score=<score>|score-attribute=<attribute>] <expression>\n" +
        "rule delete|remove <rule id>",
      help: "Add a rule to a location constraint (expression as in 'location ... rule'), or remove one; a constraint losing its last rule is removed.",
      options: ["--force"],
      complete: [["add", "delete"], "constraint"],
      run: lazy(location, (m) => m.ruleCommand),
    }),
  ],
};
