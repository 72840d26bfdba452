// stonith level add/remove/clear/config/verify
import { lazy } from "../lazy.js";
import type { Route } from "../route-types.js";
import { withUsage } from "./usage-wrap.js";

const load = () => import("../../commands/stonith/level.js");
const TARGET_HELP =
  "A target is a node name (<node_name>, %<node_name> or node%<node_name>), a regular expression matching node " +
  "names (regexp%<node_pattern>) or a node attribute value (attrib%<name>=<value>).";

export const stonithLevelRoutes: Route[] = [
  {
    path: ["stonith", "level"],
    synopsis: "level [config]",
    help: "List the configured fencing levels.",
    run: withUsage(lazy(load, (m) => m.levelConfigCommand)),
  },
  {
    path: ["stonith", "level", "config"],
    synopsis: "level config",
    help: "List the configured fencing levels.",
    hidden: true,
    run: withUsage(lazy(load, (m) => m.levelConfigCommand)),
  },
  {
    path: ["stonith", "level", "add"],
    synopsis: "level add <level> <target> <stonith id> [stonith id]...",
    help:
      "Add a fencing level: the devices to use, all of them, to fence the target at that level. Levels are tried " +
      "in increasing order until one succeeds. " + TARGET_HELP,
    options: ["--force"],
    complete: [["1", "2", "3"], "node", "stonith"],
    run: withUsage(lazy(load, (m) => m.levelAddCommand), ["stonith", "level", "add"]),
  },
  {
    path: ["stonith", "level", "delete"],
    synopsis: "level delete <level> [target <target>] [stonith <stonith id>...]",
    help: "Remove the fencing levels matching the level and, when given, the target and devices. " + TARGET_HELP,
    complete: [["1", "2", "3"], ["target", "stonith"]],
    run: withUsage(lazy(load, (m) => m.levelRemoveCommand), ["stonith", "level", "delete"]),
  },
  {
    path: ["stonith", "level", "remove"],
    synopsis: "level remove <level> [target <target>] [stonith <stonith id>...]",
    help: "Remove the fencing levels matching the level and, when given, the target and devices. " + TARGET_HELP,
    complete: [["1", "2", "3"], ["target", "stonith"]],
    run: withUsage(lazy(load, (m) => m.levelRemoveCommand), ["stonith", "level", "remove"]),
  },
  {
    path: ["stonith", "level", "clear"],
    synopsis: "level clear [target <target> | stonith <stonith id>...]",
    help: "Remove the fencing levels of a target, or those using exactly the given devices, or all levels. " + TARGET_HELP,
    complete: [["target", "stonith"]],
    run: withUsage(lazy(load, (m) => m.levelClearCommand), ["stonith", "level", "clear"]),
  },
  {
    path: ["stonith", "level", "verify"],
    synopsis: "level verify",
    help: "Check that every fence device and node used in fencing levels exists.",
    run: withUsage(lazy(load, (m) => m.levelVerifyCommand), ["stonith", "level", "verify"]),
  },
];
