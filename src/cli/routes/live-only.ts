// Commands that only work against a running cluster. On a CIB file (-f) pcs refuses them with its
// unsupported-option error; these routes give the same answer instead of a usage text.
import { lazy } from "../lazy.js";
import type { CommandContext, Handler, Route } from "../route-types.js";
import { withUsage } from "./resource-manage.js";

const live = () => import("../../commands/resource/live-only.js");
const run = lazy(live, (m) => m.liveOnlyCommand);
const cleanup = () => import("../../commands/resource/cleanup.js");
const restart = () => import("../../commands/resource/restart.js");
const move = () => import("../../commands/resource/move.js");
const debugModule = () => import("../../commands/resource/debug.js");
const fence = () => import("../../commands/stonith/fence.js");
const history = () => import("../../commands/stonith/history.js");

/** A live route with its own handler; a usage error prints this route's usage. */
const implemented = (base: Route, handler: Handler): Route => {
  const built: Route = { ...base, run: handler };
  built.run = withUsage(() => built, handler);
  return built;
};

const route = (path: string[], synopsis: string, help: string, options: string[] = []): Route => ({
  path,
  synopsis,
  help: `${help} Needs a running cluster (not available with -f).`,
  options,
  complete: path[0] === "stonith" ? ["stonith"] : ["resource"],
  run,
});

const debug = (action: "start" | "stop" | "promote" | "demote" | "monitor"): Route =>
  implemented(
    route(
      ["resource", `debug-${action}`],
      `debug-${action} <resource id> [--full]`,
      `Run the agent's ${action} action on this node, outside the cluster's control, and print its result and output ` +
        "(exit status: the agent's). With --full the agent's trace is shown too.",
      ["--force", "--full"],
    ),
    lazy(debugModule, (m) => (ctx: CommandContext) => m.debugCommand(ctx, action)),
  );

const CLEANUP_HELP =
  "Forget the failed operations of a resource (all resources when none is given), on a node or all nodes, and " +
  "reset its fail counts, so the cluster checks its state again. With operation= (and interval=) only those " +
  "failures are forgotten. A resource in a group or clone is cleaned up with its group or clone unless --strict is given.";
const REFRESH_HELP =
  "Forget the whole operation history of a resource (all resources when none is given) on a node or all nodes, so " +
  "the cluster re-detects its state. A resource in a group or clone is refreshed with its group or clone unless " +
  "--strict is given; refreshing everything everywhere in a big cluster needs --force.";

export const resourceLiveRoutes: Route[] = [
  implemented(
    {
      ...route(
        ["resource", "move"],
        "move <resource id> [destination node] [--promoted] [--strict] [--wait[=n]]",
        "Move a resource to the node (away from its current node when none is given) with a location constraint, " +
          "wait until it moved, then remove the constraint, provided the resource stays where it went (with " +
          "--strict: provided no other resource moves either). --wait=n limits each wait to n seconds.",
        ["--autodelete", "--promoted", "--strict", "--wait"],
      ),
      complete: ["resource", "node"],
    },
    lazy(move, (m) => m.moveCommand),
  ),
  implemented(
    {
      ...route(
        ["resource", "restart"],
        "restart <resource id> [node] [--wait=n]",
        "Stop the resource, wait until it stopped, start it again and wait until it runs. A node may be given for a " +
          "clone or bundle (only its instance there restarts). --wait=n gives up after n seconds.",
        ["--wait"],
      ),
      complete: ["resource", "node"],
    },
    lazy(restart, (m) => m.restartCommand),
  ),
  implemented(
    route(
      ["resource", "cleanup"],
      "cleanup [<resource id> | <stonith id>] [node=<node>] [operation=<operation> [interval=<interval>]] [--strict]",
      CLEANUP_HELP,
      ["--strict"],
    ),
    lazy(cleanup, (m) => m.cleanupCommand),
  ),
  implemented(
    route(["resource", "refresh"], "refresh [<resource id> | <stonith id>] [node=<node>] [--strict]", REFRESH_HELP, ["--force", "--full", "--strict"]),
    lazy(cleanup, (m) => m.refreshCommand),
  ),
  route(
    ["resource", "safe-disable"],
    "safe-disable <resource id | tag id>... [--brief] [--no-strict] [--simulate] [--wait[=n]] [--force]",
    "Stop resources only when no other resource would be affected.",
    ["--brief", "--force", "--no-strict", "--simulate", "--wait"],
  ),
  route(["resource", "relocate", "run"], "relocate run [resource1] [resource2] ...", "Move resources to their preferred nodes."),
  route(["resource", "relocate", "dry-run"], "relocate dry-run [resource1] [resource2] ...", "Show where 'relocate run' would move resources."),
  route(["resource", "relocate", "show"], "relocate show", "Show the current and preferred placement of resources."),
  debug("start"),
  debug("stop"),
  debug("promote"),
  debug("demote"),
  debug("monitor"),
];

