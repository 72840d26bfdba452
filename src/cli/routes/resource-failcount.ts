// resource failcount show
import { lazy } from "../lazy.js";
import type { Route } from "../route-types.js";
import { withUsage } from "./resource-manage.js";

const failcount = () => import("../../commands/resource/failcount.js");

export const resourceFailcountRoutes: Route[] = [
  {
    path: ["resource", "failcount"],
    synopsis: "failcount [show [<resource id | stonith id>] [node=<node>] [operation=<operation> [interval=<interval>]]] [--full]",
    help:
      "Show the fail counts the cluster recorded for resources, per node, optionally only for one resource, node or " +
      "operation. With --full they are listed per operation and interval.",
    options: ["--full"],
    complete: [["show"], "resource"],
    run: withUsage(() => resourceFailcountRoutes[0], lazy(failcount, (m) => m.failcountCommand)),
  },
];
