// resource status (from the CIB status section)
import { lazy } from "../lazy.js";
import type { Route } from "../route-types.js";

const status = () => import("../../commands/status/status.js");

export const resourceStatusRoutes: Route[] = [
  {
    path: ["resource", "status"],
    synopsis: "[status [<resource id | tag id>] [node=<node>] [--hide-inactive]]",
    help:
      "Show the status of the cluster's resources. With a resource id, only that resource; with node, only " +
      "resources running on that node; --hide-inactive shows only running resources.",
    options: ["--hide-inactive"],
    complete: ["resource"],
    run: lazy(status, (m) => m.resourceStatusCommand),
  },
];