export const stonithLiveRoutes: Route[] = [
  route(
    ["stonith", "update-scsi-devices"],
    "update-scsi-devices <stonith id> (set <device-path> [<device-path>...]) | (add <device-path> [<device-path>...] delete|remove <device-path> [<device-path>...])",
    "Change the devices of a SCSI fence device without restarting the resources that use it.",
    ["--skip-offline"],
  ),
  implemented(
    {
      ...route(
        ["stonith", "fence"],
        "fence <node> [--off]",
        "Have the cluster fence the node with its fence devices (reboot; --off powers it off) and wait for the " +
          "result. The fencing is recorded in the fencing history.",
        ["--off"],
      ),
      complete: ["node"],
    },
    lazy(fence, (m) => m.fenceCommand),
  ),
  implemented(
    {
      ...route(
        ["stonith", "confirm"],
        "confirm <node> [--force]",
        "Tell the cluster that the node is safely down (powered off, cut off from shared resources), as if it had " +
          "been fenced, so that its resources can be recovered. WARNING: if the node is still running, data may be " +
          "corrupted. Asks for confirmation on a terminal; --force skips the question.",
        ["--force"],
      ),
      complete: ["node"],
    },
    lazy(fence, (m) => m.confirmCommand),
  ),
  implemented(
    route(
      ["stonith", "cleanup"],
      "cleanup [<stonith id>] [node=<node>] [operation=<operation> [interval=<interval>]] [--strict]",
      CLEANUP_HELP.replace(/resources?/g, (w) => (w === "resource" ? "fence device" : "fence devices")),
      ["--strict"],
    ),
    lazy(cleanup, (m) => m.cleanupCommand),
  ),
  implemented(
    route(
      ["stonith", "refresh"],
      "refresh [<stonith id>] [node=<node>] [--strict]",
      REFRESH_HELP.replace(/resources?/g, (w) => (w === "resource" ? "fence device" : "fence devices")),
      ["--force", "--full", "--strict"],
    ),
    lazy(cleanup, (m) => m.refreshCommand),
  ),
  route(["stonith", "sbd", "enable"], "sbd enable [watchdog=<path>[@<node>]]... [device=<path>[@<node>]]... [<SBD option>=<value>]...", "Enable SBD on the cluster nodes.", [
    "--request-timeout",
    "--skip-offline",
    "--no-watchdog-validation",
  ]),
  route(["stonith", "sbd", "disable"], "sbd disable", "Disable SBD on the cluster nodes.", ["--request-timeout", "--skip-offline"]),
  route(["stonith", "sbd", "status"], "sbd status [--full]", "Show the SBD status of the cluster nodes.", ["--request-timeout", "--full"]),
  route(["stonith", "sbd", "config"], "sbd config", "Show the SBD configuration of the cluster.", ["--request-timeout"]),
  route(["stonith", "sbd", "device", "setup"], "sbd device setup device=<path> [device=<path>]... [watchdog-timeout=<integer>]...", "Initialize SBD devices.", ["--force"]),
  route(["stonith", "sbd", "device", "message"], "sbd device message <device-path> <node> <message type>", "Send a message to a node through an SBD device."),
  route(["stonith", "sbd", "watchdog", "list"], "sbd watchdog list", "List the watchdog devices of this node."),
  route(["stonith", "sbd", "watchdog", "test"], "sbd watchdog test [<watchdog-path>]", "Test a watchdog by resetting this node.", ["--force"]),
  implemented(
    {
      ...route(
        ["stonith", "history"],
        "history [show [<node>]]",
        "Show the fencing operations the cluster remembers for the node, or for all nodes: pending, successful " +
          "and failed, newest first, with the node that ran the device, who asked and when it completed.",
      ),
      complete: [["show"], "node"],
    },
    lazy(history, (m) => m.historyShowCommand),
  ),
  implemented(
    {
      ...route(
        ["stonith", "history", "cleanup"],
        "history cleanup [<node>]",
        "Forget the fencing history of the node, or of all nodes, on every cluster node.",
      ),
      complete: ["node"],
    },
    lazy(history, (m) => m.historyCleanupCommand),
  ),
  implemented(
    {
      ...route(["stonith", "history", "update"], "history update", "Gather the fencing history from all nodes, so that every node knows all of it."),
      complete: [],
    },
    lazy(history, (m) => m.historyUpdateCommand),
  ),
];
