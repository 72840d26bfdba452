// resource failcount show, and its alias stonith failcount show
import { lazy } from "../lazy.js";
import type { Route } from "../route-types.js";
import { withUsage } from "./resource-manage.js";

const failcount = () => import("../../commands/resource/failcount.js");
const SYNOPSIS = "failcount [show [<resource id | stonith id>] [node=<node>] [operation=<operation> [interval=<interval>]]] [--full]";

const failcountRoute = (area: "resource" | "stonith", help: string): Route => {
  const built: Route = {
    path: [area, "failcount"],
    synopsis: SYNOPSIS,
    help,
    options: ["--full"],
    complete: [["show"], area === "resource" ? "resource" : "stonith"],
    run: lazy(failcount, (m) => m.failcountCommand),
  };
  return { ...built, run: withUsage(() => built, built.run) };
};

export const resourceFailcountRoutes: Route[] = [
  failcountRoute(
    "resource",
    "Show the fail counts the cluster recorded for resources, per node, optionally only for one resource, node or " +
      "operation. With --full they are listed per operation and interval.",
  ),
];

export const stonithFailcountRoutes: Route[] = [failcountRoute("stonith", "This command is an alias of 'resource failcount show' command.")];
