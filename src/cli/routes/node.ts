import { lazy } from "../lazy.js";
import type { Area, CommandContext, Route } from "../route-types.js";
import { withUsage } from "./usage-wrap.js";

const attributes = () => import("../../commands/node/attributes.js");
const standby = () => import("../../commands/node/standby.js");

const MODE_HELP: Record<string, string> = {
  standby: "Put the nodes into standby mode (they run no resources)",
  unstandby: "Take the nodes out of standby mode (they may run resources again)",
  maintenance: "Put the nodes into maintenance mode (the cluster leaves their resources alone)",
  unmaintenance: "Take the nodes out of maintenance mode",
};

const modeRoute = (word: "standby" | "unstandby" | "maintenance" | "unmaintenance"): Route => ({
  path: ["node", word],
  synopsis: `${word} [--all | <node>...] [--wait[=n]]`,
  help:
    `${MODE_HELP[word]}: the nodes given, every node with --all, else this node. With --wait[=n] (live cluster only), ` +
    "wait (up to n seconds) for the cluster to settle; exit 1 if it did not in time.",
  options: ["--all", "--wait"],
  complete: ["node"],
  run: withUsage(
    lazy(standby, (m) => (ctx: CommandContext) => m.nodeModeCommand(ctx, word.replace(/^un/, "") as "standby" | "maintenance", !word.startsWith("un"))),
  ),
});

export const nodeArea: Area = {
  name: "node",
  usageHead: "<command>",
  summary: "Manage cluster nodes.",
  routes: [
    {
      path: ["node", "attribute"],
      synopsis: "attribute [[<node>] [--name <name>] | <node> <name>=<value> ...]",
      help:
        "Show the attributes of all nodes, or of one node (--name shows only that attribute). With <name>=<value> " +
        "pairs, set the node's attributes; an empty value removes an attribute (with --force, removing a missing " +
        "one is not an error).",
      options: ["--force", "--name"],
      complete: ["node"],
      run: withUsage(lazy(attributes, (m) => m.nodeAttributeCommand)),
    },
    {
      path: ["node", "utilization"],
      synopsis: "utilization [[<node>] [--name <name>] | <node> <name>=<value> ...]",
      help:
        "Show the utilization of all nodes, or of one node (--name shows only that attribute). With <name>=<value> " +
        "pairs, set the node's utilization; values are integers, an empty value removes the attribute. The " +
        "placement-strategy cluster property must not be 'default' for utilization to take effect.",
      options: ["--name"],
      complete: ["node"],
      run: withUsage(lazy(attributes, (m) => m.nodeUtilizationCommand)),
    },
    modeRoute("maintenance"),
    modeRoute("unmaintenance"),
    modeRoute("standby"),
    modeRoute("unstandby"),
  ],
};
