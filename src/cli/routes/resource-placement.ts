// resource move-with-constraint/ban/clear/relocate (location constraints made for placement)
import { lazy } from "../lazy.js";
import type { Route } from "../route-types.js";
import { withUsage } from "./constraint.js";

const placement = () => import("../../commands/resource/placement.js");
const live = () => import("../../commands/resource/move.js");
const LIFETIME =
  " With lifetime=<ISO 8601 duration> the constraint expires after that time; otherwise it stays until 'pcs resource clear' " +
  "or 'pcs constraint delete' removes it. With --promoted only the Promoted role is affected and the promotable clone id must be given.";
const WAIT = " With --wait[=n] (live cluster only), wait (up to n seconds) for the cluster to settle and show where the resource runs.";

export const resourcePlacementRoutes: Route[] = [
  {
    path: ["resource", "move-with-constraint"],
    synopsis: "move-with-constraint <resource id> [destination node] [lifetime=<lifetime>] [--promoted] [--wait[=n]]",
    help:
      "Move a resource by a location constraint: INFINITY on the destination node (cli-prefer-<resource>); without a " +
      "node, -INFINITY on the node it runs on (cli-ban-<resource>-on-<node>)." + LIFETIME + WAIT,
    options: ["--promoted", "--wait"],
    complete: ["resource", "node"],
    run: withUsage(["resource", "move-with-constraint"], lazy(live, (m) => m.moveWithConstraintLive)),
  },
  {
    path: ["resource", "ban"],
    synopsis: "ban <resource id> [node] [--promoted] [lifetime=<lifetime>] [--wait[=n]]",
    help: "Keep a resource off a node (the node it runs on, when none is given) with a -INFINITY location constraint (cli-ban-<resource>-on-<node>)." + LIFETIME + WAIT,
    options: ["--promoted", "--wait"],
    complete: ["resource", "node"],
    run: withUsage(["resource", "ban"], lazy(live, (m) => m.banLive)),
  },
  {
    path: ["resource", "clear"],
    synopsis: "clear <resource id> [node] [--promoted] [--expired] [--wait[=n]]",
    help: "Remove the constraints that move-with-constraint and ban made for the resource (on the node, when given)." + WAIT,
    options: ["--promoted", "--expired", "--wait"],
    complete: ["resource", "node"],
    run: withUsage(["resource", "clear"], lazy(live, (m) => m.clearLive)),
  },
  {
    path: ["resource", "relocate", "clear"],
    synopsis: "relocate clear",
    help: "Remove all constraints left by 'relocate run'.",
    run: withUsage(["resource", "relocate"], lazy(placement, (m) => m.relocateClearCommand)),
  },
];
