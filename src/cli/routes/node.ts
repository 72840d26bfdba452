import { lazy } from "../lazy.js";
import type { Area } from "../route-types.js";
import { withUsage } from "./usage-wrap.js";

const attributes = () => import("../../commands/node/attributes.js");

export const nodeArea: Area = {
  name: "node",
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
  ],
};
