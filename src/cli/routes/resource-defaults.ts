// resource defaults / resource op defaults (rsc_defaults, op_defaults)
import { lazy } from "../lazy.js";
import type { Route } from "../route-types.js";
import { ReportedError } from "../../report/index.js";
import type { Handler } from "../route-types.js";

const load = () => import("../../commands/defaults/commands.js");
// pcs's `defaults update` and legacy `defaults <name>=<value>` never check their options: every option pcs's getopt
// knows (see src/cli/argv.ts) is accepted and ignored there.
const IGNORED_BY_LEGACY = [
  ...["debug", "force", "skip-offline", "autodelete", "simulate", "all", "full", "local", "wait", "config", "start", "enable"],
  ...["disabled", "off", "brief", "safe", "no-strict", "strict", "pacemaker", "corosync", "no-default-ops", "defaults"],
  ...["nodesc", "master", "promoted", "no-watchdog-validation", "no-cluster-uuid", "no-keys-sync", "hide-inactive"],
  ...["monitor", "groups", "expired", "no-expire-check", "overwrite", "agent-validation", "scores", "request-timeout"],
  ...["name", "group", "node", "from", "to", "after", "before", "booth-conf", "booth-key", "output-format", "token", "time"],
].map((o) => `--${o}`).concat(["-p", "-u"]);
const NOTE = "NOTE: Defaults do not apply to resources / stonith devices which override them with their own defined values.";

/**
 * Usage errors print the usage of `base` (the resource command, also for stonith's aliases) plus
 * `tail`, or the words the error names, as pcs's nested routers do: "Usage: pcs resource defaults
 * set..." for a group without its sub-command, "... set ..." for an unknown sub-command of it.
 */
const withDefaultsUsage =
  (run: Handler, base: readonly string[], tail: readonly string[]): Handler =>
  async (ctx) => {
    try {
      await run(ctx);
    } catch (e) {
      if (!(e instanceof ReportedError) || !(e as { showUsage?: boolean }).showUsage) throw e;
      const named = e as { usageWords?: readonly string[]; unknownSubcommand?: boolean };
      const words = [...base, ...(named.usageWords ?? tail)];
      const text = ctx.usage.of(words, named.unknownSubcommand) ?? "";
      process.stderr.write(`${text}\n`);
      throw new ReportedError([], false, 1);
    }
  };

/** The routes of one defaults section; `original`: the resource command whose usage a wrong call prints. */
function defaultsRoutes(prefix: readonly string[], what: string, original?: readonly string[]): Route[] {
  const words = prefix.slice(1).join(" ");
  const withUsage = (run: Handler, tail: readonly string[] = []) => withDefaultsUsage(run, original ?? prefix, tail);
  return [
    {
      path: prefix,
      synopsis: `${words} [config] [--all] [--full] [--no-expire-check]\n${words} <name>=<value>...`,
      help: `List the configured default values for ${what}; the form with <name>=<value> pairs is the deprecated way to set them (use '${words} update'). ${NOTE}`,
      options: ["--all", "--full", "--no-expire-check", ...IGNORED_BY_LEGACY],
      run: withUsage(lazy(load, (m) => m.defaultsCommand)),
    },
    {
      path: [...prefix, "config"],
      synopsis: `${words} config [--all] [--full] [--no-expire-check]`,
      help: `List the configured sets of default values for ${what}. --all also lists sets whose rules have expired, --full shows ids, --no-expire-check skips evaluating rule expiration.`,
      options: ["--all", "--full", "--no-expire-check"],
      run: withUsage(lazy(load, (m) => m.defaultsConfigCommand)),
    },
    {
      path: [...prefix, "set", "create"],
      synopsis: `${words} set create [<set options>] [meta [<name>=<value>]...] [rule [<expression>]]`,
      help:
        `Create a new set of default values for ${what}, optionally applying only where the rule matches. Set options are: id, score. ` +
        `A rule combines, with 'and', 'or' and parentheses: 'resource [<standard>]:[<provider>]:[<type>]', ` +
        (what.includes("operation")
          ? `'op <name> [interval=<interval>]', 'defined|not_defined <node attribute>', '<node attribute> eq|ne|lt|gt|lte|gte [string|integer|number|version] <value>', `
          : "") +
        `'date gt|lt <date>', 'date in_range [<date>] to <date>|duration <duration options>' and 'date-spec <date-spec options>'. ${NOTE}`,
      options: ["--force"],
      run: withUsage(lazy(load, (m) => m.defaultsSetCreateCommand), ["set", "create"]),
    },
    {
      path: [...prefix, "set", "delete"],
      synopsis: `${words} set delete [<set id>]...`,
      help: "Delete the given sets of default values.",
      run: withUsage(lazy(load, (m) => m.defaultsSetRemoveCommand), ["set", "delete"]),
    },
    {
      path: [...prefix, "set", "remove"],
      synopsis: `${words} set remove [<set id>]...`,
      help: "Delete the given sets of default values.",
      run: withUsage(lazy(load, (m) => m.defaultsSetRemoveCommand), ["set", "remove"]),
    },
    {
      path: [...prefix, "set", "update"],
      synopsis: `${words} set update <set id> [meta [<name>=<value>]...]`,
      help: `Add, change or (with an empty value) remove values in the given set of defaults for ${what}; other values stay. ${NOTE}`,
      run: withUsage(lazy(load, (m) => m.defaultsSetUpdateCommand), ["set", "update"]),
    },
    {
      path: [...prefix, "update"],
      synopsis: `${words} update <name>=<value>...`,
      help: `Add, change or (with an empty value) remove default values for ${what} in the only set of defaults, for when you manage just one set. ${NOTE}`,
      options: ["--all", "--full", "--no-expire-check", ...IGNORED_BY_LEGACY],
      run: withUsage(lazy(load, (m) => m.defaultsUpdateCommand), ["update"]),
    },
  ];
}

export const resourceDefaultsRoutes: Route[] = [
  ...defaultsRoutes(["resource", "defaults"], "resources / stonith devices"),
  ...defaultsRoutes(["resource", "op", "defaults"], "operations"),
];

/** `pcs stonith [op] defaults ...`: pcs's aliases of the resource commands. */
const stonithAliases = (original: readonly string[], what: string): Route[] =>
  defaultsRoutes(["stonith", ...original.slice(1)], what, original).map((r) => ({
    ...r,
    help: `This command is an alias of 'resource ${r.path.slice(1).join(" ")}' command.`,
  }));

export const stonithDefaultsRoutes: Route[] = [
  ...stonithAliases(["resource", "op", "defaults"], "operations"),
  ...stonithAliases(["resource", "defaults"], "resources / stonith devices"),
];
