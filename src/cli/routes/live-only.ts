// Commands that only work against a running cluster. On a CIB file (-f) pcs refuses them with its
// unsupported-option error; these routes give the same answer instead of a usage text.
import { lazy } from "../lazy.js";
import type { Route } from "../route-types.js";

const live = () => import("../../commands/resource/live-only.js");
const run = lazy(live, (m) => m.liveOnlyCommand);

const route = (path: string[], synopsis: string, help: string, options: string[] = []): Route => ({
  path,
  synopsis,
  help: `${help} Needs a running cluster (not available with -f).`,
  options,
  complete: path[0] === "stonith" ? ["stonith"] : ["resource"],
  run,
});

const debug = (action: string): Route =>
  route(["resource", `debug-${action}`], `debug-${action} <resource id> [--full]`, `Run the agent's ${action} action on this node, outside the cluster's control.`, [
    "--force",
    "--full",
  ]);

export const resourceLiveRoutes: Route[] = [
  route(
    ["resource", "move"],
    "move <resource id> [destination node] [--promoted] [--strict] [--wait[=n]]",
    "Move a resource to another node, then remove the constraint used to move it.",
    ["--autodelete", "--promoted", "--strict", "--wait"],
  ),
  route(["resource", "restart"], "restart <resource id> [node] [--wait=n]", "Restart a resource.", ["--wait"]),
  route(
    ["resource", "cleanup"],
    "cleanup [<resource id> | <stonith id>] [node=<node>] [operation=<operation> [interval=<interval>]] [--strict]",
    "Forget failed operations of resources so the cluster re-checks them.",
    ["--strict"],
  ),
  route(
    ["resource", "refresh"],
    "refresh [<resource id> | <stonith id>] [node=<node>] [--strict]",
    "Forget the whole operation history of resources and re-detect their state.",
    ["--force", "--strict"],
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
  route(["stonith", "fence"], "fence <node> [--off]", "Fence a node.", ["--off"]),
  route(["stonith", "confirm"], "confirm <node> [--force]", "Confirm to the cluster that a node is powered off.", ["--force"]),
  route(["stonith", "cleanup"], "cleanup [<stonith id>] [node=<node>] [--strict]", "Forget failed operations of fence devices.", ["--strict"]),
  route(["stonith", "refresh"], "refresh [<stonith id>] [node=<node>] [--strict]", "Forget the operation history of fence devices.", [
    "--force",
    "--strict",
  ]),
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
  route(["stonith", "history"], "history [show [<node>]]", "Show the fencing history."),
  route(["stonith", "history", "cleanup"], "history cleanup [<node>]", "Clear the fencing history."),
  route(["stonith", "history", "update"], "history update", "Synchronize the fencing history across nodes."),
];
